import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
// In your project: import { interceptSecuconnect } from 'secuconnect-mock/testing';
import { interceptSecuconnect, type SecuconnectInterceptor } from '../server/testing/index.js';
import { checkout } from './checkout.js';

const shop = { clientId: 'my-shop', clientSecret: 'my-shop-secret' };
const max = { customerId: 'PCU_MAX000000000000000000000000000', containerId: 'PCT_MAX000000000000000000000000000' };
const cart = { orderId: '4711', items: [{ sku: 'MUG-1', name: 'Coffee mug', quantity: 2, unitPrice: 1250 }] };

let secuconnect: SecuconnectInterceptor;
beforeAll(async () => {
  // Every request to https://connect-testing.secuconnect.com is answered in-process from this scenario.
  secuconnect = await interceptSecuconnect({
    scenario: {
      clients: [
        {
          client_id: shop.clientId,
          client_secret: shop.clientSecret,
          merchant: { companyname: 'My Shop GmbH' },
          customers: [{ key: 'max', id: max.customerId, contact: { forename: 'Max', surname: 'Mustermann', email: 'max@example.com' } }],
          containers: [{ key: 'max-account', id: max.containerId, customer: 'max', type: 'bank_account', private: { iban: 'DE89370400440532013000', owner: 'Max Mustermann' } }],
        },
      ],
    },
  });
});
afterEach(() => secuconnect.reset());
afterAll(() => secuconnect.close());

it('pays the cart by direct debit from the stored bank account', async () => {
  const payment = await checkout(cart, max, shop);
  expect(payment).toMatchObject({ orderId: '4711', status: 'ok' });
  expect(payment.transactionId).toMatch(/^STX_/);
});

it('reports a declined debit', async () => {
  // 99.01 EUR is one of the mock's magic amounts that the bank declines.
  const payment = await checkout({ orderId: '4712', items: [{ sku: 'X', name: 'Declined', quantity: 1, unitPrice: 9901 }] }, max, shop);
  expect(payment.status).toBe('failed');
});

it('fails with secuconnect\'s message for a bank account it does not know', async () => {
  await expect(checkout(cart, { ...max, containerId: 'PCT_UNKNOWN00000000000000000000000' }, shop)).rejects.toThrow(/prepare\/debit: 404/);
});
