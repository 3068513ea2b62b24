// A fixed-size buffer of the newest items: past its capacity a push drops the oldest. Backs the
// status history, which must stay bounded however long the mock runs.
export class Ring<T> {
  private readonly items: T[] = [];
  /** Index of the oldest item once the ring is full. */
  private head = 0;

  constructor(readonly capacity: number) {}

  get size(): number {
    return this.items.length;
  }

  push(item: T): void {
    if (this.capacity === 0) return;
    if (this.items.length < this.capacity) {
      this.items.push(item);
      return;
    }
    this.items[this.head] = item;
    this.head = (this.head + 1) % this.capacity;
  }

  /** Oldest first. */
  toArray(): T[] {
    return [...this.items.slice(this.head), ...this.items.slice(0, this.head)];
  }
}
