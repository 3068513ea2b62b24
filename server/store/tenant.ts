// One OAuth client's world: its merchant, objects, id sequence and clock. Another tenant's ids are
// invisible because every lookup goes through the tenant that the bearer token resolved to.
import { Clock, type ClockState } from './clock.js';
import { IdGenerator, type IdGeneratorState } from './ids.js';
import { Collection } from './collection.js';
import { Outbox } from './outbox.js';
import { LimitReached, Meter, type Limits } from './budget.js';
import { COLLECTIONS, type CollectionName, type JournalEntry, type JournalSink, type TenantImage } from './journal-entries.js';
import type {
  ContainerEntity,
  CustomerEntity,
  MerchantEntity,
  PaymentTransactionEntity,
  PlanEntity,
  SmartTransactionEntity,
  SubscriptionEntity,
} from './entities.js';

export interface TenantSnapshot {
  ids: IdGeneratorState;
  clock: ClockState;
  merchant: MerchantEntity;
  collections: Record<CollectionName, Map<string, unknown>>;
}

/** Told, before a commit, of each staged put and the object it replaces (the status history listens). */
export type CommitListener = (tenant: Tenant, kind: CollectionName, put: { id: string }, before: { id: string } | undefined) => void;

export class Tenant {
  readonly clock = new Clock();
  readonly ids: IdGenerator;
  merchant: MerchantEntity;

  /** Estimated bytes of the tenant's objects; its parent is the store's total. */
  readonly meter = new Meter();
  /** Set by the store the tenant joins; without limits nothing is refused. */
  limits: Limits | null = null;

  readonly smartTransactions = new Collection<SmartTransactionEntity>(this.meter);
  readonly paymentTransactions = new Collection<PaymentTransactionEntity>(this.meter);
  readonly customers = new Collection<CustomerEntity>(this.meter);
  readonly containers = new Collection<ContainerEntity>(this.meter);
  readonly plans = new Collection<PlanEntity>(this.meter);
  readonly subscriptions = new Collection<SubscriptionEntity>(this.meter);
  /** Pushes to the shop, recorded by domain steps and committed with them. */
  readonly outbox = new Outbox();
  /** Set by the store: null, nobody listens. */
  onCommit: CommitListener | null = null;
  private inTransaction = false;
  private sink: JournalSink | null = null;
  private restoring = false;

  constructor(
    readonly clientId: string,
    readonly clientSecret: string,
    seed: string,
    merchant: (ids: IdGenerator) => MerchantEntity,
  ) {
    this.ids = new IdGenerator(seed);
    this.merchant = merchant(this.ids);
  }

  /** Every change from now on goes to `sink` as a journal entry (null: none). */
  set journal(sink: JournalSink | null) {
    this.sink = sink;
    const record = sink && ((entry: JournalEntry) => void (this.restoring || sink(entry)));
    for (const name of COLLECTIONS) {
      this.collection(name).onDirectWrite = record && ((put, deletedId) =>
        record({ k: 'write', client: this.clientId, ids: this.ids.state, clock: this.clock.state, ...(put ? { puts: [[name, put]] } : { deletes: [[name, deletedId!]] }) }));
    }
    this.clock.onChange = record && (() => record({ k: 'write', client: this.clientId, ids: this.ids.state, clock: this.clock.state }));
    this.outbox.onWrite = record && ((pushes) => record({ k: 'pushes', client: this.clientId, pushes: [...pushes] }));
  }

  /** One collection, typed loosely: for what treats every kind alike. */
  private collection(name: CollectionName): Collection<{ id: string }> {
    return this[name] as unknown as Collection<{ id: string }>;
  }

  /** Everything the tenant holds, as plain data. */
  image(): TenantImage {
    const collections = {} as TenantImage['collections'];
    for (const name of COLLECTIONS) collections[name] = this[name].toArray();
    return { client: this.clientId, secret: this.clientSecret, ids: this.ids.state, clock: this.clock.state, merchant: this.merchant, collections, outbox: [...this.outbox.all()] };
  }

  /**
   * Runs a state change all-or-nothing: puts are staged and committed when `change` returns; if it
   * throws, or it would take the tenant past a limit (LimitReached), the collections and the id
   * sequence are exactly as before.
   */
  transact<R>(change: () => R): R {
    // Nested calls (one domain step made of others) join the outer transaction.
    if (this.inTransaction) return change();
    this.inTransaction = true;
    const ids = this.ids.state;
    for (const name of COLLECTIONS) this[name].begin();
    this.outbox.begin();
    try {
      const result = change();
      this.checkLimits();
      if (this.sink) this.recordStaged(this.sink);
      if (this.onCommit) this.reportStaged(this.onCommit);
      for (const name of COLLECTIONS) this[name].commit();
      this.outbox.commit();
      return result;
    } catch (err) {
      for (const name of COLLECTIONS) this[name].rollback();
      this.outbox.rollback();
      this.ids.state = ids;
      throw err;
    } finally {
      this.inTransaction = false;
    }
  }

  /**
   * Moves with every change of the tenant's objects: committed, written directly or restored (a
   * restore also brings back the merchant). An answer built at one generation is right while it lasts.
   */
  get generation(): number {
    // Spelled out, not a loop over COLLECTIONS: every GET one asks.
    return this.smartTransactions.changes + this.paymentTransactions.changes + this.customers.changes + this.containers.changes + this.plans.changes + this.subscriptions.changes;
  }

  /** The objects held, in every collection together. */
  get objectCount(): number {
    let count = 0;
    for (const name of COLLECTIONS) count += this[name].size;
    return count;
  }

  private checkLimits(): void {
    let added = 0;
    let bytes = 0;
    for (const name of COLLECTIONS) {
      const staged = this[name].measureStaged();
      added += staged.added;
      bytes += staged.bytes;
    }
    const limits = this.limits;
    if (!limits) return;
    if (added > 0 && this.objectCount + added > limits.maxObjects) throw new LimitReached('maxObjects', limits.maxObjects);
    if (bytes > 0 && this.meter.bytes + bytes > limits.maxBytes) throw new LimitReached('maxBytes', limits.maxBytes);
    const total = this.meter.parent;
    if (bytes > 0 && total && total.bytes + bytes > limits.maxTotalBytes) throw new LimitReached('maxTotalBytes', limits.maxTotalBytes);
  }

  private recordStaged(sink: JournalSink): void {
    const puts: [CollectionName, { id: string }][] = [];
    for (const name of COLLECTIONS) for (const entity of this[name].stagedValues() ?? []) puts.push([name, entity]);
    const pushes = this.outbox.stagedPushes();
    if (puts.length > 0 || pushes.length > 0) {
      sink({ k: 'write', client: this.clientId, ids: this.ids.state, clock: this.clock.state, puts, ...(pushes.length > 0 && { pushes: [...pushes] }) });
    }
  }

  private reportStaged(listener: CommitListener): void {
    for (const name of COLLECTIONS) {
      const collection = this.collection(name);
      for (const entity of collection.stagedValues() ?? []) listener(this, name, entity, collection.committed(entity.id));
    }
  }

  snapshot(): TenantSnapshot {
    const collections = {} as TenantSnapshot['collections'];
    for (const name of COLLECTIONS) collections[name] = this[name].snapshot();
    return { ids: this.ids.state, clock: this.clock.state, merchant: this.merchant, collections };
  }

  /**
   * Back to a snapshot's objects, merchant and clock, with an empty outbox. The id sequence does not go back: an id once
   * handed out is never handed out again (a client still holding it would act on a new object).
   */
  restore(snapshot: TenantSnapshot): void {
    // Pushes about objects the reset removes would name objects that no longer exist.
    this.outbox.clear();
    this.restoring = true;
    try {
      this.clock.state = snapshot.clock;
      this.merchant = snapshot.merchant;
      for (const name of COLLECTIONS) {
        this.collection(name).restore(
          snapshot.collections[name] as Map<string, { id: string }>,
        );
      }
    } finally {
      this.restoring = false;
    }
    this.sink?.({ k: 'image', tenant: this.image() });
  }
}
