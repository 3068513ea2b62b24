// Shared by the fault tests: adding rules over the control plane, and the whole state of a tenant
// (objects, id sequence, clock) to show that a faulted request changed nothing.
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';

export async function addFault(app: FastifyInstance, rule: unknown, headers: Record<string, string> = {}) {
  const res = await app.inject({ method: 'POST', url: '/__mock/faults', headers, payload: rule as object });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

export async function listFaults(app: FastifyInstance, query = '') {
  const res = await app.inject({ method: 'GET', url: `/__mock/faults${query}` });
  expect(res.statusCode).toBe(200);
  return res.json() as { count: number; data: any[] };
}

/** Everything a request could change in a tenant, as plain JSON. */
export function tenantState(app: FastifyInstance, clientId = 'demo-client'): string {
  const s = app.store.tenant(clientId)!.snapshot();
  const collections = Object.fromEntries(Object.entries(s.collections).map(([name, map]) => [name, [...(map as Map<string, unknown>)]]));
  return JSON.stringify({ ids: s.ids, clock: s.clock, merchant: s.merchant, collections });
}

export const STX_BODY = { basket_info: { sum: 1999, currency: 'EUR' }, customer: { contact: { forename: 'Max', surname: 'Muster' } } };
export const ACCOUNT = { type: 'bank_account', private: { owner: 'Max Muster', iban: 'DE89370400440532013000' } } as const;
