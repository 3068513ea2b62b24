// The journal's own page: filters (a GET form, the same names as GET /__mock/requests), the
// entries, and a form that clears them.
import { JOURNAL_METHODS, type JournalEntryView, type JournalQuery } from '../../schemas/request-journal.js';
import { html } from '../html.js';
import type { ConsoleForms } from './forms.js';
import { journalScript, journalTable } from './journal-view.js';
import { page, type PageOptions } from './layout.js';

export function requestsPage(
  forms: ConsoleForms,
  view: { filter: JournalQuery; clients: string[]; entries: JournalEntryView[]; size: number; bodyBytes: number; query: PageOptions['query'] },
): string {
  const f = view.filter;
  const search = new URLSearchParams();
  for (const key of ['client_id', 'method', 'path', 'status'] as const) if (f[key] !== undefined) search.set(key, String(f[key]));
  return page(
    { title: 'Requests', query: view.query, script: journalScript },
    html`<section><p class="muted">${view.size === 0 ? 'The journal is off (--journal-size 0).' : `The newest ${view.size} requests of each client are kept (requests of no client: a share of that), bodies cut at ${view.bodyBytes} characters. JSON: GET /__mock/requests.`}</p>
<form method="get" action="/__mock/console/requests" id="filter">
<select name="client_id" aria-label="client"><option value="">every client</option>${view.clients.map((c) => html`<option ${c === f.client_id ? html`selected` : ''}>${c}</option>`)}</select>
<select name="method" aria-label="method"><option value="">any method</option>${JOURNAL_METHODS.map((m) => html`<option ${m === f.method ? html`selected` : ''}>${m}</option>`)}</select>
<input name="path" value="${f.path ?? ''}" placeholder="path contains" aria-label="path"><input name="status" type="number" min="100" max="599" value="${f.status ?? ''}" placeholder="status" aria-label="status">
<button>Filter</button></form>
<form class="inline" method="post" action="${forms.action('/console/requests/clear')}" data-control="clear-requests"><input type="hidden" name="_return" value="/__mock/console/requests">
${f.client_id === undefined ? '' : html`<input type="hidden" name="client_id" value="${f.client_id}">`}<button>Clear ${f.client_id ?? 'all'}</button></form></section>
<section>${journalTable(view.entries, search.toString())}</section>`,
  );
}

export function loginPage(forms: ConsoleForms, next: string, error?: string): string {
  return page(
    { title: 'Admin token', query: { error } },
    html`<section><p>This mock listens off loopback: its control plane asks for the admin token (printed at start, or --admin-token).</p>
<form method="post" action="${forms.action('/console/login')}"><input type="hidden" name="next" value="${next}">
<label>Admin token <input name="admin_token" type="password" autocomplete="current-password" size="40"></label> <button>Open the console</button></form></section>`,
  );
}
