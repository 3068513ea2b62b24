// Shared by the Smart Transaction route tests: request bodies shaped as the integration guide writes
// them, raw requests (exact headers and bodies, as SDKs and curl send them), and reads of the state
// that an error must leave untouched.
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import type { ApiResponse } from '../helpers.js';

type Call = <T = any>(method: string, path: string, body?: unknown) => Promise<ApiResponse<T>>;

/** Reads the tenant's first plan and its own General Contract (the `contract` of every STX it owns). */
export async function tenantRefs(call: Call) {
  const plans = await call('GET', '/Payment/Plans');
  const stx = await call('GET', '/Smart/Transactions?count=1');
  return { planId: plans.body.data[0].id as string, contractId: stx.body.data[0].contract.id as string };
}

/**
 * The body of "Create a Smart Transaction for Subscription": one subscription item with plan_id
 * and start_at, a customer given inline, the subscription checkout template, return URLs. The
 * guide asks for auto_capture; the flow under test captures with start, so it is false here.
 */
export function guideSubscriptionBody(refs: { planId: string; contractId: string }, autoCapture = false) {
  return {
    is_demo: true,
    contract: { id: refs.contractId },
    customer: {
      contact: {
        forename: 'Raina',
        surname: 'Mustermann',
        address: {
          street: 'Musterstr.',
          street_number: '771',
          additional_address_data: 'App. 197',
          postal_code: '09999',
          city: 'North Alphonsofurt',
          country: 'DE',
        },
        email: 'raina@example.net',
        mobile: '+491775555555',
        phone: '+495555555555',
        dob: '1965-12-31',
      },
    },
    intent: 'sale',
    basket: {
      products: [
        {
          id: 1,
          item_type: 'subscription',
          desc: 'Abo Beispielzeitung, 9,90 EUR p. M.',
          quantity: 1,
          priceOne: 990,
          tax: 19,
          plan_id: refs.planId,
          start_at: '2020-03-04T00:00:00Z',
        },
      ],
    },
    basket_info: { sum: 990, currency: 'EUR' },
    payment_context: { auto_capture: autoCapture },
    application_context: {
      checkout_template: 'COT_QV85D3F542XWFFJYCSWG00W400YWAT',
      return_urls: {
        url_success: 'https://shop.example.com/payment-success',
        url_error: 'https://shop.example.com/payment-failure',
        url_abort: 'https://shop.example.com/payment-abort',
        url_push: 'https://shop.example.com/push',
      },
    },
  };
}

/** An ordinary sale of two articles plus shipping (8400 cents), as in the guide's basket example. */
export function saleBody(extra: Record<string, unknown> = {}) {
  return {
    customer: { contact: { forename: 'Max', surname: 'Mustermann', email: 'm.muster@example.net' } },
    transactionRef: 'Bestellung bei ACME',
    merchantRef: 'order-20000345',
    basket: {
      products: [
        { id: 1, articleNumber: '30037', ean: '4999012345678', desc: 'Druckerpapier A4', quantity: 10, priceOne: 790, tax: 19 },
        { id: 2, item_type: 'shipping', desc: 'Versand', quantity: 1, priceOne: 500, tax: 19 },
      ],
    },
    basket_info: { sum: 8400, currency: 'EUR' },
    payment_context: { auto_capture: false },
    ...extra,
  };
}

export const INLINE_ACCOUNT = { type: 'bank_account', private: { owner: 'Max Mustermann', iban: 'DE35500105175418493188' } } as const;

/** One request exactly as given: no headers added except the bearer token (when given). */
export async function send(
  app: FastifyInstance,
  request: { method: 'GET' | 'POST' | 'PUT'; url: string; token?: string; headers?: Record<string, string>; payload?: string },
): Promise<ApiResponse> {
  const res = await app.inject({
    method: request.method,
    url: request.url,
    headers: { ...(request.token ? { authorization: `Bearer ${request.token}` } : {}), ...request.headers },
    payload: request.payload,
  });
  let body: unknown;
  try {
    body = res.body ? res.json() : undefined;
  } catch {
    body = res.body;
  }
  return { status: res.statusCode, body, headers: res.headers };
}

/** How many objects of each kind the tenant has (the `count` of each list). */
export async function counts(call: Call) {
  const paths = ['/Smart/Transactions', '/Payment/Transactions', '/Payment/Customers', '/Payment/Containers', '/Payment/Subscriptions'];
  const out: Record<string, number> = {};
  for (const path of paths) {
    const res = await call('GET', `${path}?count=1`);
    expect(res.status).toBe(200);
    out[path] = res.body.count;
  }
  return out;
}

/** The Smart Transaction as a GET shows it now. */
export async function read(call: Call, id: string) {
  const res = await call('GET', `/Smart/Transactions/${id}`);
  expect(res.status).toBe(200);
  return res.body;
}

/** Runs `failing` and checks that neither the Smart Transaction nor any collection changed. */
export async function expectNoChange(call: Call, id: string | undefined, failing: () => Promise<void>) {
  const before = { stx: id ? await read(call, id) : undefined, counts: await counts(call) };
  await failing();
  expect({ stx: id ? await read(call, id) : undefined, counts: await counts(call) }).toEqual(before);
}
