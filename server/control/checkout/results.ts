// What the payer sees after a step: the 3-D Secure challenge of a card that needs one, the outcome
// (approved, aborted, refused) where no return URL takes the browser back to the shop, a
// transaction that no longer waits, and errors — as pages in the payer's language, never JSON.
import type { MockError } from '../../domain/errors.js';
import { html } from '../html.js';
import { money, statusWord, withMarkup, type Key, type Lang, type Translate } from './i18n.js';
import { notice, page, summary } from './layout.js';
import type { StepContext } from './steps.js';

/** The bank's 3-D Secure page: nothing changes until the payer completes (or fails) it. */
export function challengePage(c: StepContext, method: string, digits: string, kept: Readonly<Record<string, unknown>>): string {
  const action = `${c.action}/challenge`;
  const carried = (['card_expiry', 'card_holder'] as const).map(
    (name) => typeof kept[name] === 'string' && html`<input type="hidden" name="${name}" value="${kept[name] as string}">`,
  );
  const fields = html`<input type="hidden" name="method" value="${method}"><input type="hidden" name="secret" value="${c.stx.pageSecret}"><input type="hidden" name="card_number" value="${digits}">${carried}`;
  const amount = money(c.stx.basket_info?.sum, c.stx.basket_info?.currency, c.lang);
  const main = html`<section class="card provider" aria-labelledby="challenge"><p class="brand">${c.t('yourBank')}</p>
<h1 id="challenge">3-D Secure</h1>
<p>${withMarkup(c.t('challengeText'), { amount: html`<strong id="amount">${amount}</strong>`, card: html`<strong id="card">${digits.slice(-4)}</strong>` })}</p>
<div class="actions"><form method="post" action="${action}">${fields}<input type="hidden" name="result" value="pass"><button class="primary" id="complete">${c.t('challengeComplete')}</button></form>
<form method="post" action="${action}">${fields}<input type="hidden" name="result" value="fail"><button id="fail">${c.t('challengeFail')}</button></form></div></section>`;
  return page({ lang: c.lang, t: c.t, title: '3-D Secure', merchant: c.merchant, main });
}

export type Outcome = 'approved' | 'aborted' | 'declined';

const TITLES: Record<Outcome, Key> = { approved: 'approvedTitle', aborted: 'abortedTitle', declined: 'cancelledTitle' };

/** The outcome where no return URL leads back to the shop; a payer who may still pay gets the way back. */
export function resultPage(c: StepContext, outcome: Outcome, reason: string | undefined, mayRetry: boolean): string {
  const text = html`${reason && html`<p id="reason">${reason}</p>`}<p>${c.t('statusLine', { status: statusWord(c.stx.status, c.lang) })}</p>`;
  const main = html`${notice(outcome === 'approved' ? 'ok' : 'error', c.t(TITLES[outcome]), text, 'result')}
${mayRetry && html`<p><a class="button primary" id="retry" href="${c.link(outcome === 'declined' ? c.stx.payment_method : undefined)}">${c.t('retry')}</a></p>`}
${summary(c.stx, c.t, c.lang)}`;
  return page({ lang: c.lang, t: c.t, title: c.t(TITLES[outcome]), merchant: c.merchant, main });
}

/** A transaction that no longer waits for the payer (paid, cancelled, …). */
export function donePage(c: StepContext): string {
  const main = html`${notice('ok', c.t('doneTitle'), html`<p id="done">${c.t('done')}</p><p id="status">${c.t('statusLine', { status: statusWord(c.stx.status, c.lang) })}</p>`, 'result')}
${summary(c.stx, c.t, c.lang)}`;
  return page({ lang: c.lang, t: c.t, title: c.t('doneTitle'), merchant: c.merchant, main });
}

/** An error on a payer's page: what it means for the payer, the status kept; the details for the developer below. */
export function errorPage(lang: Lang, t: Translate, error: MockError, merchant = ''): string {
  const status = error.entry.status;
  const meaning: Key = status === 404 ? 'notFound' : error.errorName === 'notAllowed' || error.errorName === 'illegalTransition' ? 'notAllowed' : 'badInput';
  const main = html`${notice('error', t('errorTitle'), html`<p id="error-text">${t(meaning)}</p>`, 'error')}
<details class="hint"><summary>${status} ${error.entry.exception}</summary><p id="error-details">${error.message}</p></details>`;
  return page({ lang, t, title: t('errorTitle'), merchant: merchant || 'secuconnect', main });
}
