// The console's controls: each a plain form posting to the control route a script would call
// (see forms.ts); `back` is the page the answer returns to.
import { FAULT_EFFECTS, FAULT_METHODS } from '../../schemas/faults.js';
import type { FaultRuleView } from '../../schemas/faults.js';
import { html, type Html } from '../html.js';
import type { ConsoleForms } from './forms.js';

const hidden = (name: string, value: string | undefined) => (value === undefined ? '' : html`<input type="hidden" name="${name}" value="${value}">`);

export function tenantControls(forms: ConsoleForms, clientId: string, back: string): Html {
  const client = hidden('client_id', clientId);
  const ret = hidden('_return', back);
  return html`<form class="inline" method="post" action="${forms.action('/reset')}" data-control="reset">${client}${ret}<button>Reset</button></form>
<form class="inline" method="post" action="${forms.action('/clock')}" data-control="clock">${client}${ret}
<label>advance <input name="advance_seconds" type="number" min="0" value="3600" size="8" aria-label="seconds"> s</label><button>Advance clock</button></form>
<form class="inline" method="post" action="${forms.action('/pushes/deliver')}" data-control="deliver">${client}${ret}<input type="hidden" name="all" value="true"><button>Deliver pushes now</button></form>`;
}

export function faultControls(forms: ConsoleForms, rules: FaultRuleView[], back: string, clientId?: string): Html {
  const ret = hidden('_return', back);
  const rows = rules.map(
    (r) => html`<tr><td class="mono">${r.id}</td><td>${r.client_id ?? 'any'}</td><td>${r.method ?? 'any'}</td><td class="mono">${r.path ?? 'any API path'}</td>
<td>${r.effect.type}${r.effect.status === undefined ? '' : ` ${r.effect.status}`}</td><td>${r.times === undefined ? '' : `${r.remaining} of ${r.times} left`}</td><td>${r.hits}</td></tr>`,
  );
  return html`<table id="faults"><thead><tr><th>rule</th><th>client</th><th>method</th><th>path</th><th>effect</th><th>times</th><th>hits</th></tr></thead><tbody>${rows}</tbody></table>
${rules.length === 0 ? html`<p class="muted">No fault rules.</p>` : ''}
<form class="inline" method="post" action="${forms.action('/faults')}" data-control="fault">${ret}${clientId === undefined ? html`<input name="client_id" placeholder="client_id (any)" size="12">` : hidden('client_id', clientId)}
<select name="method" aria-label="method"><option value="">any method</option>${FAULT_METHODS.map((m) => html`<option>${m}</option>`)}</select>
<input name="path" placeholder="/api/v2/Smart/Transactions*" size="26" aria-label="path">
<select name="effect.type" aria-label="effect">${FAULT_EFFECTS.map((e) => html`<option>${e}</option>`)}</select>
<input name="effect.status" type="number" min="200" max="599" placeholder="503" size="4" aria-label="status">
<input name="times" type="number" min="1" placeholder="times" size="5" aria-label="times"><button>Add fault rule</button></form>
<form class="inline" method="post" action="${forms.action('/console/faults/clear')}" data-control="clear-faults">${ret}${hidden('client_id', clientId)}<button>Clear fault rules</button></form>`;
}
