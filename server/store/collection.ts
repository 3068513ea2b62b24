// A tenant's objects of one kind. Entities are immutable values: an update puts a new object, so a
// snapshot is a shallow copy of the map and restoring it is instant. While a transaction is open,
// puts are staged and only reach the map on commit; a failed request leaves nothing behind.

export interface Identified {
  readonly id: string;
}

export class Collection<T extends Identified> {
  private items = new Map<string, T>();
  private staged: Map<string, T> | null = null;

  get(id: string): T | undefined {
    return this.staged?.get(id) ?? this.items.get(id);
  }

  put(entity: T): T {
    (this.staged ?? this.items).set(entity.id, entity);
    return entity;
  }

  delete(id: string): void {
    if (this.staged) throw new Error('delete inside a transaction is not supported');
    this.items.delete(id);
  }

  get size(): number {
    return this.items.size;
  }

  /** Insertion order (creation order), staged versions replacing committed ones. */
  *values(): IterableIterator<T> {
    const staged = this.staged;
    for (const [id, item] of this.items) yield staged?.get(id) ?? item;
    if (staged) for (const [id, item] of staged) if (!this.items.has(id)) yield item;
  }

  begin(): void {
    this.staged = new Map();
  }

  commit(): void {
    if (this.staged) for (const [id, item] of this.staged) this.items.set(id, item);
    this.staged = null;
  }

  rollback(): void {
    this.staged = null;
  }

  snapshot(): Map<string, T> {
    return new Map(this.items);
  }

  restore(items: Map<string, T>): void {
    this.items = new Map(items);
    this.staged = null;
  }
}
