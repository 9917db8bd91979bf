/** Growable FIFO ring buffers: O(1) push and shift, power-of-two capacity, no per-item allocation. */
export class RingQueue<T> {
  private items: (T | undefined)[];
  private mask: number;
  private head = 0;
  private count = 0;

  constructor(capacity = 16) {
    const size = powerOfTwo(capacity);
    this.items = new Array(size);
    this.mask = size - 1;
  }

  get length(): number {
    return this.count;
  }

  push(item: T): void {
    if (this.count > this.mask) this.grow();
    this.items[(this.head + this.count) & this.mask] = item;
    this.count++;
  }

  shift(): T | undefined {
    if (this.count === 0) return undefined;
    const item = this.items[this.head];
    this.items[this.head] = undefined;
    this.head = (this.head + 1) & this.mask;
    this.count--;
    return item;
  }

  clear(): void {
    this.items = new Array(16);
    this.mask = 15;
    this.head = 0;
    this.count = 0;
  }

  /** Oldest first. */
  toArray(limit = this.count): T[] {
    const out: T[] = [];
    for (let i = 0; i < Math.min(limit, this.count); i++)
      out.push(this.items[(this.head + i) & this.mask] as T);
    return out;
  }

  private grow(): void {
    const next = new Array<T | undefined>(this.items.length * 2);
    for (let i = 0; i < this.count; i++) next[i] = this.items[(this.head + i) & this.mask];
    this.items = next;
    this.mask = next.length - 1;
    this.head = 0;
  }
}

/**
 * A container's inbox: each waiting event with the index of the route it came by and its event
 * type's index (kept here so delivery never reads the type back off events of many shapes).
 */
export class Inbox<T> {
  private events: (T | undefined)[] = new Array(16);
  /** route * 16 + type index, per slot. */
  private tags = new Int32Array(16);
  private mask = 15;
  private head = 0;
  private count = 0;
  /** Route of the event the last shift() returned. */
  lastRoute = -1;
  /** Event type index of the event the last shift() returned. */
  lastType = -1;

  get length(): number {
    return this.count;
  }

  push(event: T, route: number, type: number): void {
    if (this.count > this.mask) this.grow();
    const at = (this.head + this.count) & this.mask;
    this.events[at] = event;
    this.tags[at] = route * 16 + type;
    this.count++;
  }

  shift(): T | undefined {
    if (this.count === 0) return undefined;
    const head = this.head;
    const event = this.events[head];
    const tag = this.tags[head]!;
    this.lastRoute = tag >> 4;
    this.lastType = tag & 15;
    this.events[head] = undefined;
    this.head = (head + 1) & this.mask;
    this.count--;
    return event;
  }

  toArray(limit = this.count): T[] {
    const out: T[] = [];
    for (let i = 0; i < Math.min(limit, this.count); i++)
      out.push(this.events[(this.head + i) & this.mask] as T);
    return out;
  }

  private grow(): void {
    const size = this.events.length * 2;
    const events = new Array<T | undefined>(size);
    const tags = new Int32Array(size);
    for (let i = 0; i < this.count; i++) {
      const from = (this.head + i) & this.mask;
      events[i] = this.events[from];
      tags[i] = this.tags[from]!;
    }
    this.events = events;
    this.tags = tags;
    this.mask = size - 1;
    this.head = 0;
  }
}

function powerOfTwo(n: number): number {
  let size = 16;
  while (size < n) size *= 2;
  return size;
}
