// /api/v2/Payment/Customers: create, read, replace, delete; the derived name, the dob format, and
// the refusal to delete a customer that other objects still use.
import { describe, expect, it } from 'vitest';
import { apiClient, demoApi, expectEnvelope, makeApp, OTHER, tokenFor } from '../helpers.js';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/;

const anna = {
  salutation: 'Mrs.',
  forename: 'Anna',
  surname: 'Schmidt',
  email: 'anna@example.com',
  phone: '+49 40 555',
  address: { street: 'Alsterweg', street_number: '3', postal_code: '20095', city: 'Hamburg', country: 'DE' },
};

describe('POST /Payment/Customers', () => {
  it('creates a customer with a derived contact.name and the tenant contract', async () => {
    const { call } = await demoApi();
    const res = await call('POST', '/Payment/Customers', { contact: anna });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ object: 'payment.customers', contact: { ...anna, name: 'Anna Schmidt' } });
    expect(res.body.id).toMatch(/^PCU_[A-Z0-9]{30}$/);
    expect(res.body.created).toMatch(TIMESTAMP);
    expect(res.body.updated).toBe(res.body.created);
    expect(res.body.contract).toEqual({ object: 'payment.contracts', id: expect.stringMatching(/^PCR_/) });

    const read = await call('GET', `/Payment/Customers/${res.body.id}`);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(res.body);
    const list = await call('GET', '/Payment/Customers');
    expect(list.body.data.map((c: any) => c.id)).toContain(res.body.id);
  });

  it('ignores a name sent by the client and derives it again', async () => {
    const { call } = await demoApi();
    const res = await call('POST', '/Payment/Customers', { contact: { name: 'Somebody Else', forename: 'Jo', surname: 'Doe' } });
    expect(res.status).toBe(200);
    expect(res.body.contact.name).toBe('Jo Doe');
    expect((await call('GET', `/Payment/Customers/${res.body.id}`)).body.contact.name).toBe('Jo Doe');
  });

  it('leaves name out when there is neither forename nor surname', async () => {
    const { call } = await demoApi();
    const res = await call('POST', '/Payment/Customers', { contact: { companyname: 'ACME GmbH' } });
    expect(res.status).toBe(200);
    expect(res.body.contact).toEqual({ companyname: 'ACME GmbH' });
  });

  it('echoes a summer dob "1980-05-17" as midnight Berlin time "1980-05-17T00:00:00+02:00"', async () => {
    const { call } = await demoApi();
    const res = await call('POST', '/Payment/Customers', { contact: { ...anna, dob: '1980-05-17' } });
    expect(res.status).toBe(200);
    expect(res.body.contact.dob).toBe('1980-05-17T00:00:00+02:00');
    expect((await call('GET', `/Payment/Customers/${res.body.id}`)).body.contact.dob).toBe('1980-05-17T00:00:00+02:00');
  });

  it('echoes a winter dob with the +01:00 offset', async () => {
    const { call } = await demoApi();
    const res = await call('POST', '/Payment/Customers', { contact: { ...anna, dob: '1975-01-02' } });
    expect(res.status).toBe(200);
    expect(res.body.contact.dob).toBe('1975-01-02T00:00:00+01:00');
  });

  it('answers 400 ProductFormatException for a dob that is not a date, and creates nothing', async () => {
    const { call } = await demoApi();
    const before = (await call('GET', '/Payment/Customers')).body.count;
    for (const dob of ['17.05.1980', 'yesterday', '1980-13-45', '1980-02-30', '1980-05-17T25:00:00+02:00']) {
      const res = await call('POST', '/Payment/Customers', { contact: { ...anna, dob } });
      expectEnvelope(res, 400, 'ProductFormatException');
      expect(res.body.error_details).toMatch(/contact\.dob/);
    }
    expect((await call('GET', '/Payment/Customers')).body.count).toBe(before);
  });

  it('answers 400 ProductFormatException without a contact', async () => {
    const { call } = await demoApi();
    expectEnvelope(await call('POST', '/Payment/Customers', {}), 400, 'ProductFormatException');
  });

  it('answers 400 ProductFormatException for a contact field of the wrong type', async () => {
    const { call } = await demoApi();
    const res = await call('POST', '/Payment/Customers', { contact: { forename: 42 } });
    expectEnvelope(res, 400, 'ProductFormatException');
    expect(res.body.error_details).toMatch(/contact\.forename/);
  });
});

describe('GET /Payment/Customers', () => {
  it('lists the seeded customers with a total count', async () => {
    const { call } = await demoApi();
    const res = await call('GET', '/Payment/Customers');
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(2);
    expect(res.body.data.map((c: any) => c.contact.name).sort()).toEqual(['Erika Musterfrau', 'Max Mustermann']);
  });

  it('filters with q', async () => {
    const { call } = await demoApi();
    const res = await call('GET', '/Payment/Customers?q=contact.surname:Musterfrau');
    expect(res.status).toBe(200);
    expect(res.body.count).toBe(1);
    expect(res.body.data[0].contact.forename).toBe('Erika');
  });

  it('answers 404 ProductNotFoundException for an unknown id', async () => {
    const { call } = await demoApi();
    expectEnvelope(await call('GET', '/Payment/Customers/PCU_DOESNOTEXIST00000000000000000'), 404, 'ProductNotFoundException');
  });
});

describe('PUT /Payment/Customers/{id}', () => {
  it('replaces the contact: omitted fields are blanked', async () => {
    const { call } = await demoApi();
    const created = (await call('POST', '/Payment/Customers', { contact: { ...anna, dob: '1980-05-17' } })).body;
    const res = await call('PUT', `/Payment/Customers/${created.id}`, { contact: { forename: 'Anna', surname: 'Meyer', email: 'anna.meyer@example.com' } });
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(created.id);
    expect(res.body.created).toBe(created.created);
    expect(res.body.contact).toEqual({ name: 'Anna Meyer', forename: 'Anna', surname: 'Meyer', email: 'anna.meyer@example.com' });

    const read = await call('GET', `/Payment/Customers/${created.id}`);
    expect(read.body.contact).toEqual(res.body.contact);
    expect(read.body.contact.address).toBeUndefined();
    expect(read.body.contact.dob).toBeUndefined();
  });

  it('answers 400 ProductFormatException for a bad dob and keeps the customer as it was', async () => {
    const { call } = await demoApi();
    const created = (await call('POST', '/Payment/Customers', { contact: anna })).body;
    expectEnvelope(await call('PUT', `/Payment/Customers/${created.id}`, { contact: { forename: 'X', dob: '05/17/1980' } }), 400, 'ProductFormatException');
    expect((await call('GET', `/Payment/Customers/${created.id}`)).body).toEqual(created);
  });

  it('answers 400 ProductFormatException without a contact', async () => {
    const { call } = await demoApi();
    const created = (await call('POST', '/Payment/Customers', { contact: anna })).body;
    expectEnvelope(await call('PUT', `/Payment/Customers/${created.id}`, {}), 400, 'ProductFormatException');
    expect((await call('GET', `/Payment/Customers/${created.id}`)).body.contact).toEqual(created.contact);
  });

  it('answers 404 for an unknown id', async () => {
    const { call } = await demoApi();
    expectEnvelope(await call('PUT', '/Payment/Customers/PCU_DOESNOTEXIST00000000000000000', { contact: anna }), 404, 'ProductNotFoundException');
  });
});

describe('DELETE /Payment/Customers/{id}', () => {
  it('answers an array holding the deleted customer; a later GET is 404', async () => {
    const { call } = await demoApi();
    const created = (await call('POST', '/Payment/Customers', { contact: anna })).body;
    const res = await call('DELETE', `/Payment/Customers/${created.id}`);
    expect(res.status).toBe(200);
    expect(Array.isArray(res.body)).toBe(true);
    expect(res.body).toHaveLength(1);
    expect(res.body[0]).toMatchObject({ object: 'payment.customers', id: created.id, contact: created.contact });

    expectEnvelope(await call('GET', `/Payment/Customers/${created.id}`), 404, 'ProductNotFoundException');
    expect((await call('GET', '/Payment/Customers')).body.data.some((c: any) => c.id === created.id)).toBe(false);
    expectEnvelope(await call('DELETE', `/Payment/Customers/${created.id}`), 404, 'ProductNotFoundException');
  });

  it('answers 400 ProductNotAllowedException for a customer a container uses, and keeps it', async () => {
    const { call } = await demoApi();
    const customer = (await call('POST', '/Payment/Customers', { contact: anna })).body;
    const container = await call('POST', '/Payment/Containers', {
      type: 'bank_account',
      customer: { id: customer.id },
      private: { iban: 'DE02120300000000202051', owner: 'Anna Schmidt' },
    });
    expect(container.status).toBe(200);

    const res = await call('DELETE', `/Payment/Customers/${customer.id}`);
    expectEnvelope(res, 400, 'ProductNotAllowedException');
    expect(res.body.error_details).toContain(customer.id);
    expect((await call('GET', `/Payment/Customers/${customer.id}`)).body).toEqual(customer);

    // Once the container is gone the customer can go too.
    expect((await call('DELETE', `/Payment/Containers/${container.body.id}`)).status).toBe(200);
    expect((await call('DELETE', `/Payment/Customers/${customer.id}`)).status).toBe(200);
  });

  it('answers 400 ProductNotAllowedException for a customer a Smart Transaction uses', async () => {
    const { call } = await demoApi();
    const erika = (await call('GET', '/Payment/Customers?q=contact.forename:Erika')).body.data[0];
    expectEnvelope(await call('DELETE', `/Payment/Customers/${erika.id}`), 400, 'ProductNotAllowedException');
    expect((await call('GET', `/Payment/Customers/${erika.id}`)).status).toBe(200);
  });
});

describe("another tenant's customer", () => {
  it('is 404 for GET, PUT and DELETE and stays unchanged', async () => {
    const app = await makeApp();
    const demo = apiClient(app, await tokenFor(app));
    const other = apiClient(app, await tokenFor(app, OTHER));
    const hans = (await other('GET', '/Payment/Customers')).body.data[0];

    expectEnvelope(await demo('GET', `/Payment/Customers/${hans.id}`), 404, 'ProductNotFoundException');
    expectEnvelope(await demo('PUT', `/Payment/Customers/${hans.id}`, { contact: anna }), 404, 'ProductNotFoundException');
    expectEnvelope(await demo('DELETE', `/Payment/Customers/${hans.id}`), 404, 'ProductNotFoundException');
    expect((await other('GET', `/Payment/Customers/${hans.id}`)).body).toEqual(hans);
  });
});

describe('dob given as a timestamp', () => {
  it('keeps a full ISO 8601 dob as sent', async () => {
    const { call } = await demoApi();
    const res = await call('POST', '/Payment/Customers', { contact: { ...anna, dob: '1980-05-17T00:00:00+02:00' } });
    expect(res.status).toBe(200);
    expect(res.body.contact.dob).toBe('1980-05-17T00:00:00+02:00');
  });
});
