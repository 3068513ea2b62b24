// A tenant's objects of one kind. Entities are immutable values: an update puts a new object, so a
// snapshot is a shallow copy of the map and restoring it is instant. While a transaction is open,
// puts are staged and only reach the map on commit; a failed request leaves nothing behind. The
// collection keeps its tenant's meter of estimated bytes up to date.
import { approxBytes, type Meter } from './budget.js';

export interface Identified {
  readonly id: string;
}

/** What a commit would add: new objects, and estimated bytes (negative when objects shrink). */
export interface StagedSize {
  added: number;
  bytes: number;
}

/** Estimated bytes of each snapshot, so that a restore does not walk every object again. */
const snapshotBytes = new WeakMap<Map<string, unknown>, number>();

export class Collection<T extends Identified> {
  private items = new Map<string, T>();
  private staged: Map<string, T> | null = null;
  private bytes = 0;
  private stagedBytes = 0;
  private changeCount = 0;

  /** Told of each put or delete outside a transaction (a journal records them); null: nobody listens. */
  onDirectWrite: ((put: T | undefined, deletedId: string | undefined) => void) | null = null;

  constructor(private readonly meter: Meter) {}

  /** Moves with every change of what the collection holds (what answers of it were built from). */
  get changes(): number {
    return this.changeCount;
  }

  get(id: string): T | undefined {
    return this.staged?.get(id) ?? this.items.get(id);
  }

  /** The committed object, ignoring what an open transaction staged. */
  committed(id: string): T | undefined {
    return this.items.get(id);
  }

  put(entity: T): T {
    if (this.staged) {
      this.staged.set(entity.id, entity);
    } else {
      this.count(approxBytes(entity) - sizeOf(this.items.get(entity.id)));
      this.items.set(entity.id, entity);
      this.changeCount++;
      this.onDirectWrite?.(entity, undefined);
    }
    return entity;
  }

  delete(id: string): void {
    if (this.staged) throw new Error('delete inside a transaction is not supported');
    this.count(-sizeOf(this.items.get(id)));
    this.items.delete(id);
    this.changeCount++;
    this.onDirectWrite?.(undefined, id);
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

  /** Every object as an array, in creation order: a list request's view of the collection. */
  toArray(): T[] {
    // Outside a transaction (every read) the map's own iterator, about ten times faster than values().
    return this.staged ? Array.from(this.values()) : Array.from(this.items.values());
  }

  begin(): void {
    this.staged = new Map();
  }

  /** Measures what the staged puts would add; `commit` then counts exactly that. */
  measureStaged(): StagedSize {
    let added = 0;
    let bytes = 0;
    if (this.staged) {
      for (const [id, item] of this.staged) {
        const old = this.items.get(id);
        if (old === item) continue;
        if (!old) added++;
        bytes += approxBytes(item) - sizeOf(old);
      }
    }
    this.stagedBytes = bytes;
    return { added, bytes };
  }

  /** What the open transaction has put, before commit. */
  stagedValues(): IterableIterator<T> | undefined {
    return this.staged?.values();
  }

  commit(): void {
    if (this.staged?.size) {
      for (const [id, item] of this.staged) this.items.set(id, item);
      this.changeCount++;
    }
    this.staged = null;
    this.count(this.stagedBytes);
    this.stagedBytes = 0;
  }

  rollback(): void {
    this.staged = null;
    this.stagedBytes = 0;
  }

  snapshot(): Map<string, T> {
    const copy = new Map(this.items);
    snapshotBytes.set(copy, this.bytes);
    return copy;
  }

  restore(items: Map<string, T>): void {
    this.items = new Map(items);
    this.changeCount++;
    this.staged = null;
    this.stagedBytes = 0;
    let bytes = snapshotBytes.get(items);
    if (bytes === undefined) {
      bytes = 0;
      for (const item of items.values()) bytes += approxBytes(item);
    }
    this.count(bytes - this.bytes);
  }

  private count(bytes: number): void {
    this.bytes += bytes;
    this.meter.add(bytes);
  }
}

const sizeOf = (entity: unknown): number => (entity === undefined ? 0 : approxBytes(entity));
