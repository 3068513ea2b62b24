// Shared by the clock tests: an app whose demo tenant's clock is frozen at a known instant, the
// clock call, and reads of the outbox.
import type { FastifyInstance } from 'fastify';
import { apiClient, makeApp, tokenFor } from '../helpers.js';

export const START = '2026-01-15T10:00:00+01:00';

export async function frozenDemo() {
  const app = await makeApp();
  const call = apiClient(app, await tokenFor(app));
  const tenant = app.store.tenant('demo-client')!;
  tenant.clock.frozenAt = Date.parse(START);
  return { app, call, tenant };
}

/** A new token: the clock's move expires the old one (1200 s on the tenant clock). */
export async function relogin(app: FastifyInstance) {
  return apiClient(app, await tokenFor(app));
}

export async function clock(app: FastifyInstance, body: Record<string, unknown>) {
  const res = await app.inject({ method: 'POST', url: '/__mock/clock', payload: { client_id: 'demo-client', ...body } });
  return { status: res.statusCode, body: res.json() };
}

/** The pushes recorded about `objectId`: [target, type] each. */
export async function pushesAbout(app: FastifyInstance, objectId: string): Promise<string[][]> {
  const res = await app.inject({ method: 'GET', url: `/__mock/pushes?client_id=demo-client&object_id=${objectId}` });
  return res.json().data.map((p: { body: { target: string; type: string } }) => [p.body.target, p.body.type]);
}

export const DAY_S = 86_400;
