// One Smart Transaction's page: what it is, its timeline (every status change of it, its payment
// transactions and its subscription: when on the tenant clock, and the request that caused it),
// its payment transactions, its subscription and the pushes about them.
import { formatTimestamp } from '../../store/clock.js';
import type { PaymentTransactionEntity, SmartTransactionEntity } from '../../store/entities.js';
import type { StatusChange } from '../../store/status-history.js';
import type { Tenant } from '../../store/tenant.js';
import type { JournalEntryView } from '../../schemas/request-journal.js';
import { html } from '../html.js';
import { objectLink } from './client.js';
import { tenantControls } from './controls.js';
import type { ConsoleForms } from './forms.js';
import { clientPath, money, page, statusClass, type PageOptions } from './layout.js';

/** The payment transactions of a Smart Transaction: its own, its subscription's renewals, and refunds of them. */
export function paymentsOf(tenant: Tenant, stx: SmartTransactionEntity): PaymentTransactionEntity[] {
  const own = new Set<string>(stx.transactionIds);
  const all = tenant.paymentTransactions.toArray();
  for (const pt of all) if (pt.smartTransactionId === stx.id || (stx.subscriptionId !== undefined && pt.subscriptionId === stx.subscriptionId)) own.add(pt.id);
  for (const pt of all) if (pt.parentId !== undefined && own.has(pt.parentId)) own.add(pt.id);
  return all.filter((pt) => own.has(pt.id));
}

export function smartTransactionPage(
  tenant: Tenant,
  stx: SmartTransactionEntity,
  forms: ConsoleForms,
  view: { history: StatusChange[]; causeOf: (id: string) => JournalEntryView | undefined; query: PageOptions['query'] },
): string {
  const payments = paymentsOf(tenant, stx);
  const subscription = stx.subscriptionId === undefined ? undefined : tenant.subscriptions.get(stx.subscriptionId);
  const ids = new Set([stx.id, ...payments.map((p) => p.id), ...(subscription ? [subscription.id] : [])]);
  const timeline = view.history.filter((c) => ids.has(c.id));
  const pushes = tenant.outbox.all().filter((p) => ids.has(p.body.data[0].id));
  const back = `${clientPath(tenant.clientId)}/smart-transactions/${encodeURIComponent(stx.id)}`;
  const cause = (c: StatusChange) => {
    if (c.cause === null) return html`<span class="muted">no request (seeded, or a timer)</span>`;
    const e = view.causeOf(c.cause);
    return e
      ? html`<span class="mono">${e.method} ${e.path}</span> → <span class="${statusClass(e.status)}">${e.status}</span> <span class="muted">(${c.cause}, ${e.time.slice(11, 23)} UTC)</span>`
      : html`<span class="mono">${c.cause}</span> <span class="muted">(no longer in the journal)</span>`;
  };
  return page(
    { title: `Smart Transaction ${stx.id}`, query: view.query },
    html`<section><p><a href="${clientPath(tenant.clientId)}">← ${tenant.clientId}</a> · tenant clock <span class="mono">${tenant.clock.timestamp()}</span></p>
<table><tbody><tr><th>status</th><td><span class="status" id="stx-status">${stx.status}</span></td><th>amount</th><td>${money(stx.basket_info?.sum, stx.basket_info?.currency)}</td></tr>
<tr><th>payment method</th><td>${stx.payment_method ?? ''}</td><th>merchantRef / transactionRef</th><td>${stx.merchantRef ?? ''} / ${stx.transactionRef ?? ''}</td></tr>
<tr><th>created</th><td class="mono">${stx.created}</td><th>updated</th><td class="mono">${stx.updated}</td></tr>
<tr><th>customer</th><td class="mono">${stx.customerId ?? ''}</td><th>container</th><td class="mono">${stx.containerId ?? ''}</td></tr></tbody></table>
<p>${tenantControls(forms, tenant.clientId, back)}</p></section>
<section><h2>Timeline</h2>
${timeline.length === 0 ? html`<p class="muted">No status change recorded (the journal is off, or older changes were dropped).</p>` : ''}
<table id="timeline"><thead><tr><th>tenant clock</th><th>object</th><th>from</th><th>to</th><th>caused by</th></tr></thead><tbody>
${timeline.map((c) => html`<tr data-to="${c.to}"><td class="mono t">${formatTimestamp(c.at)}</td><td class="mono">${c.id}</td><td>${c.from ?? html`<span class="muted">(made)</span>`}</td><td><span class="status">${c.to}</span></td><td>${cause(c)}</td></tr>`)}
</tbody></table></section>
<section><h2>Payment transactions (${payments.length})</h2>
${payments.length === 0 ? html`<p class="muted">None.</p>` : html`<table id="payments"><thead><tr><th>id</th><th>state</th><th>amount</th><th>method</th><th>created</th><th>refund of</th></tr></thead><tbody>
${payments.map((p) => html`<tr><td class="mono">${p.id}</td><td>${p.state}</td><td>${money(p.amount, p.currency)}</td><td>${p.method ?? ''}</td><td class="mono">${p.created}</td><td class="mono">${p.parentId ?? ''}</td></tr>`)}</tbody></table>`}</section>
<section><h2>Subscription</h2>
${subscription ? html`<table id="subscription"><tbody><tr><th>id</th><td class="mono">${objectLink(tenant, 'subscriptions', subscription.id)}</td><th>status</th><td>${subscription.status}</td></tr>
<tr><th>plan</th><td class="mono">${subscription.planId}</td><th>next billing</th><td class="mono">${subscription.billing_cycles?.next_billing_time ?? ''}</td></tr></tbody></table>` : html`<p class="muted">None.</p>`}</section>
<section><h2>Pushes (${pushes.length})</h2>
${pushes.length === 0 ? html`<p class="muted">None.</p>` : html`<table id="pushes"><thead><tr><th>push</th><th>about</th><th>type</th><th>status</th><th>created</th><th>attempts</th><th>to</th></tr></thead><tbody>
${pushes.map((p) => html`<tr><td class="mono">${p.body.id}</td><td class="mono">${p.body.data[0].id}</td><td>${p.body.type}</td><td>${p.status}</td><td class="mono">${p.body.created}</td>
<td>${p.attempts.map((a) => html`<div class="mono">${JSON.stringify(a)}</div>`)}</td><td class="mono">${p.url}</td></tr>`)}</tbody></table>`}
<p class="muted">Outbox as JSON: <a href="/__mock/pushes?client_id=${encodeURIComponent(tenant.clientId)}">GET /__mock/pushes</a></p></section>`,
  );
}
