// GET /openapi.json publishes the API (and only the API) as OpenAPI 3; /__mock/health answers.
import { describe, expect, it } from 'vitest';
import { sharedSchemas } from '../server/schemas/shared.js';
import { makeApp } from './helpers.js';

describe('GET /openapi.json', () => {
  it('is an OpenAPI 3 document with the API paths and no /__mock paths', async () => {
    const app = await makeApp();
    const res = await app.inject({ method: 'GET', url: '/openapi.json' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    const doc = res.json();
    expect(doc.openapi).toMatch(/^3\./);
    expect(doc.info).toMatchObject({ title: expect.any(String), version: expect.any(String) });
    const paths = Object.keys(doc.paths);
    for (const path of [
      '/oauth/token',
      '/api/v2/Smart/Transactions',
      '/api/v2/Smart/Transactions/{smartTransactionId}',
      '/api/v2/Smart/Transactions/{smartTransactionId}/prepare/{paymentMethod}',
      '/api/v2/Payment/Customers/{paymentCustomerId}',
      '/api/v2/Payment/Containers',
      '/api/v2/Payment/Plans/{paymentPlanId}',
      '/api/v2/Payment/Subscriptions/{paymentSubscriptionId}',
      '/api/v2/Payment/Transactions/{paymentTransactionId}/cancel',
      '/api/v2/Payment/Transactions/{paymentTransactionId}/checkStatus',
      '/api/v2/General/Merchants/{generalMerchantId}',
    ]) {
      expect(paths, path).toContain(path);
    }
    expect(paths.filter((p) => p.startsWith('/__mock'))).toEqual([]);
    expect(paths).not.toContain('/openapi.json');
  });

  it('names each operation like the SDK and documents the error envelope', async () => {
    const app = await makeApp();
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const cancel = doc.paths['/api/v2/Payment/Transactions/{paymentTransactionId}/cancel'].post;
    expect(cancel.operationId).toBe('PaymentTransactions.cancel');
    expect(cancel.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(cancel.responses)).toEqual(expect.arrayContaining(['200', '4XX']));
    expect(doc.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    // Subscriptions are read-only: only GET is published.
    expect(Object.keys(doc.paths['/api/v2/Payment/Subscriptions'])).toEqual(['get']);
    expect(Object.keys(doc.paths['/api/v2/Payment/Subscriptions/{paymentSubscriptionId}'])).toEqual(['get']);
  });

  it('publishes the shared shapes once, as components named by their $id, and refers to them', async () => {
    const app = await makeApp();
    const doc = (await app.inject({ method: 'GET', url: '/openapi.json' })).json();
    const components = doc.components.schemas;
    for (const schema of sharedSchemas) expect(components[schema.$id], schema.$id).toMatchObject({ type: 'object' });
    const contact = JSON.stringify(components.Contact);
    const nodes: unknown[] = [];
    const walk = (node: unknown): void => {
      if (typeof node !== 'object' || node === null) return;
      nodes.push(node);
      for (const child of Object.values(node)) walk(child);
    };
    walk(doc.paths);
    // No inlined copy of a shared shape: a Contact appears only as a reference.
    expect(nodes.filter((node) => JSON.stringify(node) === contact)).toEqual([]);
    expect(nodes.filter((node) => (node as { nationality?: unknown }).nationality !== undefined)).toEqual([]);
    const customerPost = doc.paths['/api/v2/Payment/Customers'].post;
    expect(customerPost.requestBody.content['application/json'].schema.properties.contact).toEqual({ $ref: '#/components/schemas/Contact' });
    expect(customerPost.responses['4XX'].content['application/json'].schema).toEqual({ $ref: '#/components/schemas/ProductExceptionPayload' });
  });

  it('needs no token', async () => {
    const app = await makeApp();
    expect((await app.inject({ method: 'GET', url: '/openapi.json', headers: { authorization: 'Bearer nonsense' } })).statusCode).toBe(200);
  });
});

describe('GET /__mock/health', () => {
  it('answers 200 without a token', async () => {
    const app = await makeApp();
    const res = await app.inject({ method: 'GET', url: '/__mock/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok' });
  });
});
