// Answers shaped like the real API's (recorded traffic, the guides' examples) and the reads a
// production client (pretix-secuconnect) makes: see docs/behaviour.md, "Real answers".
import { describe, expect, it } from 'vitest';
import { demoApi, expectEnvelope, pageUrl } from '../helpers.js';
import { counts, INLINE_ACCOUNT, saleBody, tenantRefs } from './smart-transaction-helpers.js';

type Call = Awaited<ReturnType<typeof demoApi>>['call'];

/** The create body pretix-secuconnect sends (api_client.py), with an empty customer. */
function pretixBody(contractId: string, sum = 2500) {
  return {
    is_demo: true,
    contract: { id: contractId },
    customer: {},
    intent: 'sale',
    basket: { products: [{ id: 1, desc: 'Ticket', priceOne: sum, quantity: 1, tax: 0 }] },
    merchantRef: 'DEMOCON-ABC12',
    transactionRef: 'DEMOCON-ABC12-P-1',
    basket_info: { sum, currency: 'EUR' },
    application_context: {
      checkout_template: 'COT_WD0DE66HN2XWJHW8JM88003YG0NEA2',
      return_urls: {
        url_success: 'https://pretix.example.com/ok',
        url_error: 'https://pretix.example.com/error',
        url_abort: 'https://pretix.example.com/abort',
        url_push: 'https://pretix.example.com/push',
      },
    },
    payment_context: { auto_capture: true },
  };
}

/** A pretix order paid by debit: the Smart Transaction as pretix reads it on return, and its PCI. */
async function pretixPaid(call: Call) {
  const { contractId } = await tenantRefs(call);
  const created = await call('POST', '/Smart/Transactions', pretixBody(contractId));
  expect(created.status).toBe(200);
  expect(created.body.transactions).toEqual([]);
  const prepared = await call('POST', `/Smart/Transactions/${created.body.id}/prepare/debit`, { container: INLINE_ACCOUNT });
  expect(prepared.body.status).toBe('ok');
  const stx = (await call('GET', `/Smart/Transactions/${created.body.id}`)).body;
  const pci = (await call('GET', `/Payment/Transactions/${stx.transactions[0].id}`)).body;
  return { stx, pci };
}

describe('a refund as pretix reads it', () => {
  it('lists the refund under its payment with hierarchy "child"; the child read gives the refunded amount', async () => {
    const { call } = await demoApi();
    const { pci } = await pretixPaid(call);
    expect(pci.details.status_simple).toBe(1);

    const cancel = await call('POST', `/Payment/Transactions/${pci.id}/cancel`, { reduce_amount_by: 1000 });
    expect(cancel.status).toBe(200);
    const [original, child] = cancel.body;
    expect(original.id).toBe(pci.id);
    expect(original.related_transactions).toEqual([
      { object: 'payment.transactions', id: child.id, trans_id: child.trans_id, ref_type_id: 19, hierarchy: 'child' },
    ]);

    // The webhook's read: the payment again, each child by id, and checkStatus for the rest.
    const read = (await call('GET', `/Payment/Transactions/${pci.id}`)).body;
    expect(read.details.status_simple).toBe(1);
    const children = read.related_transactions.filter((r: any) => r.object === 'payment.transactions' && r.hierarchy === 'child');
    expect(children.map((r: any) => r.id)).toEqual([child.id]);
    const refund = (await call('GET', `/Payment/Transactions/${children[0].id}`)).body;
    expect(Math.abs(refund.amount)).toBe(1000);
    expect(refund.parents).toEqual([{ object: 'payment.transactions', id: pci.id, trans_id: pci.trans_id, ref_type_id: 19 }]);
    expect((await call('GET', `/Payment/Transactions/${pci.id}/checkStatus`)).body.amount).toBe(1500);
  });

  it('keeps the Smart Transaction `transactions` list pretix indexes, before and after the refund', async () => {
    const { call } = await demoApi();
    const { stx, pci } = await pretixPaid(call);
    await call('POST', `/Payment/Transactions/${pci.id}/cancel`, { reduce_amount_by: 500 });
    const after = (await call('GET', `/Smart/Transactions/${stx.id}`)).body;
    expect(after.transactions[0].id).toBe(pci.id);
  });
});

describe('setDelivery on a paid sale', () => {
  it('answers 200 and the sale stays ok, with the delivery options merged in', async () => {
    const { call } = await demoApi();
    const { stx } = await pretixPaid(call);
    const res = await call('POST', `/Smart/Transactions/${stx.id}/setDelivery`, {
      delivery_options: { type: 'shipping', shipped_by: 'DHL', tracking_code: '00340434161094042557' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'ok', delivery_options: { type: 'shipping', shipped_by: 'DHL', tracking_code: '00340434161094042557' } });
    expect((await call('GET', `/Smart/Transactions/${stx.id}`)).body).toMatchObject({ status: 'ok', delivery_options: { shipped_by: 'DHL' } });
  });
});

describe('prepare/creditcard with the card iframe data inline (custom checkout)', () => {
  const CARD = {
    type: 'credit_card',
    private: { owner: 'Max Mustermann', pan: '4111111111111111', expiration_date: '2030-12-01T00:00:00+01:00', issuer: 'VISA', transact_container: 'tok-123' },
  };

  it('accepts the inline credit_card container, and the payer approving 3-D Secure authorises with that card', async () => {
    const { app, call } = await demoApi();
    const created = (await call('POST', '/Smart/Transactions', saleBody())).body;
    const prepared = await call('POST', `/Smart/Transactions/${created.id}/prepare/creditcard`, { container: CARD });
    expect(prepared.status).toBe(200);
    expect(prepared.body).toMatchObject({ status: 'created', container: { object: 'payment.containers', type: 'credit_card' } });
    expect(prepared.body.iframe_url).toContain('/__mock/checkout/');
    const containerId = prepared.body.container.id;
    const container = (await call('GET', `/Payment/Containers/${containerId}`)).body;
    expect(container).toMatchObject({ type: 'credit_card', public: { owner: 'Max Mustermann', pan: '411111******1111', issuer: 'VISA' } });

    const approved = await app.inject({ method: 'POST', url: pageUrl(app, created.id, `/__mock/checkout/${created.id}/approve`), headers: { accept: 'application/json' } });
    expect(approved.statusCode).toBe(200);
    const stx = (await call('GET', `/Smart/Transactions/${created.id}`)).body;
    expect(stx).toMatchObject({ status: 'approved', container: { id: containerId } });
    // The page approved the card that was sent: no second card container.
    expect((await call('GET', '/Payment/Containers?q=type:credit_card')).body.data.map((c: any) => c.id)).toEqual([containerId]);
  });

  it('declines on the page when the inline card is a magic declining or underfunded one, and approves a 3-D Secure one', async () => {
    const { app, call } = await demoApi();
    const outcomes: Record<string, string> = {};
    for (const pan of ['4000000000000002', '4000000000009995', '4000000000003220', '4111111111111111']) {
      const created = (await call('POST', '/Smart/Transactions', saleBody())).body;
      await call('POST', `/Smart/Transactions/${created.id}/prepare/creditcard`, { container: { ...CARD, private: { ...CARD.private, pan } } });
      await app.inject({ method: 'POST', url: pageUrl(app, created.id, `/__mock/checkout/${created.id}/approve`), headers: { accept: 'application/json' } });
      const stx = (await call('GET', `/Smart/Transactions/${created.id}`)).body;
      outcomes[pan] = `${stx.status} ${stx.transactions.length}`;
      // The number is never answered, only its mask.
      expect(JSON.stringify(stx)).not.toContain(pan);
    }
    expect(outcomes).toEqual({ '4000000000000002': 'failed 0', '4000000000009995': 'failed 0', '4000000000003220': 'approved 1', '4111111111111111': 'approved 1' });
  });

  it('still refuses a card container for debit and over POST /Payment/Containers, storing nothing', async () => {
    const { call } = await demoApi();
    const created = (await call('POST', '/Smart/Transactions', saleBody())).body;
    const before = await counts(call);
    expectEnvelope(await call('POST', `/Smart/Transactions/${created.id}/prepare/debit`, { container: CARD }), 400, 'ProductNotAllowedException');
    expectEnvelope(await call('POST', '/Payment/Containers', CARD), 400, 'ProductNotAllowedException');
    expect(await counts(call)).toEqual(before);
  });
});

describe('q with URL-encoded values', () => {
  it('decodes a value the client encoded before its HTTP library encoded the query (max%40example.com)', async () => {
    const { call } = await demoApi();
    const customer = (await call('GET', '/Payment/Customers')).body.data[0];
    const email: string = customer.contact.email;
    expect(email).toContain('@');
    // What `requests`/`http_build_query` send for q="contact.email:" + urlencode(email).
    const twice = encodeURIComponent(`contact.email:${encodeURIComponent(email)}`);
    const res = await call('GET', `/Payment/Customers?q=${twice}`);
    expect(res.status).toBe(200);
    expect(res.body.data.map((c: any) => c.id)).toEqual([customer.id]);
    const wildcard = encodeURIComponent(`contact.email:${encodeURIComponent(email.split('@')[0] + '@')}*`);
    expect((await call('GET', `/Payment/Customers?q=${wildcard}`)).body.data.map((c: any) => c.id)).toEqual([customer.id]);
    // Encoded once, as before.
    expect((await call('GET', `/Payment/Customers?q=contact.email:${encodeURIComponent(email)}`)).body.count).toBe(1);
    // A bare % is a literal character, not an error.
    expect((await call('GET', `/Payment/Customers?q=${encodeURIComponent('contact.email:100%')}`)).body.count).toBe(0);
  });
});

describe('Payment Transaction fields the real answers fill', () => {
  it('names product, product id, contract number and the generated description of a payment', async () => {
    const { call } = await demoApi();
    const { pci } = await pretixPaid(call);
    const merchant = (await call('GET', '/General/Merchants/me')).body;
    expect(pci).toMatchObject({
      product: 'Lastschrift',
      product_raw: 'Lastschrift',
      product_id: 10,
      contract_id: merchant.id_old,
      description: 'DEMOCON-ABC12-P-1',
    });
    const day = pci.created.slice(8, 10) + '.' + pci.created.slice(5, 7) + '.' + pci.created.slice(0, 4);
    const generated = `Bestellung am ${day} via secupay bei ${merchant.user.companyname} (${merchant.id_old})`;
    expect(pci.details).toMatchObject({ description: generated, description_raw: generated });
    expect(pci.incoming_payment_date).toBeUndefined();
  });

  it('describes a refund as the guide does and carries the subscription of the payment it refunds', async () => {
    const { call } = await demoApi();
    const subscribed = (await call('GET', '/Payment/Transactions?q=status:115')).body.data[0];
    expect(subscribed.subscription.id).toMatch(/^SUB_/);
    const stx = (await call('GET', `/Smart/Transactions?q=transactions.id:${subscribed.id}`)).body.data[0];
    expect((await call('POST', `/Smart/Transactions/${stx.id}/start`)).status).toBe(200);
    const [, refund] = (await call('POST', `/Payment/Transactions/${subscribed.id}/cancel`, { reduce_amount_by: 100 })).body;
    const day = subscribed.created.slice(8, 10) + '.' + subscribed.created.slice(5, 7) + '.' + subscribed.created.slice(2, 4);
    const text = `TA-Code ${subscribed.trans_id} (${day})|Refund TA-Code ${refund.trans_id}`;
    expect(refund).toMatchObject({
      product: 'Erstattung',
      status: 6,
      status_text: 'abgeschlossen',
      description: text,
      details: { status_simple: 1, status_simple_text: 'accepted', description: text, description_raw: text },
      subscription: { object: 'payment.subscriptions', id: subscribed.subscription.id },
    });
    expect((await call('GET', `/Payment/Transactions/${refund.id}`)).body).toEqual(refund);
  });

  it('captures an invoice with the shipping data: status 86, invoice number, order id and completion date', async () => {
    const { call } = await demoApi();
    const created = (await call('POST', '/Smart/Transactions', saleBody())).body;
    const prepared = (await call('POST', `/Smart/Transactions/${created.id}/prepare/invoice`)).body;
    expect(prepared.status).toBe('approved');
    const pciId = prepared.transactions[0].id;
    const res = await call('POST', `/Payment/Transactions/${pciId}/capture`, {
      shipping_information: { carrier: 'ACME', tracking_id: '12a3bcd45ef678gh9', invoice_number: 'INV-45623', shipped_at: '2023-11-22T15:45:28+02:00', order_id: 'ORD-56324' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      product_id: 12,
      status: 86,
      status_text: 'abgeschlossen (Rechnung offen)',
      details: { status: 86, status_simple: 1, status_simple_text: 'accepted', cleared: 'open' },
      invoice_number: 'INV-45623',
      order_id: 'ORD-56324',
      completion_date: '2023-11-22T00:00:00+02:00',
      related_transactions: [],
    });
    expect((await call('GET', `/Payment/Transactions/${pciId}`)).body).toEqual(res.body);
    expect((await call('GET', `/Smart/Transactions/${created.id}`)).body.status).toBe('ok');
  });

  it('dates a capture without shipping data on its own day, and keeps the merchantRef as order_id', async () => {
    const { call } = await demoApi();
    const created = (await call('POST', '/Smart/Transactions', saleBody())).body;
    const pciId = (await call('POST', `/Smart/Transactions/${created.id}/prepare/debit`, { container: INLINE_ACCOUNT })).body.transactions[0].id;
    await call('POST', `/Smart/Transactions/${created.id}/start`);
    const pci = (await call('GET', `/Payment/Transactions/${pciId}`)).body;
    expect(pci).toMatchObject({ status: 6, order_id: 'order-20000345' });
    expect(pci.completion_date).toBe(`${pci.updated.slice(0, 10)}T00:00:00${pci.updated.slice(19)}`);
    expect(pci.invoice_number).toBeUndefined();
  });

  it('sets incoming_payment_date when the advance payment arrives', async () => {
    const { app, call } = await demoApi();
    const created = (await call('POST', '/Smart/Transactions', saleBody())).body;
    const prepared = (await call('POST', `/Smart/Transactions/${created.id}/prepare/prepaid`)).body;
    const pciId = prepared.transactions[0].id;
    expect((await call('GET', `/Payment/Transactions/${pciId}`)).body.incoming_payment_date).toBeUndefined();
    const settled = await app.inject({ method: 'POST', url: `/__mock/smart-transactions/${created.id}/settle`, payload: {} });
    expect(settled.statusCode).toBe(200);
    const pci = (await call('GET', `/Payment/Transactions/${pciId}`)).body;
    expect(pci).toMatchObject({ status: 6, incoming_payment_date: pci.updated });
  });

  it('names PayPal payments and their refunds with the guide’s product ids 440 and 478', async () => {
    const { app, call } = await demoApi();
    const created = (await call('POST', '/Smart/Transactions', saleBody({ payment_context: { auto_capture: true } }))).body;
    await call('POST', `/Smart/Transactions/${created.id}/prepare/paypal`);
    await app.inject({ method: 'POST', url: pageUrl(app, created.id, `/__mock/checkout/${created.id}/approve`), headers: { accept: 'application/json' } });
    const stx = (await call('GET', `/Smart/Transactions/${created.id}`)).body;
    expect(stx.status).toBe('ok');
    const pciId = stx.transactions[0].id;
    expect((await call('GET', `/Payment/Transactions/${pciId}`)).body).toMatchObject({ product: 'PayPal', product_id: 440 });
    const [, refund] = (await call('POST', `/Payment/Transactions/${pciId}/cancel`, { reduce_amount_by: 495 })).body;
    expect(refund).toMatchObject({ product: 'PayPal Erstattung', product_raw: 'PayPal Erstattung', product_id: 478, amount: -495 });
  });
});

describe('Smart Transaction, customer and subscription defaults the real API fills', () => {
  it('fills basket.type, basket.texts, item_type article and is_demo false, and answers transactions [] before prepare', async () => {
    const { call } = await demoApi();
    const body = saleBody();
    delete (body as Record<string, unknown>).is_demo;
    const created = await call('POST', '/Smart/Transactions', body);
    expect(created.status).toBe(200);
    expect(created.body).toMatchObject({ is_demo: false, transactions: [], basket: { type: 'default', texts: [] } });
    expect(created.body.basket.products.map((p: any) => p.item_type)).toEqual(['article', 'shipping']);
    expect((await call('GET', `/Smart/Transactions/${created.body.id}`)).body).toEqual(created.body);

    const bare = await call('POST', '/Smart/Transactions', { basket_info: { sum: 100, currency: 'EUR' } });
    expect(bare.body).toMatchObject({ is_demo: false, transactions: [], basket: { products: [], type: 'default', texts: [] } });
  });

  it('keeps what the client sent: is_demo true, its own basket type, and marks a marketplace basket mixed', async () => {
    const { call } = await demoApi();
    const demo = await call('POST', '/Smart/Transactions', saleBody({ is_demo: true }));
    expect(demo.body.is_demo).toBe(true);
    const marketplace = await call('POST', '/Smart/Transactions', {
      basket: {
        products: [
          {
            id: 1,
            item_type: 'sub_transaction',
            desc: 'Shop A',
            sum: 1000,
            sub_basket: [{ id: 1, item_type: 'article', desc: 'Mug', quantity: 1, priceOne: 1000, tax: 19 }],
          },
        ],
      },
      basket_info: { sum: 1000, currency: 'EUR' },
    });
    expect(marketplace.status).toBe(200);
    expect(marketplace.body.basket.type).toBe('mixed');
    const typed = await call('POST', '/Smart/Transactions', saleBody({ basket: { type: 'default', products: [{ desc: 'x', quantity: 1, priceOne: 8400 }] } }));
    expect(typed.body.basket).toMatchObject({ type: 'default', products: [{ item_type: 'article' }] });
  });

  it('gives customers their merchant, and subscriptions the container type and a start_at with offset', async () => {
    const { call } = await demoApi();
    const merchant = (await call('GET', '/General/Merchants/me')).body;
    const customer = (await call('GET', '/Payment/Customers')).body.data[0];
    expect(customer.merchant).toEqual({ object: 'general.merchants', id: merchant.id });

    const refs = await tenantRefs(call);
    const created = await call('POST', '/Smart/Transactions', {
      customer: { id: customer.id },
      basket: { products: [{ id: 1, item_type: 'subscription', desc: 'Abo', quantity: 1, priceOne: 990, plan_id: refs.planId, start_at: '2031-07-01' }] },
      basket_info: { sum: 990, currency: 'EUR' },
    });
    expect(created.status).toBe(200);
    const prepared = await call('POST', `/Smart/Transactions/${created.body.id}/prepare/debit`, { container: INLINE_ACCOUNT });
    expect(prepared.status).toBe(200);
    const sub = (await call('GET', `/Payment/Subscriptions/${prepared.body.subscription.id}`)).body;
    expect(sub.container).toEqual({ object: 'payment.containers', id: prepared.body.container.id, type: 'bank_account' });
    expect(sub.start_at).toBe('2031-07-01T00:00:00+02:00');
    expect(sub.billing_cycles.next_billing_time).toBe('2031-07-01T00:00:00+02:00');
  });
});

describe('lenient baskets at every level', () => {
  it('takes numeric articleNumber/ean and a string tax in products and in their sub_basket', async () => {
    const { call } = await demoApi();
    const res = await call('POST', '/Smart/Transactions', {
      basket: {
        products: [
          {
            id: 1,
            item_type: 'sub_transaction',
            desc: 'Shop A',
            sum: 1580,
            tax: '19',
            articleNumber: 3003,
            sub_basket: [{ id: 1, desc: 'Paper', quantity: 2, priceOne: 790, tax: '7', ean: 4999012345678, articleNumber: 30037 }],
          },
        ],
      },
      basket_info: { sum: 1580, currency: 'EUR' },
    });
    expect(res.status).toBe(200);
    const [item] = res.body.basket.products;
    expect(item).toMatchObject({ tax: 19, articleNumber: '3003' });
    expect(item.sub_basket[0]).toMatchObject({ tax: 7, ean: '4999012345678', articleNumber: '30037' });
    expect((await call('GET', `/Smart/Transactions/${res.body.id}`)).body.basket).toEqual(res.body.basket);
  });

  it('still refuses a tax that is no number, naming the field, and stores nothing', async () => {
    const { call } = await demoApi();
    const before = await counts(call);
    const res = await call('POST', '/Smart/Transactions', {
      basket: { products: [{ id: 1, desc: 'x', quantity: 1, priceOne: 100, sub_basket: [{ id: 1, desc: 'y', tax: 'nineteen' }] }] },
      basket_info: { sum: 100, currency: 'EUR' },
    });
    expectEnvelope(res, 400, 'ProductFormatException');
    expect(res.body.error_details).toContain('tax');
    expect(await counts(call)).toEqual(before);
  });
});

describe('how a production client talks', () => {
  it('answers JSON to requests with Accept */* or none, token included, on the older host name with links on it', async () => {
    const { app } = await demoApi();
    const host = 'connect-testing.secupay-ag.de';
    const token = await app.inject({
      method: 'POST',
      url: '/oauth/token',
      headers: { host, accept: '*/*', 'content-type': 'application/json' },
      payload: JSON.stringify({ grant_type: 'client_credentials', client_id: 'demo-client', client_secret: 'demo-secret' }),
    });
    expect(token.statusCode).toBe(200);
    const bearer = { authorization: `Bearer ${token.json().access_token}` };
    const created = await app.inject({
      method: 'POST',
      url: '/api/v2/Smart/Transactions',
      headers: { ...bearer, host, accept: '*/*', 'content-type': 'application/json' },
      payload: JSON.stringify({ basket_info: { sum: 100, currency: 'EUR' } }),
    });
    expect(created.statusCode).toBe(200);
    expect(created.headers['content-type']).toContain('application/json');
    const stx = created.json();
    expect(stx.payment_links.general.startsWith(`http://${host}/__mock/checkout/`)).toBe(true);
    const read = await app.inject({ method: 'GET', url: `/api/v2/Smart/Transactions/${stx.id}`, headers: { ...bearer, host } });
    expect(read.statusCode).toBe(200);
    expect(read.json()).toEqual(stx);
    const refused = await app.inject({ method: 'GET', url: '/api/v2/Smart/Transactions/STX_NOPE', headers: { ...bearer, accept: 'text/html' } });
    expect(refused.statusCode).toBe(404);
    expect(refused.json()).toMatchObject({ status: 'error', error: 'ProductNotFoundException' });
  });

  it('never shows status_simple 15 or 16 (container authorisation) on a payment, through every flow', async () => {
    const { call } = await demoApi();
    await pretixPaid(call);
    const all = (await call('GET', '/Payment/Transactions?count=1000')).body.data;
    expect(all.length).toBeGreaterThan(2);
    for (const p of all) expect(p.details.status_simple, p.id).toBeLessThanOrEqual(14);
  });
});
