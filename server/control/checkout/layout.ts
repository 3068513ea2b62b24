// The frame of every page of the hosted checkout: the merchant, the basket and its total, a test
// notice, and styles that read at 360 px and inside the shop's iframe. No script: every step is a
// form or a link, so the pages work without JavaScript and stay drivable by plain POSTs.
import type { SmartTransactionEntity } from '../../store/entities.js';
import { Html, html } from '../html.js';
import { money, type Lang, type Translate } from './i18n.js';

const STYLE = `
*{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1f2328;background:#f4f5f7}
.wrap{max-width:36rem;margin:0 auto;padding:1rem}
header{display:flex;align-items:center;gap:.75rem;padding:.75rem 1rem;background:#fff;border-bottom:1px solid #d8dee4}
header .logo{width:2.25rem;height:2.25rem;border-radius:.5rem;background:#0b5cad;color:#fff;display:grid;place-items:center;font-weight:700}
header .shop{font-weight:600}
header .secure{margin-left:auto;font-size:.8rem;color:#57606a}
.card{background:#fff;border:1px solid #d8dee4;border-radius:.75rem;padding:1rem;margin:0 0 1rem}
h1{font-size:1.35rem;margin:.25rem 0 1rem}h2{font-size:1.1rem;margin:0 0 .75rem}form h2{margin-top:1.25rem}
table{width:100%;border-collapse:collapse;font-size:.95rem}
th,td{padding:.35rem 0;text-align:left;vertical-align:top}th{font-weight:600;color:#57606a;font-size:.8rem}
td.num,th.num{text-align:right;white-space:nowrap;padding-left:.5rem}
tfoot td{border-top:1px solid #d8dee4;font-weight:700;padding-top:.6rem}
.ref{font-size:.8rem;color:#57606a;margin:.5rem 0 0;overflow-wrap:anywhere}
label{display:block;font-weight:600;margin:.75rem 0 .25rem}
input[type=text],input:not([type]){width:100%;font:inherit;padding:.6rem .7rem;border:1px solid #8c959f;border-radius:.4rem;background:#fff}
input:focus-visible,button:focus-visible,a:focus-visible,.choice:focus-within{outline:3px solid #0969da;outline-offset:2px}
.row{display:flex;gap:.75rem}.row>div{flex:1;min-width:0}
.err{color:#b3261e;font-size:.9rem;margin:.2rem 0 0}[aria-invalid=true]{border-color:#b3261e!important}
button,.button{display:inline-block;font:inherit;font-weight:600;border-radius:.5rem;padding:.75rem 1.1rem;cursor:pointer;text-decoration:none;text-align:center;border:1px solid #8c959f;background:#fff;color:#1f2328}
.primary{background:#0b5cad;border-color:#0b5cad;color:#fff;width:100%;margin-top:1rem}
.actions{display:flex;flex-wrap:wrap;gap:.5rem;margin-top:.75rem}.actions form{margin:0}
.link{background:none;border:0;padding:.5rem 0;color:#0969da;text-decoration:underline;font-weight:400}
.choice{display:flex;gap:.75rem;align-items:center;border:1px solid #d8dee4;border-radius:.5rem;padding:.75rem;margin:.5rem 0;font-weight:400;cursor:pointer}
.choice input{width:1.2rem;height:1.2rem;margin:0}.choice small{display:block;color:#57606a}
fieldset{border:0;padding:0;margin:0}legend{font-weight:600;margin-bottom:.25rem}
.alert{border:1px solid #b3261e;background:#fdecea;border-radius:.5rem;padding:.75rem 1rem;margin:0 0 1rem}
.alert h2{color:#b3261e;margin:0 0 .25rem}.alert p{margin:0}#reason::first-letter{text-transform:uppercase}
.ok{border-color:#1a7f37;background:#e9f7ee}.ok h2{color:#1a7f37}
.mandate{font-size:.85rem;color:#424a53;background:#f6f8fa;border-radius:.4rem;padding:.6rem .75rem}
.check{display:flex;gap:.5rem;align-items:flex-start;font-weight:400}.check input{margin-top:.3rem}
dl.bank{display:grid;grid-template-columns:max-content 1fr;gap:.3rem .9rem;margin:0}dl.bank dt{color:#57606a}dl.bank dd{margin:0;font-weight:600;overflow-wrap:anywhere}
.qr{text-align:center;margin-top:1rem}.qr img{width:12rem;height:12rem;image-rendering:pixelated}
.hint{font-size:.85rem;color:#57606a}
.test{font-size:.8rem;color:#6e5200;background:#fff8c5;border:1px solid #d4a72c;border-radius:.4rem;padding:.35rem .6rem;margin:0 0 1rem}
.provider{border-top:4px solid #003087}.provider .brand{font-weight:800;color:#003087;font-size:1.3rem}
@media (max-width:400px){.wrap{padding:.6rem}.card{padding:.8rem}header .secure{display:none}}
`;

export interface PageParts {
  readonly lang: Lang;
  readonly t: Translate;
  readonly title: string;
  /** The shop's name in the header; a page of the payment provider (PayPal's stand-in) names the provider. */
  readonly merchant: string;
  readonly main: Html;
}

/** A whole page. No frame-busting (X-Frame-Options, frame-ancestors): shops embed iframe_url. */
export function page({ lang, t, title, merchant, main }: PageParts): string {
  const initial = merchant.trim().charAt(0).toUpperCase() || '€';
  return html`<!doctype html>
<html lang="${lang}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title}${merchant && ` – ${merchant}`}</title>
<style>${new Html(STYLE)}</style></head>
<body><header><span class="logo" aria-hidden="true">${initial}</span><span class="shop">${merchant}</span><span class="secure">${t('title')}</span></header>
<main class="wrap">
<p class="test" role="note">${t('testMode')}</p>
${main}
</main></body></html>`.text;
}

interface Line {
  readonly desc: string;
  readonly quantity: number;
  readonly priceOne: number;
  readonly sum: number;
}

/** The basket lines as the payer sees them; a transaction without products shows only its total. */
function linesOf(stx: SmartTransactionEntity): Line[] {
  return (stx.basket?.products ?? []).map((p) => {
    const quantity = p.quantity ?? 1;
    const priceOne = p.priceOne ?? (p.sum !== undefined ? Math.round(p.sum / quantity) : 0);
    return { desc: p.desc ?? p.articleNumber ?? '', quantity, priceOne, sum: p.sum ?? quantity * priceOne };
  });
}

/** The order: basket lines (description, quantity, price), the total, and the transaction's reference. */
export function summary(stx: SmartTransactionEntity, t: Translate, lang: Lang): Html {
  const currency = stx.basket_info?.currency;
  const lines = linesOf(stx);
  const title = stx.application_context?.iframe_opts?.basket_title || t('basket');
  return html`<section class="card" aria-labelledby="basket-title"><h2 id="basket-title">${title}</h2>
<table id="basket">${lines.length > 0 && html`<thead><tr><th scope="col">${t('article')}</th><th scope="col" class="num">${t('quantity')}</th><th scope="col" class="num">${t('price')}</th></tr></thead>
<tbody>${lines.map((l) => html`<tr><td>${l.desc}${l.quantity > 1 && html`<br><small class="hint">${l.quantity} × ${money(l.priceOne, currency, lang)}</small>`}</td><td class="num">${l.quantity}</td><td class="num">${money(l.sum, currency, lang)}</td></tr>`)}</tbody>`}
<tfoot><tr><td colspan="2">${t('total')}</td><td class="num" id="amount">${money(stx.basket_info?.sum, currency, lang)}</td></tr></tfoot></table>
<p class="ref">${t('reference')}: <span id="stx">${stx.id}</span>${stx.merchantRef && html` · ${stx.merchantRef}`}</p></section>`;
}

/** A notice above a step: a decline (role=alert) or a success. */
export function notice(kind: 'error' | 'ok', title: string, text?: Html | string, id = kind === 'error' ? 'notice' : 'success'): Html {
  return html`<div class="alert${kind === 'ok' ? ' ok' : ''}" id="${id}" role="${kind === 'error' ? 'alert' : 'status'}"><h2>${title}</h2>${text}</div>`;
}
