// One tenant's page: its controls, its objects by kind (searchable by any text of their stored
// form: id, status, references, names), its fault rules and its journal.
import type { CollectionName } from '../../store/journal-entries.js';
import { COLLECTIONS } from '../../store/journal-entries.js';
import type { Tenant } from '../../store/tenant.js';
import type { FaultRuleView } from '../../schemas/faults.js';
import type { JournalEntryView } from '../../schemas/request-journal.js';
import { html, type Html } from '../html.js';
import { faultControls, tenantControls } from './controls.js';
import type { ConsoleForms } from './forms.js';
import { journalScript, journalTable } from './journal-view.js';
import { clientPath, money, page, type PageOptions } from './layout.js';

/** Objects of a kind the page shows at most (newest first). */
export const SHOWN_PER_KIND = 100;
/** Objects of a kind a search looks through at most, newest first: a page never holds the mock up for long. */
export const SEARCHED_PER_KIND = 10_000;

const TITLES: Record<CollectionName, string> = {
  smartTransactions: 'Smart Transactions',
  paymentTransactions: 'Payment transactions',
  subscriptions: 'Subscriptions',
  customers: 'Customers',
  containers: 'Payment containers',
  plans: 'Payment plans',
};

type Loose = { id: string; status?: string; state?: string; created?: string; amount?: number; currency?: string; basket_info?: { sum?: number; currency?: string } };

function summary(kind: CollectionName, o: Loose & Record<string, unknown>): string {
  if (kind === 'smartTransactions') return [money(o.basket_info?.sum, o.basket_info?.currency), o.payment_method, o.merchantRef].filter(Boolean).join(' · ');
  if (kind === 'paymentTransactions') return [money(o.amount, o.currency), o.method, o.smartTransactionId].filter(Boolean).join(' · ');
  if (kind === 'customers') {
    const c = o.contact as { forename?: string; surname?: string; email?: string } | undefined;
    return [c?.forename, c?.surname, c?.email].filter(Boolean).join(' ');
  }
  if (kind === 'containers') return String(o.type ?? '');
  if (kind === 'subscriptions') return [o.planId, o.smartTransactionId, (o.billing_cycles as { next_billing_time?: string } | undefined)?.next_billing_time].filter(Boolean).join(' · ');
  return String((o as { description?: string }).description ?? '');
}

export function objectLink(tenant: Tenant, kind: CollectionName, id: string): Html {
  if (kind === 'smartTransactions') return html`<a href="${clientPath(tenant.clientId)}/smart-transactions/${encodeURIComponent(id)}">${id}</a>`;
  const stxId = kind === 'paymentTransactions' ? tenant.paymentTransactions.get(id)?.smartTransactionId : kind === 'subscriptions' ? tenant.subscriptions.get(id)?.smartTransactionId : undefined;
  return stxId ? html`<a href="${clientPath(tenant.clientId)}/smart-transactions/${encodeURIComponent(stxId)}">${id}</a>` : html`${id}`;
}

function kindSection(tenant: Tenant, kind: CollectionName, q: string): Html {
  const needle = q.toLowerCase();
  const all = tenant[kind].toArray() as unknown as (Loose & Record<string, unknown>)[];
  const searched = needle ? all.slice(-SEARCHED_PER_KIND) : all;
  const found = needle ? searched.filter((o) => JSON.stringify(o).toLowerCase().includes(needle)) : all;
  const shown = found.slice(-SHOWN_PER_KIND).reverse();
  const among = all.length > searched.length ? `the newest ${searched.length} of ${all.length}` : `${all.length}`;
  return html`<section id="kind-${kind}"><h2>${TITLES[kind]} (${found.length}${needle ? ` found among ${among}` : ''})</h2>
${shown.length === 0 ? html`<p class="muted">None.</p>` : html`<table><thead><tr><th>id</th><th>status</th><th>created</th><th></th></tr></thead><tbody>
${shown.map((o) => html`<tr><td class="mono">${objectLink(tenant, kind, o.id)}</td><td>${o.status ?? o.state ?? ''}</td><td class="mono">${o.created ?? ''}</td><td>${summary(kind, o)}</td></tr>`)}</tbody></table>`}
${found.length > shown.length ? html`<p class="muted">The newest ${SHOWN_PER_KIND} shown; search to narrow.</p>` : ''}</section>`;
}

export function clientPage(
  tenant: Tenant,
  forms: ConsoleForms,
  view: { q: string; kind?: CollectionName; faults: FaultRuleView[]; journal: JournalEntryView[]; query: PageOptions['query'] },
): string {
  const back = clientPath(tenant.clientId);
  const kinds = view.kind ? [view.kind] : COLLECTIONS;
  return page(
    { title: `Client ${tenant.clientId}`, query: view.query, script: journalScript },
    html`<section><p>Merchant <strong>${tenant.merchant.user?.companyname ?? ''}</strong> · tenant clock <span class="mono" id="clock">${tenant.clock.timestamp()}</span> · ${tenant.objectCount} objects</p>
${tenantControls(forms, tenant.clientId, back)}</section>
<section><form method="get" action="${back}" id="search"><input name="q" value="${view.q}" placeholder="id, status, reference, name…" size="40" aria-label="search">
<select name="kind" aria-label="kind"><option value="">every kind</option>${COLLECTIONS.map((k) => html`<option value="${k}" ${k === view.kind ? html`selected` : ''}>${TITLES[k]}</option>`)}</select>
<button>Search</button></form></section>
${kinds.map((k) => kindSection(tenant, k, view.q))}
<section><h2>Fault rules</h2>${faultControls(forms, view.faults, back, tenant.clientId)}</section>
<section><h2>Requests</h2>${journalTable(view.journal, `client_id=${encodeURIComponent(tenant.clientId)}`)}</section>`,
  );
}
