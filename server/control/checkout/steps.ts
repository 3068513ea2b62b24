// The step of each payment method on the hosted checkout: the choice among the methods on offer
// (the `general` link), the card form, the SEPA direct debit with its mandate, the page of the
// payer's provider (PayPal and the like, a stand-in), advance payment with its bank details and
// GiroCode, invoice. Every step is a form posting to /approve (or /decline to leave).
import type { InputProblems } from '../../domain/payer-input.js';
import { askedToApprove } from '../../domain/smart-transaction-payments.js';
import type { SmartTransactionEntity } from '../../store/entities.js';
import { html, type Html } from '../html.js';
import { hintKey, methodKey, money, type Key, type Lang, type Translate } from './i18n.js';
import { notice, summary } from './layout.js';

/** What every step needs to know about the transaction and the payer. */
export interface StepContext {
  readonly stx: SmartTransactionEntity;
  readonly lang: Lang;
  readonly t: Translate;
  readonly merchant: string;
  /** `/__mock/checkout/{id}`: the forms post to its /approve, /decline and /challenge. */
  readonly action: string;
  /** The page link of a method (none: the choice). */
  readonly link: (method?: string) => string;
  /** The methods the `general` link offers. */
  readonly offered: readonly string[];
  /** The payer's name from the transaction's customer, to prefill holder and owner. */
  readonly payerName: string;
  readonly creditorId: string;
  /** Magic values the payer may use (test environment), shown as hints: number/IBAN -> outcome. */
  readonly testCards: Readonly<Record<string, string>>;
  readonly testIbans: Readonly<Record<string, string>>;
}

/** What the payer posted (re-shown after a problem) and what was wrong with it. */
export interface Posted {
  readonly values?: Readonly<Record<string, unknown>>;
  readonly problems?: InputProblems;
  /** A decline to show above the step, already in the payer's words. */
  readonly declined?: string;
}

/** The card number the form starts with: one the magic-values table approves. */
export const DEMO_CARD = '4111 1111 1111 1111';

export const methodName = (t: Translate, method: string) => {
  const key = methodKey(method);
  return key ? t(key) : method;
};

const hidden = (c: StepContext, method: string) =>
  html`<input type="hidden" name="method" value="${method}"><input type="hidden" name="secret" value="${c.stx.pageSecret}">`;

/** The shop's own words for the buttons (application_context.iframe_opts), else ours. */
const submitTitle = (c: StepContext, key: Key) => c.stx.application_context?.iframe_opts?.submit_button_title || c.t(key);
const cancelTitle = (c: StepContext, key: Key) =>
  (key === 'cancel' && c.stx.application_context?.iframe_opts?.cancel_button_title) || c.t(key);

const amountOf = (c: StepContext) => money(c.stx.basket_info?.sum, c.stx.basket_info?.currency, c.lang);

/** A labelled text field; a problem marks it and is read out with it. */
function field(c: StepContext, posted: Posted, name: string, label: Key, initial: string, attrs: Html) {
  const problem = posted.problems?.[name];
  const given = posted.values?.[name];
  const value = typeof given === 'string' ? given : initial;
  const err = problem && html`<p class="err" id="${name}-err">${c.t(`problem.${problem}` as Key)}</p>`;
  return html`<label for="${name}">${c.t(label)}</label>
<input name="${name}" id="${name}" value="${value}" ${attrs}${problem && html` aria-invalid="true" aria-describedby="${name}-err"`}>${err}`;
}

function declinedNotice(c: StepContext, posted: Posted) {
  if (posted.declined !== undefined) {
    return notice('error', c.t('declinedTitle'), html`<p id="reason">${posted.declined}</p><p>${c.t('tryAgain')}</p>`);
  }
  return posted.problems && Object.keys(posted.problems).length > 0 ? notice('error', c.t('fixFields')) : undefined;
}

/**
 * Another method may be chosen unless the shop prepared this one and the payer is to approve it
 * (iframe_url, status created); after a refusal the payer may switch.
 */
const mayChooseOther = (c: StepContext) => c.offered.length > 1 && !askedToApprove(c.stx);

/** Leave (the payment link's abort, or the payer's refusal on a page the shop sent them to) and the way to another method. */
function leave(c: StepContext, method: string, label: Key = 'cancel', offerOther = true) {
  const other = offerOther && mayChooseOther(c);
  return html`<div class="actions"><form method="post" action="${c.action}/decline">${hidden(c, method)}<button class="link" id="decline">${cancelTitle(c, label)}</button></form>
${other && html`<a class="button link" id="other-method" href="${c.link()}">${c.t('change')}</a>`}</div>`;
}

function examples(c: StepContext, title: Key, table: Readonly<Record<string, string>>, group: (v: string) => string) {
  return html`<details class="hint"><summary>${c.t(title)}</summary><ul>${Object.entries(table).map(
    ([value, outcome]) => html`<li><code>${group(value)}</code> – ${outcome}</li>`,
  )}</ul></details>`;
}

export function choiceStep(c: StepContext, posted: Posted = {}): Html {
  return html`${declinedNotice(c, posted)}${summary(c.stx, c.t, c.lang)}
<section class="card"><form method="get" action="${c.action}" id="choose">
<input type="hidden" name="secret" value="${c.stx.pageSecret}">
<fieldset><legend><h1>${c.t('chooseMethod')}</h1></legend>
${c.offered.map((m, i) => {
  const hint = hintKey(m);
  return html`<label class="choice"><input type="radio" name="method" value="${m}" id="method-${m}"${i === 0 && html` checked`} required><span>${methodName(c.t, m)}${hint && html`<small>${c.t(hint)}</small>`}</span></label>`;
})}</fieldset>
<button class="primary" id="next">${c.t('next')}</button></form>
${leave(c, '', 'backToShop', false)}</section>`;
}

export function cardStep(c: StepContext, posted: Posted = {}): Html {
  const p = posted;
  return html`${declinedNotice(c, p)}${summary(c.stx, c.t, c.lang)}
<section class="card"><h1>${methodName(c.t, 'creditcard')}</h1>
<form method="post" action="${c.action}/approve" id="pay" novalidate>${hidden(c, 'creditcard')}
${field(c, p, 'card_number', 'cardNumber', DEMO_CARD, html`inputmode="numeric" autocomplete="cc-number" required`)}
<div class="row"><div>${field(c, p, 'card_expiry', 'cardExpiry', '', html`inputmode="numeric" autocomplete="cc-exp" placeholder="${c.lang === 'de' ? 'MM/JJ' : 'MM/YY'}" required`)}</div>
<div>${field(c, p, 'card_cvc', 'cardCvc', '', html`inputmode="numeric" autocomplete="cc-csc" maxlength="4" required`)}</div></div>
${field(c, p, 'card_holder', 'cardHolder', c.payerName, html`autocomplete="cc-name" required`)}
<button class="primary" id="approve">${submitTitle(c, 'pay')} · ${amountOf(c)}</button></form>
${examples(c, 'testCards', c.testCards, (n) => n.replace(/(.{4})(?=.)/g, '$1 '))}
${leave(c, 'creditcard')}</section>`;
}

export function sepaStep(c: StepContext, posted: Posted = {}): Html {
  const p = posted;
  const problem = p.problems?.mandate;
  const mandate = c.t('mandateText', { merchant: c.merchant, creditor: c.creditorId });
  return html`${declinedNotice(c, p)}${summary(c.stx, c.t, c.lang)}
<section class="card"><h1>${methodName(c.t, 'debit')}</h1>
<form method="post" action="${c.action}/approve" id="pay" novalidate>${hidden(c, 'debit')}
${field(c, p, 'owner', 'owner', c.payerName, html`autocomplete="name" required`)}
${field(c, p, 'iban', 'iban', '', html`autocomplete="off" autocapitalize="characters" spellcheck="false" placeholder="DE00 0000 0000 0000 0000 00" required`)}
<h2>${c.t('mandateTitle')}</h2><p class="mandate" id="mandate-text">${mandate}</p>
<label class="check"><input type="checkbox" name="mandate" id="mandate" value="accepted" required${Boolean(p.values?.mandate) && html` checked`}${problem && html` aria-invalid="true" aria-describedby="mandate-err"`}>${c.t('mandateAccept')}</label>
${problem && html`<p class="err" id="mandate-err">${c.t(`problem.${problem}` as Key)}</p>`}
<button class="primary" id="approve">${submitTitle(c, 'payDebit')} · ${amountOf(c)}</button></form>
${examples(c, 'testIbans', c.testIbans, (n) => n.replace(/(.{4})(?=.)/g, '$1 '))}
${leave(c, 'debit')}</section>`;
}

const PROVIDER_ACCOUNT: Record<string, string> = { paypal: 'payer@example.com' };

/** The page of the payer's provider (PayPal's login and consent; a bank's for Sofort and the like), standing in. */
export function providerStep(c: StepContext, method: string, posted: Posted = {}): Html {
  const provider = methodName(c.t, method);
  return html`${declinedNotice(c, posted)}${summary(c.stx, c.t, c.lang)}
<section class="card provider" aria-labelledby="provider-title"><p class="brand">${provider}</p>
<h1 id="provider-title">${c.t('consentTitle', { provider })}</h1>
<p id="consent">${c.t('consentText', { account: PROVIDER_ACCOUNT[method] ?? 'Max Mustermann', merchant: c.merchant, amount: amountOf(c) })}</p>
<div class="actions"><form method="post" action="${c.action}/approve">${hidden(c, method)}<button class="primary" id="approve">${c.t('approve')}</button></form>
<form method="post" action="${c.action}/decline">${hidden(c, method)}<button id="decline">${c.t('decline')}</button></form></div>
<p class="hint">${c.t('providerStandIn', { provider })}</p>
${mayChooseOther(c) && html`<a class="button link" id="other-method" href="${c.link()}">${c.t('change')}</a>`}</section>`;
}

/** Advance payment or invoice before the order: what happens next, and the order button. */
export function orderStep(c: StepContext, method: 'prepaid' | 'invoice', posted: Posted = {}): Html {
  const [intro, button]: [Key, Key] = method === 'prepaid' ? ['prepaidIntro', 'prepaidOrder'] : ['invoiceIntro', 'invoiceOrder'];
  return html`${declinedNotice(c, posted)}${summary(c.stx, c.t, c.lang)}
<section class="card"><h1>${methodName(c.t, method)}</h1><p>${c.t(intro)}</p>
<form method="post" action="${c.action}/approve" id="pay">${hidden(c, method)}<button class="primary" id="approve">${submitTitle(c, button)} · ${amountOf(c)}</button></form>
${leave(c, method)}</section>`;
}

/** The bank details of an advance payment, its purpose and the GiroCode (a QR image of the EPC payload). */
export function bankDetailsStep(c: StepContext, girocodeSrc: string | undefined, continueUrl: string | undefined): Html {
  const p = c.stx.payment_instructions!;
  const amount = amountOf(c);
  return html`${notice('ok', c.t('bankDetails', { amount }), html`<p>${c.t('bankDetailsIntro')}</p>`, 'bank-details-title')}
<section class="card" aria-labelledby="bank-details-title"><dl class="bank" id="bank-details">
<dt>${c.t('recipient')}</dt><dd id="bank-owner">${p.owner}</dd>
<dt>${c.t('iban')}</dt><dd id="bank-iban">${p.iban?.replace(/(.{4})(?=.)/g, '$1 ')}</dd>
<dt>${c.t('bic')}</dt><dd id="bank-bic">${p.bic}</dd>
<dt>${c.t('bank')}</dt><dd>${p.bankname}</dd>
<dt>${c.t('amount')}</dt><dd id="bank-amount">${amount}</dd>
<dt>${c.t('purpose')}</dt><dd id="bank-purpose">${p.purpose}</dd></dl>
${girocodeSrc && html`<figure class="qr"><img id="girocode" src="${girocodeSrc}" width="192" height="192" alt="${c.t('girocodeAlt', { amount })}"><figcaption class="hint">${c.t('girocode')}</figcaption></figure>`}
${continueUrl && html`<a class="button primary" id="continue" href="${continueUrl}">${c.t('continueToShop')}</a>`}</section>
${summary(c.stx, c.t, c.lang)}`;
}
