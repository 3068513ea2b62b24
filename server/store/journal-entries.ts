// The store's changes as entries of one ordered log, and its whole state as an image: what a durable
// backend writes. Entries are plain JSON.
import type { ClockState } from './clock.js';
import type { MerchantEntity } from './entities.js';
import type { IdGeneratorState } from './ids.js';

export const COLLECTIONS = ['smartTransactions', 'paymentTransactions', 'customers', 'containers', 'plans', 'subscriptions'] as const;
export type CollectionName = (typeof COLLECTIONS)[number];

/** Everything one tenant holds. */
export interface TenantImage {
  client: string;
  secret: string;
  ids: IdGeneratorState;
  clock: ClockState;
  merchant: MerchantEntity;
  collections: Record<CollectionName, { id: string }[]>;
}

export type JournalEntry =
  /** A tenant made after start-up (a provider state). */
  | { k: 'tenant'; tenant: TenantImage }
  /** A committed change set: the objects put and deleted, and the id sequence and clock after it. */
  | { k: 'write'; client: string; ids: IdGeneratorState; clock: ClockState; puts?: [CollectionName, { id: string }][]; deletes?: [CollectionName, string][] }
  /** A tenant set back as a whole (reset, a provider state's teardown). */
  | { k: 'image'; tenant: TenantImage }
  | { k: 'token'; client: string; token: string; expiresAt: number };

export interface StoreImage {
  tenants: TenantImage[];
  tokens: [token: string, client: string, expiresAt: number][];
}

export type JournalSink = (entry: JournalEntry) => void;

