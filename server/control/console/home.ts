// The console's first page (GET /__mock/): every tenant with its objects, clock and outbox, its
// controls, the fault rules, and the journal as it grows.
import type { FaultRuleView } from '../../schemas/faults.js';
import type { JournalEntryView } from '../../schemas/request-journal.js';
import type { Store } from '../../store/store.js';
import { html } from '../html.js';
import { faultControls, tenantControls } from './controls.js';
import type { ConsoleForms } from './forms.js';
import { journalScript, journalTable } from './journal-view.js';
import { clientPath, page, type PageOptions } from './layout.js';

export function homePage(store: Store, forms: ConsoleForms, faults: FaultRuleView[], journal: JournalEntryView[], query: PageOptions['query']): string {
  const rows = [...store.allTenants()].map((t) => {
    const pending = t.outbox.all().filter((p) => p.status === 'pending').length;
    return html`<tr data-client="${t.clientId}"><td><a href="${clientPath(t.clientId)}">${t.clientId}</a></td><td>${t.merchant.user?.companyname ?? ''}</td>
<td>${t.smartTransactions.size}</td><td>${t.paymentTransactions.size}</td><td>${t.subscriptions.size}</td><td>${t.objectCount}</td>
<td class="mono t" data-clock>${t.clock.timestamp()}</td><td>${pending} pending of ${t.outbox.size}</td><td>${tenantControls(forms, t.clientId, '/__mock/')}</td></tr>`;
  });
  return page(
    { title: 'Clients', query, script: journalScript },
    html`<section><h2>Clients (${store.tenantCount})</h2>
<table id="clients"><thead><tr><th>client_id</th><th>merchant</th><th>Smart Transactions</th><th>payment transactions</th><th>subscriptions</th><th>objects</th><th>tenant clock</th><th>pushes</th><th>controls</th></tr></thead>
<tbody>${rows}</tbody></table></section>
<section><h2>Fault rules</h2>${faultControls(forms, faults, '/__mock/')}</section>
<section><h2>Requests</h2><p class="muted">Newest first; new requests appear as they are answered. <a href="/__mock/console/requests">Filter and clear</a></p>${journalTable(journal, '')}</section>`,
  );
}
