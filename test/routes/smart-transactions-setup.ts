// Setup shared by the Smart Transaction route tests (smart-transactions-*.test.ts): the guide's
// first steps, an approved subscription transaction and a paid sale.
import { expect } from 'vitest';
import { demoApi } from '../helpers.js';
import { guideSubscriptionBody, INLINE_ACCOUNT, saleBody, tenantRefs } from './smart-transaction-helpers.js';

export const ID = (prefix: string) => new RegExp(`^${prefix}_[A-Z0-9]{30}$`);

/** The guide's steps 1 and 2: a token, then the subscription Smart Transaction. */
export async function guideStart() {
  const api = await demoApi();
  const refs = await tenantRefs(api.call);
  const created = await api.call('POST', '/Smart/Transactions', guideSubscriptionBody(refs));
  expect(created.status).toBe(200);
  return { ...api, refs, stx: created.body };
}

/** A subscription transaction prepared for debit with an existing container: `approved`. */
export async function approvedSubscription() {
  const g = await guideStart();
  const container = await g.call('POST', '/Payment/Containers', { customer: { id: g.stx.customer.id }, ...INLINE_ACCOUNT });
  expect(container.status).toBe(200);
  const prepared = await g.call('POST', `/Smart/Transactions/${g.stx.id}/prepare/debit`, { container: { id: container.body.id } });
  expect(prepared.status).toBe(200);
  return { ...g, container: container.body, prepared: prepared.body };
}

/** Captured transaction (status ok) of an ordinary sale, prepared for debit with an inline account. */
export async function paidSale(api: Awaited<ReturnType<typeof demoApi>>) {
  const created = await api.call('POST', '/Smart/Transactions', saleBody({ payment_context: { auto_capture: true } }));
  const paid = await api.call('POST', `/Smart/Transactions/${created.body.id}/prepare/debit`, { container: INLINE_ACCOUNT });
  expect(paid.body.status).toBe('ok');
  return paid.body;
}
