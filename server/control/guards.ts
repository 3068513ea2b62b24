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

/** The cookie the console's login sets (SameSite=Strict: another site's page never sends it). */
export const ADMIN_COOKIE = 'secuconnect_mock_admin';

/**
 * The admin token a request shows: `Authorization: Bearer …`, `?admin_token=` for verifiers that
 * cannot add headers, or the console's cookie.
 */
export function adminTokenOf(request: FastifyRequest): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
  if (bearer) return bearer;
  const query = request.query as Record<string, unknown> | undefined;
  if (typeof query?.admin_token === 'string') return query.admin_token;
  const value = request.headers.cookie && new RegExp(`(?:^|;\\s*)${ADMIN_COOKIE}=([^;]+)`).exec(request.headers.cookie)?.[1];
  if (!value) return undefined;
  try {
    return decodeURIComponent(value);
  } catch {
    return undefined;
  }
}

/** Compares secrets in constant time. */
export const sameSecret = (given: string | undefined, expected: string) => {
  if (given === undefined) return false;
  const [a, b] = [Buffer.from(given), Buffer.from(expected)];
  return a.length === b.length && timingSafeEqual(a, b);
};
