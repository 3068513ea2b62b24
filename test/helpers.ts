// Test helpers: a fresh app per test (responses checked against their published schemas), tokens
// for the default clients, and a small client that returns status and parsed body.
import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildOptions } from '../server/app.js';

export async function makeApp(options: BuildOptions = {}): Promise<FastifyInstance> {
  // Manual pushes: a test's objects name shop URLs (url_push) no test should send to unasked.
  return buildApp({ logLevel: 'silent', checkResponses: true, pushes: 'manual', ...options });
}

export const DEMO = { client_id: 'demo-client', client_secret: 'demo-secret' } as const;
export const OTHER = { client_id: 'other-client', client_secret: 'other-secret' } as const;

export async function tokenFor(app: FastifyInstance, client: { client_id: string; client_secret: string } = DEMO): Promise<string> {
  const res = await app.inject({ method: 'POST', url: '/oauth/token', payload: { grant_type: 'client_credentials', ...client } });
  if (res.statusCode !== 200) throw new Error(`token request failed: ${res.statusCode} ${res.body}`);
  return res.json().access_token;
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
}

/** Calls /api/v2 as a secuconnect SDK would: JSON in, JSON out, bearer token. */
export function apiClient(app: FastifyInstance, token: string) {
  return async function call<T = any>(method: string, path: string, body?: unknown): Promise<ApiResponse<T>> {
    const res = await app.inject({
      method: method as 'GET',
      url: `/api/v2${path}`,
      headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      payload: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.statusCode, body: (res.body ? res.json() : undefined) as T, headers: res.headers };
  };
}

export async function demoApi(options: BuildOptions = {}) {
  const app = await makeApp(options);
  return { app, call: apiClient(app, await tokenFor(app)) };
}

/** Asserts the secuconnect error envelope. */
export function expectEnvelope(res: ApiResponse, status: number, error: string): void {
  if (res.status !== status || res.body?.status !== 'error' || res.body?.error !== error || !/^[0-9a-f]{32}$/.test(res.body?.supportId)) {
    throw new Error(`expected ${status} ${error}, got ${res.status} ${JSON.stringify(res.body)}`);
  }
}

/** The secret only a transaction's page links carry (what a payer's browser has from iframe_url or a payment link). */
export function pageSecretOf(app: FastifyInstance, stxId: string): string {
  for (const tenant of app.store.allTenants()) {
    const stx = tenant.smartTransactions.get(stxId);
    if (stx) return stx.pageSecret;
  }
  return 'none';
}

/** `/__mock/checkout/{id}/approve` and the like, with the transaction's page secret as the page link has it. */
export function pageUrl(app: FastifyInstance, stxId: string, path: string): string {
  return `${path}${path.includes('?') ? '&' : '?'}secret=${pageSecretOf(app, stxId)}`;
}
