// The console's controls are plain HTML forms posting to the control routes a script calls
// (POST /__mock/reset, /clock, /pushes/deliver, /faults). Those take JSON only, so that a form of
// another site cannot post to them; a console form proves it comes from a console page by the
// console's own secret in its action URL, which another site cannot read. Its fields then become
// the JSON body a script would send (names with dots nest, numbers and booleans as the route's body
// schema types them), and the answer is a 303 back to the console page (`_return`), with the error
// in the query when the call failed. The cross-site rules and the admin token apply as to any call.
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { sameSecret } from '../guards.js';

const CONSOLE_FORM = 'application/x-secuconnect-mock-console-form';
const FORM_LIMIT = 64 * 1024;

declare module 'fastify' {
  interface FastifyRequest {
    /** A console form's page to go back to. */
    consoleReturn?: string;
  }
}

export interface ConsoleForms {
  /** The action URL of a console form posting to `path`. */
  action(path: string): string;
}

type Schema = { type?: unknown; properties?: Record<string, Schema> } | undefined;

function typed(value: string, schema: Schema): unknown {
  const type = schema?.type;
  if (type === 'integer' || type === 'number') return value.trim() === '' || !Number.isFinite(Number(value)) ? value : Number(value);
  if (type === 'boolean') return value === 'true' || value === 'on' ? true : value === 'false' ? false : value;
  return value;
}

/** Form fields as the JSON body of the route: `a.b=1` is `{a: {b: 1}}`; empty fields are left out. */
export function formToBody(fields: URLSearchParams, schema: Schema): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [name, value] of fields) {
    if (value === '' || name.startsWith('_')) continue;
    const path = name.split('.');
    let at = body;
    let node = schema;
    for (const key of path.slice(0, -1)) {
      node = node?.properties?.[key];
      at = (at[key] ??= {}) as Record<string, unknown>;
      if (typeof at !== 'object') break;
    }
    const last = path[path.length - 1]!;
    at[last] = typed(value, node?.properties?.[last]);
  }
  return body;
}

/** A console page to return to: only a path of the control plane. */
const returnPath = (value: string | null) => (value && /^\/__mock(\/[^/\\][^\\]*)?$/.test(value) ? value : '/__mock/');

/** Installs the console forms on the control plane; before its route plugins, which inherit it. */
export function installConsoleForms(app: FastifyInstance): ConsoleForms {
  const secret = randomBytes(18).toString('hex');
  app.addContentTypeParser(CONSOLE_FORM, { parseAs: 'string', bodyLimit: FORM_LIMIT }, (request: FastifyRequest, text, done) => {
    const fields = new URLSearchParams(text as string);
    const back = fields.get('_return');
    if (back !== null) request.consoleReturn = returnPath(back);
    done(null, formToBody(fields, request.routeOptions.schema?.body as Schema));
  });
  app.addHook('preParsing', (request, _reply, payload, done) => {
    const query = request.query as Record<string, unknown>;
    const isForm = request.headers['content-type']?.startsWith('application/x-www-form-urlencoded');
    if (isForm && typeof query.console === 'string' && sameSecret(query.console, secret)) {
      request.headers['content-type'] = CONSOLE_FORM;
      delete query.console;
    }
    done(null, payload);
  });
  app.addHook('onSend', (request, reply, payload, done) => {
    const back = request.consoleReturn;
    if (back === undefined) return done(null, payload);
    let location = back;
    if (reply.statusCode >= 400) {
      const text = typeof payload === 'string' ? payload : '';
      let reason = `${reply.statusCode}`;
      try {
        const body = JSON.parse(text) as { error_details?: string; error_user?: string };
        reason = body.error_details ?? body.error_user ?? reason;
      } catch {
        // not JSON: the status alone
      }
      location += `${back.includes('?') ? '&' : '?'}error=${encodeURIComponent(reason.slice(0, 300))}`;
    } else {
      location += `${back.includes('?') ? '&' : '?'}done=${encodeURIComponent(`${request.method} ${request.url.split('?')[0]}`)}`;
    }
    reply.code(303).header('location', location).header('content-type', 'text/plain; charset=utf-8');
    done(null, `See ${location}`);
  });
  return { action: (path) => `/__mock${path}?console=${secret}` };
}
