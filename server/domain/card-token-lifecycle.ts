// How a card container's token (`token_status.status`, recurring payments) moves. The real API
// requests the token with the first payment and activates it a little later; the mock makes both
// steps when the payer approves. Archiving (`archivePending`, `archived`) and the checks the card
// schemes make (`inquiry`) are listed for completeness; nothing in the mock leads there yet.
import type { PaymentContainerTokenStatus } from '../schemas/payment-containers.js';
import type { Lifecycle } from './lifecycle.js';

export type CardTokenStatus = NonNullable<PaymentContainerTokenStatus['status']>;
export type CardTokenEvent = 'request' | 'activate' | 'fail' | 'archive';

export const cardTokenLifecycle: Lifecycle<CardTokenStatus, CardTokenEvent> = {
  'not requested': { request: ['requested'] },
  requested: { activate: ['active'], fail: ['failed'] },
  inquiry: { activate: ['active'], fail: ['failed'] },
  active: { archive: ['archivePending'] },
  failed: { request: ['requested'] },
  archivePending: { archive: ['archived'] },
  archived: {},
};
