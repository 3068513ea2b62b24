// A client over real HTTP, for tests of servers that listen (CLI processes, replicas): a token from
// /oauth/token, then calls that answer status, parsed body and headers. Paths under /__mock go to
// the control plane, every other path to /api/v2.
import { expect } from 'vitest';
import { DEMO } from './helpers.js';

export async function tokenAt(url: string, client: { client_id: string; client_secret: string } = DEMO) {
  const res = await fetch(`${url}/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ grant_type: 'client_credentials', ...client }) });
  expect(res.status).toBe(200);
  return (await res.json()).access_token as string;
}

export type Call = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any; headers: Record<string, string> }>;

export function api(url: string, token: string): Call {
  return async (method, path, body) => {
    const res = await fetch(`${url}${path.startsWith('/__mock') ? '' : '/api/v2'}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : undefined, headers: Object.fromEntries(res.headers) };
  };
}
