// A fixed-size buffer of the newest items: past its capacity a push drops the oldest. Backs the
// request journal and the status history, which must stay bounded however long the mock runs.
export class Ring<T> {
  private items: (T | undefined)[] = [];
  /** Index of the oldest item once the ring is full. */
  private head = 0;
  private count = 0;

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.count;
  }

  /** Adds `item`; answers the item it pushed out, if any. */
  push(item: T): T | undefined {
    if (this.capacity === 0) return item;
    if (this.count < this.capacity) {
      this.items[(this.head + this.count++) % this.capacity] = item;
      return undefined;
    }
    const dropped = this.items[this.head];
    this.items[this.head] = item;
    this.head = (this.head + 1) % this.capacity;
    return dropped;
  }

  /** Removes and answers the oldest item. */
  shift(): T | undefined {
    if (this.count === 0) return undefined;
    const oldest = this.items[this.head];
    this.items[this.head] = undefined;
    this.head = (this.head + 1) % this.capacity;
    this.count--;
    return oldest;
  }

  /** Newest first, as many as `visit` accepts: it returns false to stop. */
  newestFirst(visit: (item: T) => boolean | void): void {
    for (let i = this.count - 1; i >= 0; i--) if (visit(this.items[(this.head + i) % this.capacity]!) === false) return;
  }

  /** Oldest first. */
  toArray(): T[] {
    const out: T[] = [];
    for (let i = 0; i < this.count; i++) out.push(this.items[(this.head + i) % this.capacity]!);
    return out;
  }

  clear(): void {
    this.items = [];
    this.head = 0;
    this.count = 0;
  }
}
