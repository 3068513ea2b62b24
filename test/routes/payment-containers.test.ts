// /api/v2/Payment/Containers: bank accounts over the API (IBAN checked and normalised, bank data
// from fixtures/magic-values.json, masked public copy, SEPA mandate), duplicates, read-only types.
import { describe, expect, it } from 'vitest';
import magic from '../../fixtures/magic-values.json' with { type: 'json' };
import { apiClient, demoApi, expectEnvelope, makeApp, OTHER, tokenFor } from '../helpers.js';

type Call = Awaited<ReturnType<typeof demoApi>>['call'];

const COMMERZBANK_IBAN = 'DE89370400440532013000';
const DKB_IBAN = 'DE02120300000000202051';

async function newCustomer(call: Call, surname = 'Kontoinhaber') {
  const res = await call('POST', '/Payment/Customers', { contact: { forename: 'Kim', surname } });
  expect(res.status).toBe(200);
  return res.body.id as string;
}

describe('POST /Payment/Containers', () => {
  it('creates a bank_account: IBAN normalised, bic and bankname from the magic values, masked public IBAN, mandate', async () => {
    const { call } = await demoApi();
    const customerId = await newCustomer(call);
    const res = await call('POST', '/Payment/Containers', {
      type: 'bank_account',
      customer: { id: customerId },
      private: { iban: 'de89 3704 0044 0532 0130 00', owner: 'Kim Kontoinhaber' },
    });
    expect(res.status).toBe(200);
    const bank = magic.banks['37040044'];
    expect(res.body).toMatchObject({
      object: 'payment.containers',
      type: 'bank_account',
      customer: { object: 'payment.customers', id: customerId },
      merchant: { object: 'general.merchants' },
      contract: { object: 'payment.contracts' },
      private: { iban: COMMERZBANK_IBAN, bic: bank.bic, bankname: bank.bankname, owner: 'Kim Kontoinhaber' },
      public: { iban: 'DE8937040044XXXXXX3000', bic: bank.bic, bankname: bank.bankname, owner: 'Kim Kontoinhaber' },
      mandate: { iban: COMMERZBANK_IBAN, bic: bank.bic, type: 'CORE', status: 'active', creditor_id: magic.creditorId },
    });
    expect(res.body.id).toMatch(/^PCT_[A-Z0-9]{30}$/);
    expect(res.body.mandate.sepa_mandate_id).toMatch(/^\d+$/);
    expect(res.body.mandate.identification).toEqual(expect.any(String));
    expect(res.body.public.iban).not.toContain('0532013');

    const read = await call('GET', `/Payment/Containers/${res.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(res.body);
    expect((await call('GET', '/Payment/Containers')).body.data.map((c: any) => c.id)).toContain(res.body.id);
  });

  it('takes the customer as customer_id too', async () => {
    const { call } = await demoApi();
    const customerId = await newCustomer(call);
    const res = await call('POST', '/Payment/Containers', { type: 'bank_account', customer_id: customerId, private: { iban: DKB_IBAN } });
    expect(res.status).toBe(200);
    expect(res.body.customer.id).toBe(customerId);
    expect(res.body.private).toMatchObject({ bic: magic.banks['12030000'].bic, bankname: magic.banks['12030000'].bankname });
  });

  it('uses the unknown-bank entry for a valid IBAN of a bank not in the table', async () => {
    const { call } = await demoApi();
    const res = await call('POST', '/Payment/Containers', { type: 'bank_account', private: { iban: 'GB82WEST12345698765432' } });
    expect(res.status).toBe(200);
    expect(res.body.private).toMatchObject({ iban: 'GB82WEST12345698765432', bic: magic.unknownBank.bic, bankname: magic.unknownBank.bankname });
    expect(res.body.customer).toBeUndefined();
  });

  it('keeps a bic the client sends', async () => {
    const { call } = await demoApi();
    const res = await call('POST', '/Payment/Containers', { type: 'bank_account', private: { iban: COMMERZBANK_IBAN, bic: 'cobadeffxxx' } });
    expect(res.status).toBe(200);
    expect(res.body.private.bic).toBe('COBADEFFXXX');
  });

  it('answers 400 ProductFormatException code 4010 for an invalid IBAN, and creates nothing', async () => {
    const { call } = await demoApi();
    const before = (await call('GET', '/Payment/Containers')).body.count;
    const res = await call('POST', '/Payment/Containers', { type: 'bank_account', private: { iban: 'DE89370400440532013001' } });
    expectEnvelope(res, 400, 'ProductFormatException');
    expect(res.body.code).toBe(4010);
    expect(res.body.error_details).toContain('DE89370400440532013001');
    expect((await call('GET', '/Payment/Containers')).body.count).toBe(before);
  });

  it('answers 400 ProductFormatException for a bank_account without an IBAN', async () => {
    const { call } = await demoApi();
    expectEnvelope(await call('POST', '/Payment/Containers', { type: 'bank_account', private: { owner: 'X' } }), 400, 'ProductFormatException');
    expectEnvelope(await call('POST', '/Payment/Containers', { type: 'bank_account' }), 400, 'ProductFormatException');
  });

  it('answers 400 ProductFormatException without a type', async () => {
    const { call } = await demoApi();
    expectEnvelope(await call('POST', '/Payment/Containers', { private: { iban: COMMERZBANK_IBAN } }), 400, 'ProductFormatException');
  });

  it('answers 409 ProductDuplicateException for the same IBAN twice for one customer', async () => {
    const { call } = await demoApi();
    const customerId = await newCustomer(call);
    const first = await call('POST', '/Payment/Containers', { type: 'bank_account', customer: { id: customerId }, private: { iban: DKB_IBAN } });
    expect(first.status).toBe(200);
    const before = (await call('GET', '/Payment/Containers')).body.count;
    const second = await call('POST', '/Payment/Containers', { type: 'bank_account', customer: { id: customerId }, private: { iban: 'DE02 1203 0000 0000 2020 51' } });
    expectEnvelope(second, 409, 'ProductDuplicateException');
    expect(second.body.error_details).toContain(first.body.id);
    expect((await call('GET', '/Payment/Containers')).body.count).toBe(before);
  });

  it('allows the same IBAN for two different customers', async () => {
    const { call } = await demoApi();
    const [a, b] = [await newCustomer(call, 'A'), await newCustomer(call, 'B')];
    expect((await call('POST', '/Payment/Containers', { type: 'bank_account', customer: { id: a }, private: { iban: DKB_IBAN } })).status).toBe(200);
    expect((await call('POST', '/Payment/Containers', { type: 'bank_account', customer: { id: b }, private: { iban: DKB_IBAN } })).status).toBe(200);
  });

  it('answers 400 ProductNotAllowedException for type credit_card over the API', async () => {
    const { call } = await demoApi();
    const before = (await call('GET', '/Payment/Containers')).body.count;
    const res = await call('POST', '/Payment/Containers', { type: 'credit_card', private: { owner: 'Kim', pan: '4111111111111111', expiration_date: '2030-12' } });
    expectEnvelope(res, 400, 'ProductNotAllowedException');
    expectEnvelope(await call('POST', '/Payment/Containers', { type: 'paypal', private: { email: 'a@example.com' } }), 400, 'ProductNotAllowedException');
    expect((await call('GET', '/Payment/Containers')).body.count).toBe(before);
  });

  it('answers 400 ProductFormatException for a type that does not exist', async () => {
    const { call } = await demoApi();
    const res = await call('POST', '/Payment/Containers', { type: 'cheque', private: { iban: COMMERZBANK_IBAN } });
    expectEnvelope(res, 400, 'ProductFormatException');
    expect(res.body.error_details).toMatch(/type/);
  });

  it('answers 404 ProductNotFoundException for an unknown customer id, and creates nothing', async () => {
    const { call } = await demoApi();
    const before = (await call('GET', '/Payment/Containers')).body.count;
    const res = await call('POST', '/Payment/Containers', { type: 'bank_account', customer: { id: 'PCU_DOESNOTEXIST00000000000000000' }, private: { iban: DKB_IBAN } });
    expectEnvelope(res, 404, 'ProductNotFoundException');
    expect(res.body.error_details).toContain('PCU_DOESNOTEXIST00000000000000000');
    expectEnvelope(await call('POST', '/Payment/Containers', { type: 'bank_account', customer_id: 'PCU_NOPE', private: { iban: DKB_IBAN } }), 404, 'ProductNotFoundException');
    expect((await call('GET', '/Payment/Containers')).body.count).toBe(before);
  });
});

describe('PUT /Payment/Containers/{id}', () => {
  it('changes the owner and keeps the rest', async () => {
    const { call } = await demoApi();
    const created = (await call('POST', '/Payment/Containers', { type: 'bank_account', private: { iban: DKB_IBAN, owner: 'Old Owner' } })).body;
    const res = await call('PUT', `/Payment/Containers/${created.id}`, { private: { owner: 'New Owner' } });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: created.id, type: 'bank_account', created: created.created });
    expect(res.body.private).toMatchObject({ iban: DKB_IBAN, owner: 'New Owner', bic: created.private.bic });
    expect(res.body.public.owner).toBe('New Owner');
    expect(res.body.mandate).toEqual(created.mandate);
    expect((await call('GET', `/Payment/Containers/${created.id}`)).body).toEqual(res.body);
  });

  it('changes the IBAN and derives the new bank', async () => {
    const { call } = await demoApi();
    const created = (await call('POST', '/Payment/Containers', { type: 'bank_account', private: { iban: COMMERZBANK_IBAN } })).body;
    const res = await call('PUT', `/Payment/Containers/${created.id}`, { private: { iban: DKB_IBAN } });
    expect(res.status).toBe(200);
    const dkb = magic.banks['12030000'];
    expect(res.body.private).toMatchObject({ iban: DKB_IBAN, bic: dkb.bic, bankname: dkb.bankname });
    expect(res.body.public).toMatchObject({ iban: 'DE0212030000XXXXXX2051', bic: dkb.bic, bankname: dkb.bankname });
    expect(res.body.mandate).toMatchObject({ iban: DKB_IBAN, bic: dkb.bic });
    expect(res.body.mandate.sepa_mandate_id).not.toBe(created.mandate.sepa_mandate_id);
    expect((await call('GET', `/Payment/Containers/${created.id}`)).body.private.bic).toBe(dkb.bic);
  });

  it('answers 400 for an invalid IBAN and keeps the container as it was', async () => {
    const { call } = await demoApi();
    const created = (await call('POST', '/Payment/Containers', { type: 'bank_account', private: { iban: COMMERZBANK_IBAN } })).body;
    const res = await call('PUT', `/Payment/Containers/${created.id}`, { private: { iban: 'DE00000000000000000000' } });
    expectEnvelope(res, 400, 'ProductFormatException');
    expect(res.body.code).toBe(4010);
    expect((await call('GET', `/Payment/Containers/${created.id}`)).body).toEqual(created);
  });

  it('answers 409 when the new IBAN is one the customer already has in another container', async () => {
    const { call } = await demoApi();
    const customerId = await newCustomer(call);
    await call('POST', '/Payment/Containers', { type: 'bank_account', customer: { id: customerId }, private: { iban: DKB_IBAN } });
    const second = (await call('POST', '/Payment/Containers', { type: 'bank_account', customer: { id: customerId }, private: { iban: COMMERZBANK_IBAN } })).body;
    expectEnvelope(await call('PUT', `/Payment/Containers/${second.id}`, { private: { iban: DKB_IBAN } }), 409, 'ProductDuplicateException');
    expect((await call('GET', `/Payment/Containers/${second.id}`)).body.private.iban).toBe(COMMERZBANK_IBAN);
  });

  it('answers 400 ProductNotAllowedException for a change of type', async () => {
    const { call } = await demoApi();
    const created = (await call('POST', '/Payment/Containers', { type: 'bank_account', private: { iban: DKB_IBAN } })).body;
    expectEnvelope(await call('PUT', `/Payment/Containers/${created.id}`, { type: 'credit_card' }), 400, 'ProductNotAllowedException');
    expect((await call('GET', `/Payment/Containers/${created.id}`)).body.type).toBe('bank_account');
  });

  it('answers 404 for an unknown container and for an unknown customer', async () => {
    const { call } = await demoApi();
    expectEnvelope(await call('PUT', '/Payment/Containers/PCT_DOESNOTEXIST00000000000000000', { private: { owner: 'X' } }), 404, 'ProductNotFoundException');
    const created = (await call('POST', '/Payment/Containers', { type: 'bank_account', private: { iban: DKB_IBAN } })).body;
    expectEnvelope(await call('PUT', `/Payment/Containers/${created.id}`, { customer: { id: 'PCU_DOESNOTEXIST00000000000000000' } }), 404, 'ProductNotFoundException');
    expect((await call('GET', `/Payment/Containers/${created.id}`)).body).toEqual(created);
  });
});

describe('DELETE /Payment/Containers/{id}', () => {
  it('answers an array holding the deleted container; a later GET is 404', async () => {
    const { call } = await demoApi();
    const created = (await call('POST', '/Payment/Containers', { type: 'bank_account', private: { iban: DKB_IBAN } })).body;
    const res = await call('DELETE', `/Payment/Containers/${created.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(1);
    expect(res.body[0]).toMatchObject({ object: 'payment.containers', id: created.id });
    expectEnvelope(await call('GET', `/Payment/Containers/${created.id}`), 404, 'ProductNotFoundException');
    expectEnvelope(await call('DELETE', `/Payment/Containers/${created.id}`), 404, 'ProductNotFoundException');
  });

  it('answers 400 ProductNotAllowedException for the container a Smart Transaction uses, and keeps it', async () => {
    const { call } = await demoApi();
    const seeded = (await call('GET', '/Payment/Containers')).body.data[0];
    expectEnvelope(await call('DELETE', `/Payment/Containers/${seeded.id}`), 400, 'ProductNotAllowedException');
    expect((await call('GET', `/Payment/Containers/${seeded.id}`)).body).toEqual(seeded);
  });
});

describe("another tenant's container", () => {
  it('is 404 for GET, PUT and DELETE', async () => {
    const app = await makeApp();
    const demo = apiClient(app, await tokenFor(app));
    const other = apiClient(app, await tokenFor(app, OTHER));
    const seeded = (await demo('GET', '/Payment/Containers')).body.data[0];
    expectEnvelope(await other('GET', `/Payment/Containers/${seeded.id}`), 404, 'ProductNotFoundException');
    expectEnvelope(await other('PUT', `/Payment/Containers/${seeded.id}`, { private: { owner: 'X' } }), 404, 'ProductNotFoundException');
    expectEnvelope(await other('DELETE', `/Payment/Containers/${seeded.id}`), 404, 'ProductNotFoundException');
    // …and a container of other-client may not name demo-client's customer.
    expectEnvelope(await other('POST', '/Payment/Containers', { type: 'bank_account', customer: { id: seeded.customer.id }, private: { iban: DKB_IBAN } }), 404, 'ProductNotFoundException');
    expect((await demo('GET', `/Payment/Containers/${seeded.id}`)).body).toEqual(seeded);
  });
});
