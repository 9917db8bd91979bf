/** Event types as bits, so a route's type list is one integer test in the hot path. */
import { EVENT_TYPES, type EventType } from '../events';

// Inboxes keep an event's type index in four bits (./ring).
if (EVENT_TYPES.length > 16) throw new Error('Inboxes tag events with at most 16 event types');

// A Map: event types are few interned strings, and Map.get on them beats a keyed object load.
const BIT: ReadonlyMap<string, number> = new Map(
  EVENT_TYPES.map((type, index) => [type, 1 << index]),
);

/** The position of a type in EVENT_TYPES. */
export function typeIndex(type: EventType): number {
  return 31 - Math.clz32(typeBit(type));
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

export const TYPE_INDEX = {
  BarEvent: 0,
  SignalRejected: typeIndex('SignalRejected'),
  OrderCancelled: typeIndex('OrderCancelled'),
  BreakerStateChanged: typeIndex('BreakerStateChanged'),
} as const;

export function maskOf(types: readonly EventType[]): number {
  let mask = 0;
  for (const type of types) mask |= typeBit(type);
  return mask;
}

export const ALL_TYPES = maskOf(EVENT_TYPES);
