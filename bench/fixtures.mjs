// What the benchmarks send and seed: the integration guide's Smart Transaction (a customer, a
// one-article basket, references) and the scenarios built around the shipped default.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const DEFAULT_SCENARIO = fileURLToPath(new URL('../fixtures/default.json', import.meta.url));

/** The body of every created Smart Transaction: the guide's order, with one basket item. */
export function createBody(customerId, n = 4711) {
  return {
    ...(customerId === undefined ? {} : { customer: { id: customerId } }),
    basket: {
      products: [
        { id: 1, item_type: 'article', desc: 'Espresso beans 1 kg', articleNumber: 'BEAN-1', quantity: 1, priceOne: 1999, sum: 1999, tax: 7 },
      ],
    },
    basket_info: { sum: 1999, currency: 'EUR' },
    transactionRef: `Order ${n}`,
    merchantRef: String(n),
  };
}

/**
 * The default scenario, with `extra` more paid Smart Transactions for demo-client so that a list
 * with count=20 has twenty to show.
 */
export function throughputScenario(extra = 40) {
  const scenario = JSON.parse(readFileSync(DEFAULT_SCENARIO, 'utf8'));
  const demo = scenario.clients.find((c) => c.client_id === 'demo-client');
  for (let i = 0; i < extra; i++) {
    demo.smart_transactions.push({
      key: `bench-${i}`,
      status: 'ok',
      payment_method: 'debit',
      customer: 'max',
      container: 'max-account',
      request: createBody(undefined, 5000 + i),
    });
  }
  scenario.name = 'bench';
  return scenario;
}

/** `count` tenants, each with a customer and a bank account; `withStx` seeds that many Smart Transactions into the first. */
export function tenantsScenario(count, { prefix = 'bench', withStx = 0 } = {}) {
  const clients = [];
  for (let i = 0; i < count; i++) {
    clients.push({
      client_id: `${prefix}-${i}`,
      client_secret: `${prefix}-secret-${i}`,
      merchant: { companyname: `Bench Shop ${i}` },
      customers: [{ key: 'c', contact: { forename: 'Max', surname: 'Mustermann', email: 'max@example.com' } }],
      containers: [{ key: 'a', customer: 'c', type: 'bank_account', private: { iban: 'DE89370400440532013000', owner: 'Max Mustermann' } }],
      smart_transactions: Array.from({ length: i === 0 ? withStx : 0 }, (_, n) => ({
        key: `s${n}`,
        status: 'created',
        customer: 'c',
        request: createBody(undefined, n),
      })),
    });
  }
  return { name: prefix, clients };
}
