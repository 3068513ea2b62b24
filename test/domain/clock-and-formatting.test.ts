// Time as the API writes it (Europe/Berlin offset, no milliseconds) and the entity -> wire
// formatters: derived names, references embedded as {object, id}, mock pages behind the base URL.
import { describe, expect, it, vi } from 'vitest';
import { Clock, formatDateAtMidnight, formatTimestamp } from '../../server/store/clock.js';
import { createCustomer } from '../../server/domain/customers.js';
import {
  formatContainer,
  formatCustomer,
  formatMerchant,
  formatPaymentTransaction,
  formatPlan,
  formatSmartTransaction,
  formatSubscription,
} from '../../server/domain/formatters.js';
import { answerCheckout, prepareSmartTransaction } from '../../server/domain/smart-transaction-payments.js';
import { createSmartTransaction } from '../../server/domain/smart-transactions.js';
import { BASE_URL, demo, newStx } from './support.js';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;

describe('formatTimestamp', () => {
  it('writes winter time with +01:00 and no milliseconds', () => {
    expect(formatTimestamp(Date.UTC(2021, 1, 25, 7, 47, 25, 678))).toBe('2021-02-25T08:47:25+01:00');
  });

  it('writes summer time with +02:00', () => {
    expect(formatTimestamp(Date.UTC(2021, 6, 1, 10, 0, 0, 999))).toBe('2021-07-01T12:00:00+02:00');
  });

  it('switches offset at the moments Berlin changes its clocks', () => {
    expect(formatTimestamp(Date.UTC(2024, 2, 31, 0, 59, 59))).toBe('2024-03-31T01:59:59+01:00');
    expect(formatTimestamp(Date.UTC(2024, 2, 31, 1, 0, 0))).toBe('2024-03-31T03:00:00+02:00');
    expect(formatTimestamp(Date.UTC(2024, 9, 27, 0, 59, 59))).toBe('2024-10-27T02:59:59+02:00');
    expect(formatTimestamp(Date.UTC(2024, 9, 27, 1, 0, 0))).toBe('2024-10-27T02:00:00+01:00');
  });

  it('moves to the next day and year in local time', () => {
    expect(formatTimestamp(Date.UTC(2023, 11, 31, 23, 30, 5))).toBe('2024-01-01T00:30:05+01:00');
  });
});

describe('formatDateAtMidnight', () => {
  it.each([
    ['1901-02-03', '1901-02-03T00:00:00+01:00'],
    ['1980-05-17', '1980-05-17T00:00:00+02:00'],
    ['2000-12-24', '2000-12-24T00:00:00+01:00'],
    // Days Berlin switches to or from summer time: midnight still has the day's first offset.
    ['1980-04-06', '1980-04-06T00:00:00+01:00'],
    ['2024-03-31', '2024-03-31T00:00:00+01:00'],
    ['2024-10-27', '2024-10-27T00:00:00+02:00'],
  ])('writes %s as %s', (date, expected) => {
    expect(formatDateAtMidnight(date)).toBe(expected);
  });
});

describe('Clock', () => {
  it('renders its time as a timestamp without milliseconds', () => {
    const clock = new Clock();
    expect(clock.timestamp()).toMatch(TIMESTAMP);
    clock.frozenAt = Date.UTC(2021, 1, 25, 7, 47, 25, 500);
    expect(clock.timestamp()).toBe('2021-02-25T08:47:25+01:00');
  });

  it('advances a frozen clock by exactly the given time', () => {
    const clock = new Clock();
    clock.frozenAt = Date.UTC(2021, 1, 25, 7, 47, 25);
    clock.advance(1_200_000);
    expect(clock.now()).toBe(Date.UTC(2021, 1, 25, 8, 7, 25));
    expect(clock.timestamp()).toBe('2021-02-25T09:07:25+01:00');
  });

  it('advances a running clock by an offset on real time', () => {
    // Real time is mocked so that the offset can be compared exactly.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      vi.setSystemTime(Date.UTC(2021, 1, 25, 7, 47, 25));
      const clock = new Clock();
      clock.advance(86_400_000);
      expect(clock.now()).toBe(Date.UTC(2021, 1, 26, 7, 47, 25));
      vi.setSystemTime(Date.UTC(2021, 1, 25, 7, 47, 30));
      expect(clock.now()).toBe(Date.UTC(2021, 1, 26, 7, 47, 30));
    } finally {
      vi.useRealTimers();
    }
  });

  it('tells the saved time again once its state is restored', () => {
    const clock = new Clock();
    clock.frozenAt = Date.UTC(2021, 1, 25, 7, 47, 25);
    const saved = clock.state;
    clock.advance(3_600_000);
    expect(clock.timestamp()).toBe('2021-02-25T09:47:25+01:00');
    clock.state = saved;
    expect(clock.now()).toBe(Date.UTC(2021, 1, 25, 7, 47, 25));
    expect(clock.timestamp()).toBe('2021-02-25T08:47:25+01:00');
  });
});

describe('formatters', () => {
  it('derives contact.name from forename and surname without storing it', () => {
    const { ctx, tenant } = demo();
    const max = createCustomer(ctx, { contact: { forename: 'Max', surname: 'Mustermann', name: 'Ignored' } });
    expect(tenant.customers.get(max.id)!.contact).not.toHaveProperty('name');
    const wire = formatCustomer(ctx, max);
    expect(wire.contact?.name).toBe('Max Mustermann');
    expect(wire).toMatchObject({ object: 'payment.customers', id: max.id });
    expect(wire.contract).toEqual({ object: 'payment.contracts', id: tenant.merchant.paymentContractId });
    expect(wire.created).toMatch(TIMESTAMP);
  });

  it('derives a name from a single part and none from no parts', () => {
    const { ctx } = demo();
    expect(formatCustomer(ctx, createCustomer(ctx, { contact: { surname: 'Meier' } })).contact?.name).toBe('Meier');
    expect(formatCustomer(ctx, createCustomer(ctx, { contact: { companyname: 'ACME' } })).contact).not.toHaveProperty('name');
  });

  it('echoes a date of birth at midnight Berlin time', () => {
    const { ctx } = demo();
    const c = createCustomer(ctx, { contact: { surname: 'Dob', dob: '1980-05-17' } });
    expect(formatCustomer(ctx, c).contact?.dob).toBe('1980-05-17T00:00:00+02:00');
  });

  it('shows the merchant without its internal contract ids', () => {
    const { ctx, tenant } = demo();
    const wire = formatMerchant(ctx);
    expect(wire).toMatchObject({ object: 'general.merchants', id: tenant.merchant.id, user: { companyname: 'Demo Shop GmbH' } });
    expect(wire).not.toHaveProperty('generalContractId');
    expect(wire).not.toHaveProperty('paymentContractId');
  });

  it('embeds references of a subscription as {object, id}', () => {
    const { ctx, tenant } = demo();
    const sub = [...tenant.subscriptions.values()][0];
    const wire = formatSubscription(ctx, sub);
    expect(wire).toMatchObject({
      object: 'payment.subscriptions',
      id: sub.id,
      smart_transaction: { object: 'smart.transactions', id: sub.smartTransactionId },
      merchant: { object: 'general.merchants', id: tenant.merchant.id },
      contract: { object: 'general.contracts', id: tenant.merchant.generalContractId },
      customer: { object: 'payment.customers', id: sub.customerId },
      container: { object: 'payment.containers', id: sub.containerId },
      plan: { object: 'payment.plans', id: sub.planId },
    });
    for (const key of ['smartTransactionId', 'planId', 'customerId', 'containerId']) expect(wire).not.toHaveProperty(key);
    for (const ref of [wire.smart_transaction, wire.contract, wire.plan]) expect(Object.keys(ref!).sort()).toEqual(['id', 'object']);
  });

  it('embeds references of a plan and a container', () => {
    const { ctx, tenant } = demo();
    const plan = [...tenant.plans.values()][0];
    expect(formatPlan(ctx, plan).merchant).toEqual({ object: 'general.merchants', id: tenant.merchant.id });
    const container = [...tenant.containers.values()][0];
    const wire = formatContainer(ctx, container);
    expect(wire.merchant).toEqual({ object: 'general.merchants', id: tenant.merchant.id });
    expect(wire.contract).toEqual({ object: 'payment.contracts', id: tenant.merchant.paymentContractId });
    expect(wire.customer).toMatchObject({ object: 'payment.customers', id: container.customerId, contact: { name: 'Max Mustermann' } });
    expect(wire).not.toHaveProperty('customerId');
  });

  it('embeds the references of a Smart Transaction and hides the entity bookkeeping', () => {
    const { ctx, tenant } = demo();
    const stx = [...tenant.smartTransactions.values()].find((s) => s.subscriptionId)!;
    const wire = formatSmartTransaction(ctx, stx);
    const pci = tenant.paymentTransactions.get(stx.transactionIds[0])!;
    expect(wire).toMatchObject({
      object: 'smart.transactions',
      id: stx.id,
      updated_at: stx.updated,
      merchant: { object: 'general.merchants', id: tenant.merchant.id, companyname: 'Demo Shop GmbH' },
      contract: { object: 'general.contracts', id: tenant.merchant.generalContractId },
      customer: { object: 'payment.customers', id: stx.customerId, contact: { name: 'Max Mustermann' } },
      container: { object: 'payment.containers', id: stx.containerId, type: 'bank_account' },
      transactions: [{ object: 'payment.transactions', id: pci.id, trans_id: pci.trans_id, transaction_hash: pci.transaction_hash }],
      subscription: { object: 'payment.subscriptions', id: stx.subscriptionId },
    });
    for (const key of ['customerId', 'shippingAddressId', 'containerId', 'transactionIds', 'subscriptionId', 'callbackUrls']) {
      expect(wire).not.toHaveProperty(key);
    }
  });

  it('puts the base URL in front of the iframe_url and every payment link', () => {
    const { ctx } = demo();
    const id = newStx(ctx);
    const stx = prepareSmartTransaction(ctx, id, 'creditcard', { callback_urls: { success_url: 'https://shop.test/ok' } });
    const secret = `secret=${stx.pageSecret}`;
    expect(stx.pageSecret).toMatch(/^[0-9a-f]{32}$/);
    expect(stx.iframe_url).toBe(`/__mock/checkout/${id}?method=creditcard&${secret}`);
    const wire = formatSmartTransaction(ctx, stx);
    const checkout = `${BASE_URL}/__mock/checkout/${id}`;
    expect(wire.iframe_url).toBe(`${checkout}?method=creditcard&${secret}`);
    expect(wire.checkout_links?.url_checkout).toBe(`${checkout}?${secret}`);
    expect(wire.payment_links).toEqual({
      prepaid: `${checkout}?method=prepaid&${secret}`,
      debit: `${checkout}?method=debit&${secret}`,
      creditcard: `${checkout}?method=creditcard&${secret}`,
      invoice: `${checkout}?method=invoice&${secret}`,
      paypal: `${checkout}?method=paypal&${secret}`,
      sofort: `${checkout}?method=sofort&${secret}`,
      general: `${checkout}?${secret}`,
    });
    expect(wire).not.toHaveProperty('pageSecret');
    expect(wire).not.toHaveProperty('callbackUrls');
  });

  it('offers payment links only for the methods payment_context allows', () => {
    const { ctx } = demo();
    const stx = createSmartTransaction(ctx, { basket_info: { sum: 100, currency: 'EUR' }, payment_context: { payment_methods: ['debit', 'paypal'] } });
    const checkout = `${BASE_URL}/__mock/checkout/${stx.id}`;
    const secret = `secret=${stx.pageSecret}`;
    expect(formatSmartTransaction(ctx, stx).payment_links).toEqual({
      debit: `${checkout}?method=debit&${secret}`,
      paypal: `${checkout}?method=paypal&${secret}`,
      general: `${checkout}?${secret}`,
    });
    expect(formatSmartTransaction(ctx, stx).iframe_url).toBeUndefined();
  });

  it('puts the base URL in front of the girocode of prepaid payment instructions', () => {
    const { ctx } = demo();
    const id = newStx(ctx);
    const stx = prepareSmartTransaction(ctx, id, 'prepaid', undefined);
    const wire = formatSmartTransaction(ctx, stx);
    expect(wire.payment_instructions?.girocode_url).toBe(`${BASE_URL}/__mock/girocode/${id}?secret=${stx.pageSecret}`);
    expect(wire.payment_instructions?.purpose).toMatch(/^TA \d{8} test-order$/);
  });

  it('shows a payment transaction with its references, payer and cleared flag', () => {
    const { ctx, tenant } = demo();
    const id = newStx(ctx, { planId: [...tenant.plans.values()][0].id });
    prepareSmartTransaction(ctx, id, 'creditcard', undefined);
    const stx = answerCheckout(ctx, id, true);
    const pci = tenant.paymentTransactions.get(stx.transactionIds[0])!;
    const wire = formatPaymentTransaction(ctx, pci);
    expect(wire).toMatchObject({
      object: 'payment.transactions',
      id: pci.id,
      merchant: { object: 'general.merchants', id: tenant.merchant.id },
      contract: { object: 'general.contracts', id: tenant.merchant.generalContractId },
      subscription: { object: 'payment.subscriptions', id: stx.subscriptionId },
      customer: { forename: 'Max', surname: 'Mustermann' },
      product: 'Kreditkarte',
      status: 115,
      details: { cleared: 'open', status_simple: 11, amount: 1500 },
      parents: [],
      related_transactions: [],
    });
    expect(tenant.containers.get(stx.containerId!)!.type).toBe('credit_card');
  });
});
