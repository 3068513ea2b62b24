// Every entry of the magic-values table does what it says, driven the way a shop and its payer
// would: card numbers on the checkout page (approve, decline, insufficient funds, a 3-D Secure step
// first), IBANs in a debit (mandate refused, debit returned later: the marker), basket sums that
// decline; a tenant's own entries from a scenario merged over the defaults; the table and its doc.
import { readFileSync } from 'node:fs';
import { isValidIBAN } from 'ibantools';
import { describe, expect, it } from 'vitest';
import magic from '../../fixtures/magic-values.json' with { type: 'json' };
import { validateScenario } from '../../server/domain/scenario.js';
import { validator } from '../../server/schemas/compile.js';
import { magicValuesSchema } from '../../server/schemas/magic-values.js';
import defaultScenario from '../../fixtures/default.json' with { type: 'json' };
import { apiClient, demoApi, expectEnvelope, makeApp, OTHER, pageUrl, tokenFor } from '../helpers.js';
import { saleBody } from '../routes/smart-transaction-helpers.js';

type App = Awaited<ReturnType<typeof makeApp>>;
type Call = ReturnType<typeof apiClient>;
const JSON_ACCEPT = { accept: 'application/json' };

const entries = <T extends string>(table: Record<string, string>) => Object.entries(table) as [string, T][];
const luhn = (digits: string) =>
  [...digits].reverse().reduce((sum, d, i) => sum + (i % 2 ? [0, 2, 4, 6, 8, 1, 3, 5, 7, 9][+d] : +d), 0) % 10 === 0;

/** A sale waiting for the payer's card on the checkout page (in English: the page's words below). */
async function cardSale(call: Call, extra: Record<string, unknown> = {}) {
  const { body: stx } = await call('POST', '/Smart/Transactions', saleBody({ application_context: { language: 'en' }, ...extra }));
  const prepared = await call('POST', `/Smart/Transactions/${stx.id}/prepare/creditcard`, {});
  expect(prepared.body).toMatchObject({ status: 'created', transactions: [] });
  return stx.id as string;
}

const pay = (app: App, id: string, card: string, headers: Record<string, string> = JSON_ACCEPT) =>
  app.inject({ method: 'POST', url: pageUrl(app, id, `/__mock/checkout/${id}/approve`), headers, payload: { card_number: card } });

const challenge = (app: App, id: string, card: string, result: 'pass' | 'fail', headers: Record<string, string> = JSON_ACCEPT) =>
  app.inject({ method: 'POST', url: pageUrl(app, id, `/__mock/checkout/${id}/challenge`), headers, payload: { card_number: card, result } });

async function paymentCount(call: Call) {
  return (await call('GET', '/Payment/Transactions?count=1')).body.count as number;
}

describe('the table', () => {
  it('matches its schema; its cards pass the Luhn check and its IBANs the IBAN check', () => {
    const validate = validator('scenario', magicValuesSchema);
    expect(validate(magic), JSON.stringify(validate.errors)).toBe(true);
    for (const card of Object.keys(magic.cards)) expect(luhn(card), card).toBe(true);
    for (const iban of Object.keys(magic.ibans)) expect(isValidIBAN(iban), iban).toBe(true);
    expect(new Set(Object.values(magic.cards))).toEqual(new Set(['approve', 'decline', 'challenge', 'insufficient_funds']));
    expect(new Set(Object.values(magic.ibans))).toEqual(new Set(['approve', 'mandate_refused', 'debit_returned', 'renewal_declined']));
  });

  it('docs/magic-values.md lists every entry with its outcome', () => {
    const doc = readFileSync(new URL('../../docs/magic-values.md', import.meta.url), 'utf8');
    const rows = doc.split('\n').filter((l) => l.startsWith('| `'));
    for (const table of [magic.cards, magic.ibans, magic.amounts] as Record<string, string>[]) {
      for (const [value, outcome] of Object.entries(table)) {
        const row = rows.find((r) => r.startsWith(`| \`${value}\``) || r.startsWith(`| \`${value.replace(/(.{4})(?=.)/g, '$1 ')}\``));
        expect(row, `no row for ${value}`).toBeDefined();
        expect(row).toContain(`\`${outcome}\``);
      }
    }
  });
});

describe('card numbers on the checkout page', () => {
  it.each(entries<string>(magic.cards).filter(([, o]) => o === 'approve'))('%s approves: a container and an authorised payment', async (card) => {
    const { app, call } = await demoApi();
    const id = await cardSale(call);
    const res = await pay(app, id, card.replace(/(.{4})/g, '$1 ').trim());
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ id, status: 'approved', container: { type: 'credit_card' } });
    expect(res.json().transactions).toHaveLength(1);
  });

  it.each(entries<string>(magic.cards).filter(([, o]) => o === 'decline' || o === 'insufficient_funds'))(
    '%s is refused (%s): failed, no payment, the result page names why, the browser goes to failure_url',
    async (card, outcome) => {
      const { app, call } = await demoApi();
      const id = await cardSale(call);
      const payments = await paymentCount(call);
      const res = await pay(app, id, card, {});
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('Payment declined');
      expect(res.body).toMatch(outcome === 'insufficient_funds' ? /<p id="reason">insufficient funds<\/p>/ : /<p id="reason">the card was declined<\/p>/);
      expect((await call('GET', `/Smart/Transactions/${id}`)).body).toMatchObject({ status: 'failed', transactions: [] });
      expect(await paymentCount(call)).toBe(payments);
      // The guide's repeat payment: prepared again, the same card is refused again and the callback is taken.
      await call('POST', `/Smart/Transactions/${id}/prepare/creditcard`, { callback_urls: { success_url: 'https://shop.example/ok', failure_url: 'https://shop.example/failed' } });
      const again = await pay(app, id, card, {});
      expect(again.statusCode).toBe(303);
      expect(again.headers.location).toBe('https://shop.example/failed');
    },
  );

  it.each(entries<string>(magic.cards).filter(([, o]) => o === 'challenge'))(
    '%s needs a 3-D Secure challenge: the page shows it and nothing changes until the payer completes it',
    async (card) => {
      const { app, call } = await demoApi();
      const id = await cardSale(call);
      const before = (await call('GET', `/Smart/Transactions/${id}`)).body;
      const step = await pay(app, id, card, {});
      expect(step.statusCode).toBe(202);
      expect(step.body).toContain('<h1 id="challenge">3-D Secure</h1>');
      expect(step.body).toContain(`action="/__mock/checkout/${id}/challenge"`);
      expect(step.body).toContain(`<strong id="card">${card.slice(-4)}</strong>`);
      expect(step.body).toContain(`name="card_number" value="${card}"`);
      expect((await call('GET', `/Smart/Transactions/${id}`)).body).toEqual(before);
      const json = await pay(app, id, card);
      expect(json.statusCode).toBe(202);
      expect(json.json()).toMatchObject({ id, status: 'created' });

      const done = await challenge(app, id, card, 'pass');
      expect(done.statusCode).toBe(200);
      expect(done.json()).toMatchObject({ status: 'approved', container: { type: 'credit_card' } });
      expect(done.json().transactions).toHaveLength(1);
    },
  );

  it('a failed challenge fails the payment; a challenge for a card that needs none is refused', async () => {
    const [card] = entries(magic.cards).find(([, o]) => o === 'challenge')!;
    const { app, call } = await demoApi();
    const id = await cardSale(call);
    const approveCard = entries(magic.cards).find(([, o]) => o === 'approve')![0];
    const before = (await call('GET', `/Smart/Transactions/${id}`)).body;
    const refused = await challenge(app, id, approveCard, 'pass');
    expectEnvelope({ status: refused.statusCode, body: refused.json(), headers: refused.headers }, 400, 'ProductNotAllowedException');
    expect((await call('GET', `/Smart/Transactions/${id}`)).body).toEqual(before);
    const failed = await challenge(app, id, card, 'fail', {});
    expect(failed.body).toContain('3-D Secure authentication failed');
    expect((await call('GET', `/Smart/Transactions/${id}`)).body).toMatchObject({ status: 'failed', transactions: [] });
  });

  it('works from a payment link too, and the page offers a card field only for cards', async () => {
    const { app, call } = await demoApi();
    const { body: stx } = await call('POST', '/Smart/Transactions', saleBody());
    const link = new URL(stx.payment_links.creditcard);
    const page = await app.inject({ method: 'GET', url: link.pathname + link.search });
    expect(page.body).toMatch(/<input name="card_number" id="card_number" value="4111 1111 1111 1111"/);
    const paypal = new URL(stx.payment_links.paypal);
    expect((await app.inject({ method: 'GET', url: paypal.pathname + paypal.search })).body).not.toContain('card_number');
    const declining = entries(magic.cards).find(([, o]) => o === 'decline')![0];
    const res = await app.inject({
      method: 'POST',
      url: pageUrl(app, stx.id, `/__mock/checkout/${stx.id}/approve`),
      headers: JSON_ACCEPT,
      payload: { method: 'creditcard', card_number: declining },
    });
    expect(res.json()).toMatchObject({ status: 'failed', payment_method: 'creditcard', transactions: [] });
  });

  it('refuses a card number that is not one, changing nothing', async () => {
    const { app, call } = await demoApi();
    const id = await cardSale(call);
    const before = (await call('GET', `/Smart/Transactions/${id}`)).body;
    for (const card of ['abc', '12', `4${'1'.repeat(60)}`]) expect((await pay(app, id, card)).statusCode).toBe(400);
    expect((await call('GET', `/Smart/Transactions/${id}`)).body).toEqual(before);
  });
});

async function debitFrom(call: Call, iban: string, sum = 8400) {
  const body = saleBody({ basket: undefined, basket_info: { sum, currency: 'EUR' }, container: { type: 'bank_account', private: { owner: 'Max Muster', iban } } });
  const { body: stx } = await call('POST', '/Smart/Transactions', body);
  return (await call('POST', `/Smart/Transactions/${stx.id}/prepare/debit`, {})).body;
}

describe('IBANs in a debit', () => {
  it.each(entries<string>(magic.ibans))('%s: %s', async (iban, outcome) => {
    const { app, call } = await demoApi();
    const payments = await paymentCount(call);
    const stx = await debitFrom(call, iban);
    if (outcome === 'mandate_refused') {
      expect(stx).toMatchObject({ status: 'failed', transactions: [] });
      expect(await paymentCount(call)).toBe(payments);
      return;
    }
    expect(stx.status).toBe('approved');
    const pciId = stx.transactions[0].id;
    const entity = app.store.tenant('demo-client')!.paymentTransactions.get(pciId)!;
    // The return itself comes with the clock (test/clock/later-payments.test.ts); until then only the marker says it is due.
    expect(entity.debitReturn).toBe(outcome === 'debit_returned' ? 'due' : undefined);
    const wire = (await call('GET', `/Payment/Transactions/${pciId}`)).body;
    expect(wire.details.status_simple).toBe(2);
    expect(JSON.stringify(wire)).not.toContain('debitReturn');
  });
});

describe('basket sums', () => {
  it.each(entries<string>(magic.amounts))('%s cents: %s', async (sum, outcome) => {
    const { call } = await demoApi();
    const approving = entries(magic.ibans).find(([, o]) => o === 'approve')![0];
    const stx = await debitFrom(call, approving, Number(sum));
    // An amount that settles later approves: it acts only on an advance payment (test/clock/later-payments.test.ts).
    expect(stx.status).toBe(outcome === 'approve' || outcome === 'settles_in_3_days' ? 'approved' : 'failed');
  });

  it('a sum not in the table approves', async () => {
    const { call } = await demoApi();
    expect((await debitFrom(call, 'DE89370400440532013000', 9904)).status).toBe('approved');
  });
});

describe("a tenant's own table", () => {
  const scenario = (magic_values: unknown) => {
    const base = structuredClone(defaultScenario) as any;
    base.clients[0].magic_values = magic_values;
    return base;
  };

  it('is merged over the defaults for that tenant only', async () => {
    const app = await makeApp({
      scenario: scenario({
        cards: { '4111111111111111': 'decline', '4242424242424242': 'insufficient_funds' },
        amounts: { '9901': 'approve', '1234': 'decline' },
        ibans: { DE08370400440532013003: 'mandate_refused' },
        banks: { '37040044': { bic: 'COBADEFFXXX', bankname: 'Meine Commerzbank' } },
      }),
    });
    const own = apiClient(app, await tokenFor(app));
    const other = apiClient(app, await tokenFor(app, OTHER));
    // Own entries win, new ones count, the defaults stay.
    expect((await pay(app, await cardSale(own), '4111111111111111')).json().status).toBe('failed');
    expect((await pay(app, await cardSale(own), '4242424242424242', {})).body).toContain('insufficient funds');
    expect((await pay(app, await cardSale(own), '4000000000000002')).json().status).toBe('failed');
    expect((await pay(app, await cardSale(own), '5555555555554444')).json().status).toBe('approved');
    expect((await debitFrom(own, 'DE35370400440532013002', 9901)).status).toBe('approved');
    expect((await debitFrom(own, 'DE35370400440532013002', 1234)).status).toBe('failed');
    expect((await debitFrom(own, 'DE08370400440532013003')).status).toBe('failed');
    const account = await own('POST', '/Payment/Containers', { type: 'bank_account', private: { owner: 'A B', iban: 'DE35370400440532013002' } });
    expect(account.body.private.bankname).toBe('Meine Commerzbank');
    // The other tenant sees the defaults.
    expect((await pay(app, await cardSale(other), '4111111111111111')).json().status).toBe('approved');
    expect((await debitFrom(other, 'DE89370400440532013000', 9901)).status).toBe('failed');
    expect((await debitFrom(other, 'DE08370400440532013003')).status).toBe('approved');
    // A reset keeps the tenant's table.
    expect((await app.inject({ method: 'POST', url: '/__mock/reset' })).statusCode).toBe(200);
    expect((await pay(app, await cardSale(own), '4111111111111111')).json().status).toBe('failed');
  });

  it('applies to the scenario\'s own seeded transactions too', () => {
    const refusing = scenario({ ibans: { DE89370400440532013000: 'mandate_refused' } });
    expect(() => validateScenario(refusing, 'test.json')).not.toThrow();
    return expect(makeApp({ scenario: refusing })).rejects.toThrow(/debit reached status failed, not approved/);
  });

  it('GET /__mock/magic-values shows the table a tenant sees; without client_id the defaults', async () => {
    const app = await makeApp({ scenario: scenario({ cards: { '4242424242424242': 'challenge' } }) });
    const own = (await app.inject({ method: 'GET', url: '/__mock/magic-values?client_id=demo-client' })).json();
    expect(own.cards).toEqual({ ...magic.cards, '4242424242424242': 'challenge' });
    expect(own.amounts).toEqual(magic.amounts);
    const other = (await app.inject({ method: 'GET', url: '/__mock/magic-values?client_id=other-client' })).json();
    const { description: _d, ...shipped } = magic;
    expect(other).toMatchObject(shipped);
    expect((await app.inject({ method: 'GET', url: '/__mock/magic-values' })).json()).toEqual(other);
    expect((await app.inject({ method: 'GET', url: '/__mock/magic-values?client_id=nobody' })).statusCode).toBe(404);
  });

  it.each([
    [{ cards: { '41111': 'decline' } }, 'magic_values.cards'],
    [{ cards: { '4111111111111111': 'explode' } }, 'magic_values.cards'],
    [{ ibans: { 'not-an-iban': 'mandate_refused' } }, 'magic_values.ibans'],
    [{ amounts: { '12.5': 'decline' } }, 'magic_values.amounts'],
    [{ amounts: { '100': 'challenge' } }, 'magic_values.amounts'],
    [{ lottery: {} }, 'lottery'],
  ])('refuses %j in a scenario, naming it', (magic_values, named) => {
    expect(() => validateScenario(scenario(magic_values), 'test.json')).toThrow(named);
  });
});
