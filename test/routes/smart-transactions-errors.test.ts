// /api/v2/Smart/Transactions: every refused call answers the error envelope and leaves the state
// as it was.
import { describe, expect, it } from 'vitest';
import { demoApi, expectEnvelope, OTHER, apiClient, tokenFor } from '../helpers.js';
import { counts, expectNoChange, guideSubscriptionBody, INLINE_ACCOUNT, read, saleBody, send, tenantRefs } from './smart-transaction-helpers.js';
import { approvedSubscription, paidSale } from './smart-transactions-setup.js';

describe('errors leave the state as it was', () => {
  it('refuses start before prepare, naming the status created', async () => {
    const { call } = await demoApi();
    const { body: stx } = await call('POST', '/Smart/Transactions', saleBody());
    await expectNoChange(call, stx.id, async () => {
      const res = await call('POST', `/Smart/Transactions/${stx.id}/start/debit`);
      expectEnvelope(res, 400, 'ProductNotAllowedException');
      expect(res.body.error_details).toContain('status created');
      expect(res.body.error_details).toContain(stx.id);
    });
  });

  it('refuses a second prepare (and makes no container of its inline account)', async () => {
    const { call, stx } = await approvedSubscription();
    await expectNoChange(call, stx.id, async () => {
      const res = await call('POST', `/Smart/Transactions/${stx.id}/prepare/debit`, { container: { ...INLINE_ACCOUNT, private: { owner: 'X', iban: 'DE89370400440532013000' } } });
      expectEnvelope(res, 400, 'ProductNotAllowedException');
      expect(res.body.error_details).toContain('status approved');
    });
  });

  it('refuses start on a transaction that is already ok', async () => {
    const api = await demoApi();
    const paid = await paidSale(api);
    await expectNoChange(api.call, paid.id, async () => {
      const res = await api.call('POST', `/Smart/Transactions/${paid.id}/start/debit`);
      expectEnvelope(res, 400, 'ProductNotAllowedException');
      expect(res.body.error_details).toContain('status ok');
    });
  });

  it('refuses a second cancel', async () => {
    const { call, stx } = await approvedSubscription();
    expect((await call('POST', `/Smart/Transactions/${stx.id}/cancel`)).body.status).toBe('cancelled');
    await expectNoChange(call, stx.id, async () => {
      const res = await call('POST', `/Smart/Transactions/${stx.id}/cancel`);
      expectEnvelope(res, 400, 'ProductNotAllowedException');
      expect(res.body.error_details).toContain('status cancelled');
    });
  });

  it('refuses setDelivery before capture (approved)', async () => {
    const { call, stx } = await approvedSubscription();
    await expectNoChange(call, stx.id, async () => {
      const res = await call('POST', `/Smart/Transactions/${stx.id}/setDelivery`, { delivery_options: { type: 'shipping' } });
      expectEnvelope(res, 400, 'ProductNotAllowedException');
      expect(res.body.error_details).toContain('status approved');
    });
  });

  it('refuses PUT once the transaction is approved', async () => {
    const { call, stx } = await approvedSubscription();
    await expectNoChange(call, stx.id, async () => {
      const res = await call('PUT', `/Smart/Transactions/${stx.id}`, { merchantRef: 'changed' });
      expectEnvelope(res, 400, 'ProductNotAllowedException');
      expect(res.body.error_details).toContain('status approved');
    });
  });

  it('updates with PUT while created', async () => {
    const { call } = await demoApi();
    const { body: stx } = await call('POST', '/Smart/Transactions', saleBody());
    const res = await call('PUT', `/Smart/Transactions/${stx.id}`, { merchantRef: 'order-changed' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ status: 'created', merchantRef: 'order-changed', basket_info: { sum: 8400 } });
    expect((await read(call, stx.id)).merchantRef).toBe('order-changed');
  });

  it('answers 404 ProductNotFoundException for an unknown id, on read and on every action', async () => {
    const { call } = await demoApi();
    const unknown = 'STX_00000000000000000000000000000X';
    await expectNoChange(call, undefined, async () => {
      for (const [method, path] of [
        ['GET', ''],
        ['PUT', ''],
        ['POST', '/prepare/debit'],
        ['POST', '/start/debit'],
        ['POST', '/start'],
        ['POST', '/cancel'],
        ['POST', '/abort'],
        ['POST', '/setDelivery'],
      ] as const) {
        const res = await call(method, `/Smart/Transactions/${unknown}${path}`, method === 'GET' ? undefined : {});
        expectEnvelope(res, 404, 'ProductNotFoundException');
        expect(res.body.error_details).toContain(unknown);
      }
    });
  });

  it("answers 404 for another tenant's transaction and leaves it alone", async () => {
    const { app, call } = await demoApi();
    const other = apiClient(app, await tokenFor(app, OTHER));
    const { body: theirs } = await other('POST', '/Smart/Transactions', saleBody());
    const before = await read(other, theirs.id);
    expectEnvelope(await call('GET', `/Smart/Transactions/${theirs.id}`), 404, 'ProductNotFoundException');
    expectEnvelope(await call('POST', `/Smart/Transactions/${theirs.id}/prepare/debit`, { container: INLINE_ACCOUNT }), 404, 'ProductNotFoundException');
    expectEnvelope(await call('POST', `/Smart/Transactions/${theirs.id}/cancel`), 404, 'ProductNotFoundException');
    expect(await read(other, theirs.id)).toEqual(before);
  });

  it('answers 400 ProductFormatException for malformed JSON', async () => {
    const { app, call } = await demoApi();
    const { body: stx } = await call('POST', '/Smart/Transactions', saleBody());
    const token = await tokenFor(app);
    await expectNoChange(call, stx.id, async () => {
      for (const url of ['/api/v2/Smart/Transactions', `/api/v2/Smart/Transactions/${stx.id}/prepare/debit`]) {
        const res = await send(app, { method: 'POST', url, token, headers: { 'content-type': 'application/json' }, payload: '{"basket_info": {"sum": 10,' });
        expectEnvelope(res, 400, 'ProductFormatException');
      }
    });
  });

  it('answers 400 naming the field when a type is wrong (basket_info.sum as a string)', async () => {
    const { call } = await demoApi();
    await expectNoChange(call, undefined, async () => {
      const res = await call('POST', '/Smart/Transactions', { ...saleBody(), basket_info: { sum: '8400', currency: 'EUR' } });
      expectEnvelope(res, 400, 'ProductFormatException');
      expect(res.body.error_details).toContain('basket_info.sum');
    });
  });

  it('refuses a basket_info.sum that is not the basket total', async () => {
    const { call } = await demoApi();
    await expectNoChange(call, undefined, async () => {
      const res = await call('POST', '/Smart/Transactions', { ...saleBody(), basket_info: { sum: 8000, currency: 'EUR' } });
      expectEnvelope(res, 400, 'ProductFormatException');
      expect(res.body.error_details).toContain('basket_info.sum');
      expect(res.body.error_details).toContain('8400');
    });
  });

  it('refuses a basket_info.currency that is not an ISO 4217 code', async () => {
    const { call } = await demoApi();
    const { body: stx } = await call('POST', '/Smart/Transactions', saleBody());
    await expectNoChange(call, stx.id, async () => {
      const created = await call('POST', '/Smart/Transactions', { ...saleBody(), basket_info: { sum: 8400, currency: 'euro' } });
      expectEnvelope(created, 400, 'ProductFormatException');
      expect(created.body.error_details).toContain('basket_info.currency');
      const updated = await call('PUT', `/Smart/Transactions/${stx.id}`, { basket_info: { sum: 8400, currency: 'eur' } });
      expectEnvelope(updated, 400, 'ProductFormatException');
    });
  });

  it('refuses a subscription basket with a second item', async () => {
    const { call } = await demoApi();
    const refs = await tenantRefs(call);
    const body = guideSubscriptionBody(refs);
    const second = { id: 2, item_type: 'shipping', desc: 'Versand', quantity: 1, priceOne: 500 };
    await expectNoChange(call, undefined, async () => {
      const res = await call('POST', '/Smart/Transactions', { ...body, basket: { products: [...body.basket.products, second] }, basket_info: { sum: 1490, currency: 'EUR' } });
      expectEnvelope(res, 400, 'ProductFormatException');
      expect(res.body.error_details).toContain('subscription');
    });
  });

  it('refuses a subscription item whose plan_id is unknown', async () => {
    const { call } = await demoApi();
    const refs = await tenantRefs(call);
    const unknownPlan = 'PLN_9XE5CDX7JKKFP5Q9UH9S2IJ6BOL56T';
    await expectNoChange(call, undefined, async () => {
      const res = await call('POST', '/Smart/Transactions', guideSubscriptionBody({ ...refs, planId: unknownPlan }));
      expectEnvelope(res, 404, 'ProductNotFoundException');
      expect(res.body.error_details).toContain(unknownPlan);
    });
  });

  it('makes no customer when a create with an inline customer fails later on', async () => {
    const { call } = await demoApi();
    const before = await counts(call);
    const res = await call('POST', '/Smart/Transactions', { ...saleBody(), container: { type: 'bank_account', private: { owner: 'Max', iban: 'DE00123456780000000000' } } });
    expectEnvelope(res, 400, 'ProductFormatException');
    expect(res.body.error_details).toContain('IBAN');
    expect(await counts(call)).toEqual(before);
    // The id sequence was rolled back too: the next transaction gets the ids it gets in an app
    // where the failed create never happened.
    const ok = await call('POST', '/Smart/Transactions', saleBody());
    expect(ok.status).toBe(200);
    expect(await counts(call)).toEqual({ ...before, '/Smart/Transactions': before['/Smart/Transactions'] + 1, '/Payment/Customers': before['/Payment/Customers'] + 1 });
    const fresh = await demoApi();
    const same = await fresh.call('POST', '/Smart/Transactions', saleBody());
    expect([ok.body.id, ok.body.customer.id]).toEqual([same.body.id, same.body.customer.id]);
  });

  it('refuses prepare/debit without a container', async () => {
    const { call } = await demoApi();
    const { body: stx } = await call('POST', '/Smart/Transactions', saleBody());
    await expectNoChange(call, stx.id, async () => {
      const res = await call('POST', `/Smart/Transactions/${stx.id}/prepare/debit`);
      expectEnvelope(res, 400, 'ProductFormatException');
      expect(res.body.error_details).toContain('container');
    });
  });

  it('answers 400 for an unknown payment method segment', async () => {
    const { call } = await demoApi();
    const { body: stx } = await call('POST', '/Smart/Transactions', saleBody());
    await expectNoChange(call, stx.id, async () => {
      for (const action of ['prepare', 'start']) {
        const res = await call('POST', `/Smart/Transactions/${stx.id}/${action}/bitcoin`, {});
        expectEnvelope(res, 400, 'ProductFormatException');
        expect(res.body.error_details).toContain('paymentMethod');
      }
    });
  });

  it('answers 413 for a body over 1 MiB', async () => {
    const { call } = await demoApi();
    await expectNoChange(call, undefined, async () => {
      const res = await call('POST', '/Smart/Transactions', { ...saleBody(), transactionRef: 'x'.repeat(1024 * 1024) });
      expectEnvelope(res, 413, 'ProductFormatException');
    });
  });

  it('answers 403 ProductNotAllowedException (code 2003) without a valid token', async () => {
    const { app, call } = await demoApi();
    await expectNoChange(call, undefined, async () => {
      for (const headers of [{}, { authorization: 'Bearer garbage0000000000000000000' }, { authorization: 'Basic ZGVtbzpkZW1v' }] as Record<string, string>[]) {
        for (const [method, url] of [['GET', '/api/v2/Smart/Transactions'], ['POST', '/api/v2/Smart/Transactions']] as const) {
          const res = await send(app, { method, url, headers: { ...headers, 'content-type': 'application/json' }, payload: method === 'POST' ? JSON.stringify(saleBody()) : undefined });
          expectEnvelope(res, 403, 'ProductNotAllowedException');
          expect(res.body).toMatchObject({ code: 2003, error_details: 'Valid auth token required' });
        }
      }
    });
  });

  it('answers 403 once the token has expired on the tenant clock (1200 s)', async () => {
    const { app, call } = await demoApi();
    const before = await counts(call);
    const token = await tokenFor(app);
    const advanced = await app.inject({ method: 'POST', url: '/__mock/clock', payload: { client_id: 'demo-client', advance_seconds: 1201 } });
    expect(advanced.statusCode).toBe(200);
    const res = await send(app, { method: 'POST', url: '/api/v2/Smart/Transactions', token, headers: { 'content-type': 'application/json' }, payload: JSON.stringify(saleBody()) });
    expectEnvelope(res, 403, 'ProductNotAllowedException');
    expect(res.body.code).toBe(2003);
    // A fresh token works, and the refused create made nothing.
    expect(await counts(apiClient(app, await tokenFor(app)))).toEqual(before);
  });
});
