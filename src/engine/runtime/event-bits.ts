/** Event types as bits, so a route's type list is one integer test in the hot path. */
import { EVENT_TYPES, type EventType } from '../events';

// A Map: event types are few interned strings, and Map.get on them beats a keyed object load.
const INDEX: ReadonlyMap<string, number> = new Map(EVENT_TYPES.map((type, index) => [type, index]));
const BIT: ReadonlyMap<string, number> = new Map(
  EVENT_TYPES.map((type, index) => [type, 1 << index]),
);

export function typeIndex(type: EventType): number {
  return INDEX.get(type)!;
}

/** A switch on the interned type strings: the hottest lookup of the engine, faster than a Map. */
export function typeBit(type: EventType): number {
  switch (type) {
    case 'BarEvent':
      return 1;
    case 'IndicatorEvent':
      return 2;
    case 'TradingSignal':
      return 4;
    case 'OrderEvent':
      return 8;
    case 'FillEvent':
      return 16;
    case 'PortfolioUpdateEvent':
      return 32;
    default:
      return BIT.get(type)!;
  }
}

export function maskOf(types: readonly EventType[]): number {
  let mask = 0;
  for (const type of types) mask |= typeBit(type);
  return mask;
}

export const ALL_TYPES = maskOf(EVENT_TYPES);
