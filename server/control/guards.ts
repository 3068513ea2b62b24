// Who may use the control plane: browser pages of other sites may not change state, off loopback
// the admin token is needed, and secrets are compared in constant time.
import { timingSafeEqual } from 'node:crypto';
import type { FastifyRequest } from 'fastify';

/**
 * Why a browser page of another site sent this request, or undefined. Browsers name the page's
 * origin on every POST (and Sec-Fetch-Site since 2020); scripts, curl and Pact verifiers send neither.
 */
export function crossSiteReason(request: FastifyRequest): string | undefined {
  const site = request.headers['sec-fetch-site'];
  if (site === 'cross-site' || site === 'same-site') return `Sec-Fetch-Site: ${site}`;
  const origin = request.headers.origin;
  if (origin === undefined) return undefined;
  try {
    // Both through URL, so a default port written or left out compares equal.
    const { protocol, host } = new URL(origin);
    return host === new URL(`${protocol}//${request.host}`).host ? undefined : `Origin: ${origin}`;
  } catch {
    return `Origin: ${origin}`;
  }
}

/** Whether a listen address only this machine can reach. */
export const isLoopback = (host: string) => host === 'localhost' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);

/** The admin token a request shows: `Authorization: Bearer …`, or `?admin_token=` for verifiers that cannot add headers. */
export function adminTokenOf(request: FastifyRequest): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
  if (bearer) return bearer;
  const query = request.query as Record<string, unknown> | undefined;
  return typeof query?.admin_token === 'string' ? query.admin_token : undefined;
}

/** Compares secrets in constant time. */
export const sameSecret = (given: string | undefined, expected: string) => {
  if (given === undefined) return false;
  const [a, b] = [Buffer.from(given), Buffer.from(expected)];
  return a.length === b.length && timingSafeEqual(a, b);
};
