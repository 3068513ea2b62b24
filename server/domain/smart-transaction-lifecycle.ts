// The Smart Transaction status flow of the integration guide, as data. `prepare` from `created`
// may keep `created` (card, PayPal: the payer still has to approve on the iframe page) and may be
// repeated after `failed` (the guide's "repeat payment"). `start` from `created` only exists for
// prepaid (the guide's start/prepaid) — any other start before prepare is refused.
import type { SmartTransaction } from '../schemas/smart-transactions.js';
import type { Lifecycle } from './lifecycle.js';

export type SmartTransactionStatus = NonNullable<SmartTransaction['status']>;
export type SmartTransactionEvent =
  | 'update'
  | 'prepare'
  | 'authorize'
  | 'decline'
  | 'start'
  | 'settle'
  | 'setDelivery'
  | 'cancel'
  | 'abort';

const PREPARED = ['created', 'approved', 'pending', 'ok', 'received', 'collection', 'failed'] as const;
/** Where a capture leads: `ok` for a sale, `received`/`collection` for an order. */
export const CAPTURED_STATUSES = ['ok', 'received', 'collection'] as const;
const CAPTURED = CAPTURED_STATUSES;

export const smartTransactionLifecycle: Lifecycle<SmartTransactionStatus, SmartTransactionEvent> = {
  created: {
    update: ['created'],
    prepare: PREPARED,
    authorize: ['approved', ...CAPTURED],
    decline: ['failed'],
    start: ['pending'],
    cancel: ['cancelled'],
    abort: ['cancelled'],
  },
  approved: { start: CAPTURED, cancel: ['cancelled'], abort: ['cancelled'] },
  pending: { settle: CAPTURED, cancel: ['cancelled'] },
  // The guides call setDelivery on a paid sale too: it answers 200 and the sale stays `ok`.
  ok: { setDelivery: ['ok'], cancel: ['cancelled'] },
  received: { setDelivery: ['shipped'], cancel: ['cancelled'] },
  collection: { setDelivery: ['collected'], cancel: ['cancelled'] },
  shipped: { cancel: ['cancelled'] },
  collected: { cancel: ['cancelled'] },
  failed: { prepare: PREPARED },
  cancelled: {},
  // Loyalty partial payments (preTransaction) are not emulated.
  processing: {},
};

