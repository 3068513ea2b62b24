// Bearer token -> tenant. Every /api/v2 request without a valid, unexpired token gets
// 403 ProductNotAllowedException (code 2003), the documented answer. During a Pact verification
// (store/verification.ts) a bearer token the mock never issued stands for the tenant of the
// interaction's provider states.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { MockError } from '../domain/errors.js';
import type { Store } from '../store/store.js';
import type { Tenant } from '../store/tenant.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** The tenant the bearer token resolved to; set on every authenticated API request. */
    tenant: Tenant;
  }
}

const BEARER = /^Bearer\s+(\S+)\s*$/i;

/** A token the mock did not issue: refused, unless a Pact verification is going on. */
const standIn = (store: Store, token: string) => (store.verification.active ? store.verification.tenantFor(token) : undefined);

export default fp(
  async function auth(app: FastifyInstance, opts: { store: Store; headers: Readonly<Record<string, string>> }) {
    app.decorateRequest('tenant', null as unknown as Tenant);
    const headers = Object.entries(opts.headers);
    // Callback style: on every API request, an async hook would cost a promise and a tick. The
    // API's own response headers are set here too (every answer carries them, errors included):
    // one hook per request instead of two.
    app.addHook('onRequest', (request, reply, done) => {
      for (const [name, value] of headers) reply.header(name, value);
      const header = request.headers.authorization;
      const token = header ? BEARER.exec(header)?.[1] : undefined;
      const tenant = token ? (opts.store.resolveAccessToken(token) ?? standIn(opts.store, token)) : undefined;
      if (tenant) {
        request.tenant = tenant;
        return done();
      }
      const lookup = token ? opts.store.lookupMissingToken : null;
      if (!lookup) return done(new MockError('tokenRequired'));
      void lookup(token!).then((found) => {
        if (!found) return done(new MockError('tokenRequired'));
        request.tenant = found;
        done();
      });
    });
  },
  { name: 'auth' },
);
