// The frame of every console page: title, navigation, the outcome of the last control call (the
// query a console form's redirect carries), and the one style sheet. No script is needed to use a
// page; pages that show the journal add a small one that keeps it current.
import { Html, html } from '../html.js';

const STYLE = `
body{font-family:system-ui,sans-serif;margin:0;color:#1f2328;background:#f6f8fa}
header{background:#24292f;color:#fff;padding:.6rem 1.2rem;display:flex;gap:1.2rem;align-items:baseline}
header a{color:#fff;text-decoration:none}header strong{font-size:1.1rem}
main{padding:1rem 1.2rem;max-width:84rem}
section{background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:.8rem 1rem;margin-bottom:1rem}
h1{font-size:1.4rem;margin:.2rem 0 .8rem}h2{font-size:1.1rem;margin:.2rem 0 .6rem}
table{border-collapse:collapse;width:100%;font-size:.88rem}
th,td{text-align:left;padding:.25rem .5rem;border-bottom:1px solid #eaeef2;vertical-align:top;overflow-wrap:anywhere}
th{background:#f6f8fa}code,pre,.mono{font-family:ui-monospace,monospace;font-size:.82rem}
pre{white-space:pre-wrap;word-break:break-all;max-height:12rem;overflow:auto;margin:.2rem 0;background:#f6f8fa;padding:.3rem}
form.inline{display:inline-flex;gap:.4rem;align-items:center;margin:.2rem .8rem .2rem 0}
input,select,button{font:inherit;font-size:.88rem;padding:.2rem .4rem}input[type=number]{width:6.5em}
.t{white-space:nowrap}
button{cursor:pointer;background:#f3f4f6;border:1px solid #d0d7de;border-radius:4px}
.status{display:inline-block;padding:0 .4rem;border-radius:8px;background:#ddf4ff}
.s2{color:#1a7f37}.s3{color:#9a6700}.s4,.s5{color:#cf222e;font-weight:600}
.flash{padding:.5rem .8rem;border-radius:6px;margin-bottom:1rem}
.flash.ok{background:#dafbe1}.flash.error{background:#ffebe9}
.muted{color:#656d76}details summary{cursor:pointer}`;

export interface PageOptions {
  title: string;
  /** `?done=` / `?error=` of a console form's redirect. */
  query?: { done?: string; error?: string };
  /** Appended after the body (the journal's polling script). */
  script?: Html;
}

export function page(options: PageOptions, body: Html): string {
  const { title, query, script } = options;
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>${title} · secuconnect-mock console</title><style>${new Html(STYLE)}</style></head>
<body><header><strong><a href="/__mock/">secuconnect-mock console</a></strong>
<a href="/__mock/">Clients</a><a href="/__mock/console/requests">Requests</a><a href="/__mock/pushes">Pushes (JSON)</a><a href="/__mock/faults">Faults (JSON)</a></header>
<main>
${query?.done ? html`<p class="flash ok" id="flash">Done: ${query.done}</p>` : ''}
${query?.error ? html`<p class="flash error" id="flash">Refused: ${query.error}</p>` : ''}
<h1>${title}</h1>
${body}
</main>${script ?? ''}</body></html>`.text;
}

/** `1999` cents as `19.99 EUR`. */
export const money = (cents: number | undefined, currency = 'EUR') => (cents === undefined ? '' : `${(cents / 100).toFixed(2)} ${currency}`);

export const statusClass = (status: number) => `s${Math.floor(status / 100)}`;

export const clientPath = (clientId: string) => `/__mock/console/clients/${encodeURIComponent(clientId)}`;
