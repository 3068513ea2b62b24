// The page behind iframe_url and payment_links: a plain HTML page where the "payer" approves or
// declines; for cards with a card number (the magic-values table decides: approve, decline,
// insufficient funds, or a 3-D Secure challenge step first). Enough to drive card/PayPal-like
// flows by hand, from a browser test, or by POSTing to the form targets directly.
import { methodRules } from '../domain/payment-methods.js';
import { awaitsPayment } from '../domain/smart-transaction-payments.js';
import type { SmartTransactionEntity } from '../store/entities.js';

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const money = (cents: number | undefined, currency = 'EUR') =>
  cents === undefined ? '' : `${(cents / 100).toFixed(2)} ${escapeHtml(currency)}`;

/** The card the page offers: one the magic-values table approves. */
const DEMO_CARD = '4111 1111 1111 1111';

const hiddenFields = (stx: SmartTransactionEntity, method: string) =>
  `<input type="hidden" name="method" value="${escapeHtml(method)}"><input type="hidden" name="secret" value="${escapeHtml(stx.pageSecret)}">`;

export function checkoutPage(stx: SmartTransactionEntity, method: string, merchantName: string): string {
  const action = `/__mock/checkout/${encodeURIComponent(stx.id)}`;
  const waiting = awaitsPayment(stx);
  const hidden = hiddenFields(stx, method);
  const card =
    methodRules(method)?.container === 'credit_card'
      ? `<p><label>Card number <input name="card_number" id="card_number" value="${DEMO_CARD}" inputmode="numeric" autocomplete="off" size="24"></label></p>`
      : '';
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
    ? `<form method="post" action="${action}/approve" style="display:inline">${hidden}${card}<button class="approve" id="approve">Approve payment</button></form>
<form method="post" action="${action}/decline" style="display:inline">${hidden}<button class="decline" id="decline">Decline</button></form>`
    : `<p id="done">This transaction is no longer waiting for the payer.</p>`
}
</body></html>`;
}

const REASONS: Record<string, string> = {
  decline: 'the card was declined',
  insufficient_funds: 'insufficient funds',
  challenge_failed: '3-D Secure authentication failed',
};

/**
 * The 3-D Secure step of a card that needs one: the payer completes or fails the challenge; the
 * transaction waits meanwhile.
 */
export function challengePage(stx: SmartTransactionEntity, method: string, cardNumber: string): string {
  const action = `/__mock/checkout/${encodeURIComponent(stx.id)}/challenge`;
  const digits = cardNumber.replace(/[^0-9]/g, '');
  const fields = `${hiddenFields(stx, method)}<input type="hidden" name="card_number" value="${escapeHtml(digits)}">`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>3-D Secure ${escapeHtml(stx.id)}</title></head>
<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto">
<h1 id="challenge">3-D Secure</h1>
<p>Your bank asks you to confirm the payment of <strong id="amount">${money(stx.basket_info?.sum, stx.basket_info?.currency)}</strong>
with the card ending in <strong id="card">${escapeHtml(digits.slice(-4))}</strong>.</p>
<form method="post" action="${action}" style="display:inline">${fields}<input type="hidden" name="result" value="pass"><button id="complete">Complete authentication</button></form>
<form method="post" action="${action}" style="display:inline">${fields}<input type="hidden" name="result" value="fail"><button id="fail">Fail authentication</button></form>
</body></html>`;
}

export function resultPage(stx: SmartTransactionEntity, aborted = false, reason?: string): string {
  const outcome = aborted ? 'aborted' : stx.status === 'failed' ? 'declined' : 'approved';
  const why = reason && REASONS[reason] ? `<p id="reason">${escapeHtml(REASONS[reason])}</p>` : '';
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Checkout result</title></head>
<body style="font-family:system-ui,sans-serif;max-width:32rem;margin:3rem auto">
<h1>Payment ${outcome}</h1>
${why}<p>Smart Transaction <code>${escapeHtml(stx.id)}</code> is now <strong id="status">${escapeHtml(stx.status)}</strong>.</p>
</body></html>`;
}
