// Parameters of any depth or size get a clean 400 envelope; ids put into page URLs are encoded; a
// page the payer was sent to for an earlier method is gone once another method approves.
import { describe, expect, it } from 'vitest';
import { demoApi, expectEnvelope, pageUrl } from '../helpers.js';

const deep = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);

describe('deep and odd input', () => {
  it.each([
    ['a deep parameter value', (d: string) => `{"state":"a payment plan","params":{"id":${d}}}`, /parameter id must be a string, got an object/],
    ['a deep client_id', (d: string) => `{"state":"a payment plan","params":{"client_id":${d}}}`, /parameter client_id must be a string, got an object/],
    ['a deep params object', (d: string) => `{"state":"a payment plan","params":${d}}`, /unknown parameter a/],
  ])('answers %s of a provider state with a readable 400', async (_what, body, message) => {
    const { app } = await demoApi();
    const plans = app.store.tenant('demo-client')!.plans.size;
    for (const depth of [10, 5000, 50_000]) {
      const res = await app.inject({ method: 'POST', url: '/__mock/provider-states', headers: { 'content-type': 'application/json' }, payload: body(deep(depth)) });
      expectEnvelope({ status: res.statusCode, body: res.json(), headers: res.headers }, 400, 'ProductFormatException');
      expect(res.json().error_details).toMatch(message);
      expect(res.json().error_details).not.toMatch(/call stack/);
    }
    expect(app.store.tenant('demo-client')!.plans.size).toBe(plans);
  });

  it('cuts a huge state name or parameter name in the message', async () => {
    const { app } = await demoApi();
    const long = 'x'.repeat(500_000);
    for (const payload of [{ state: long }, { state: 'a payment plan', params: { [long]: 1 } }]) {
      const res = await app.inject({ method: 'POST', url: '/__mock/provider-states', payload });
      expect(res.statusCode).toBe(400);
      expect(res.body.length).toBeLessThan(2000);
    }
  });

  it('URL-encodes the transaction id in iframe_url and payment links', async () => {
    const { app, call } = await demoApi();
    const res = await app.inject({ method: 'POST', url: '/__mock/provider-states', payload: { state: 'a smart transaction', params: { id: 'STX_A/B?c=d#e', payment_method: 'creditcard' } } });
    expect(res.statusCode).toBe(200);
    const prepared = await call('POST', `/Smart/Transactions/${encodeURIComponent('STX_A/B?c=d#e')}/prepare/creditcard`, {});
    expect(prepared.status).toBe(200);
    expect(prepared.body.iframe_url).toMatch(/\/__mock\/checkout\/STX_A%2FB%3Fc%3Dd%23e\?method=creditcard&secret=[0-9a-f]{32}$/);
    expect(prepared.body.payment_links.general).toMatch(/\/__mock\/checkout\/STX_A%2FB%3Fc%3Dd%23e\?secret=[0-9a-f]{32}$/);
    const page = await app.inject({ method: 'GET', url: new URL(prepared.body.iframe_url).pathname + new URL(prepared.body.iframe_url).search });
    expect(page.statusCode).toBe(200);
  });

  it('clears a stale iframe_url when another method is prepared and approved', async () => {
    const { app, call } = await demoApi();
    const { body: stx } = await call('POST', '/Smart/Transactions', {
      basket_info: { sum: 1000, currency: 'EUR' },
      customer: { contact: { forename: 'Max', surname: 'Mustermann' } },
      container: { type: 'bank_account', private: { iban: 'DE89370400440532013000', owner: 'Max Mustermann' } },
    });
    const card = await call('POST', `/Smart/Transactions/${stx.id}/prepare/creditcard`, {});
    expect(card.body.iframe_url).toBeDefined();
    const debit = await call('POST', `/Smart/Transactions/${stx.id}/prepare/debit`, {});
    expect(debit.body.status).toBe('approved');
    expect(debit.body.iframe_url).toBeUndefined();
    expect((await call('GET', `/Smart/Transactions/${stx.id}`)).body.iframe_url).toBeUndefined();
    // The old card page no longer approves anything.
    const answer = await app.inject({ method: 'POST', url: pageUrl(app, stx.id, `/__mock/checkout/${stx.id}/approve`), headers: { accept: 'application/json' }, payload: { method: 'creditcard' } });
    expect(answer.statusCode).toBe(400);
    expect((await call('GET', `/Smart/Transactions/${stx.id}`)).body.payment_method).toBe('debit');
  });
});
