// The request journal as an HTML table, and the small script that keeps it current: every two
// seconds it asks GET /__mock/requests for what came after the newest row and puts it on top.
// Without script the page shows the journal as it was when loaded (reload for more).
import type { JournalEntryView } from '../../schemas/request-journal.js';
import { Html, html } from '../html.js';
import { statusClass } from './layout.js';

const row = (e: JournalEntryView) => html`<tr data-seq="${e.seq}" id="${e.id}">
<td class="mono t">${e.time.slice(11, 23)}</td><td class="mono t">${e.clock ?? ''}</td><td>${e.client_id ?? html`<span class="muted">none</span>`}</td>
<td>${e.method}</td><td class="mono">${e.path}</td><td class="${statusClass(e.status)}">${e.status}</td><td>${e.duration_ms.toFixed(1)} ms</td>
<td><details><summary>bodies</summary>${e.request_body === null ? '' : html`<div>request (${e.request_bytes} B)</div><pre>${e.request_body}</pre>`}<div>response (${e.response_bytes} B)</div><pre>${e.response_body ?? ''}</pre></details></td></tr>`;

export function journalTable(entries: JournalEntryView[], query: string): Html {
  return html`<table id="journal" data-query="${query}"><thead><tr><th>time (UTC)</th><th>tenant clock</th><th>client</th><th>method</th><th>path</th><th>status</th><th>took</th><th></th></tr></thead>
<tbody>${entries.map(row)}</tbody></table>
${entries.length === 0 ? html`<p class="muted" id="journal-empty">No requests yet.</p>` : ''}`;
}

// Rows built with textContent only: bodies and paths are the clients' text.
const POLL = `(() => {
  const table = document.getElementById('journal');
  if (!table) return;
  const body = table.tBodies[0];
  const cell = (tr, text, cls) => { const td = tr.insertCell(); td.textContent = text; if (cls) td.className = cls; return td; };
  const pre = (parent, title, text) => { const d = document.createElement('div'); d.textContent = title; parent.append(d); const p = document.createElement('pre'); p.textContent = text ?? ''; parent.append(p); };
  const add = (e) => {
    const tr = document.createElement('tr'); tr.dataset.seq = e.seq; tr.id = e.id;
    cell(tr, e.time.slice(11, 23), 'mono t'); cell(tr, e.clock ?? '', 'mono t'); cell(tr, e.client_id ?? 'none');
    cell(tr, e.method); cell(tr, e.path, 'mono'); cell(tr, String(e.status), 's' + Math.floor(e.status / 100)); cell(tr, e.duration_ms.toFixed(1) + ' ms');
    const det = document.createElement('details'); const sum = document.createElement('summary'); sum.textContent = 'bodies'; det.append(sum);
    if (e.request_body !== null) pre(det, 'request (' + e.request_bytes + ' B)', e.request_body);
    pre(det, 'response (' + e.response_bytes + ' B)', e.response_body);
    tr.insertCell().append(det);
    body.prepend(tr);
    document.getElementById('journal-empty')?.remove();
  };
  const poll = async () => {
    const newest = body.rows[0] ? body.rows[0].dataset.seq : '0';
    try {
      const res = await fetch('/__mock/requests?' + table.dataset.query + (table.dataset.query ? '&' : '') + 'after=' + newest, { headers: { accept: 'application/json' } });
      if (res.ok) (await res.json()).data.reverse().forEach(add);
      while (body.rows.length > 200) body.deleteRow(-1);
    } catch {}
    setTimeout(poll, 2000);
  };
  setTimeout(poll, 2000);
})();`;

export const journalScript = new Html(`<script>${POLL}</script>`);
