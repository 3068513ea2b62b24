// The page behind iframe_url and payment_links: a plain HTML page where the "payer" approves or
// declines. Enough to drive card/PayPal-like flows by hand, from a browser test, or by POSTing
// to the two form targets directly.
import { awaitsPayment } from '../domain/smart-transaction-payments.js';
import type { SmartTransactionEntity } from '../store/entities.js';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const money = (cents: number | undefined, currency = 'EUR') =>
  cents === undefined ? '' : `${(cents / 100).toFixed(2)} ${escapeHtml(currency)}`;

export function checkoutPage(stx: SmartTransactionEntity, method: string, merchantName: string): string {
  const action = `/__mock/checkout/${encodeURIComponent(stx.id)}`;
  const waiting = awaitsPayment(stx);
  const hidden = `<input type="hidden" name="method" value="${escapeHtml(method)}"><input type="hidden" name="secret" value="${escapeHtml(stx.pageSecret)}">`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Checkout ${escapeHtml(stx.id)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}
button{font-size:1rem;padding:.6rem 1.2rem;margin-right:.5rem;cursor:pointer}
.approve{background:#1a7f37;color:#fff;border:0}.decline{background:#cf222e;color:#fff;border:0}
dl{display:grid;grid-template-columns:auto 1fr;gap:.3rem 1rem}</style></head>
<body><h1>secuconnect-mock checkout</h1>
<dl><dt>Merchant</dt><dd>${escapeHtml(merchantName)}</dd>
<dt>Transaction</dt><dd id="stx">${escapeHtml(stx.id)}</dd>
<dt>Amount</dt><dd id="amount">${money(stx.basket_info?.sum, stx.basket_info?.currency)}</dd>
<dt>Payment method</dt><dd id="method">${escapeHtml(method)}</dd>
<dt>Status</dt><dd id="status">${escapeHtml(stx.status)}</dd></dl>
${
  waiting
    ? `<form method="post" action="${action}/approve" style="display:inline">${hidden}<button class="approve" id="approve">Approve payment</button></form>
<form method="post" action="${action}/decline" style="display:inline">${hidden}<button class="decline" id="decline">Decline</button></form>`
    : `<p id="done">This transaction is no longer waiting for the payer.</p>`
}
</body></html>`;
}

export function resultPage(stx: SmartTransactionEntity, aborted = false): string {
  const outcome = aborted ? 'aborted' : stx.status === 'failed' ? 'declined' : 'approved';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Checkout result</title></head>
<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto">
<h1>Payment ${outcome}</h1>
<p>Smart Transaction <code>${escapeHtml(stx.id)}</code> is now <strong id="status">${escapeHtml(stx.status)}</strong>.</p>
</body></html>`;
}
