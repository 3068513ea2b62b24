// GET one's answers, serialized once for each state of their tenant. A formatter reads nothing but
// its tenant's objects and the base URL of links, so an answer stays right until the tenant changes
// (`tenant.generation` moves with every commit, direct write and restore) or is asked for under
// another base URL. A shop polling one object gets the same bytes again without it being formatted
// and serialized again, which was about half the mock's CPU per GET. A miss takes the usual way
// (the response check in tests, the serializer); one onSend hook keeps what it produced.
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import type { Tenant } from '../store/tenant.js';

/** Characters of answers kept, at most, in all tenants together; then the cache starts again empty. */
export const ANSWER_CACHE_CHARS = 8 * 1024 * 1024;

/** What an answer was built from. */
export interface AnswerKey {
  readonly entity: object;
  readonly tenant: Tenant;
  readonly generation: number;
  readonly baseUrl: string;
}

interface Answer extends AnswerKey {
  readonly body: string;
}

export class AnswerCache {
  private readonly answers = new Map<object, Answer>();
  private chars = 0;

  constructor(private readonly maxChars = ANSWER_CACHE_CHARS) {}

  get(entity: object, tenant: Tenant, baseUrl: string): string | undefined {
    const a = this.answers.get(entity);
    return a !== undefined && a.tenant === tenant && a.generation === tenant.generation && a.baseUrl === baseUrl ? a.body : undefined;
  }

  set(key: AnswerKey, body: string): void {
    if (body.length > this.maxChars) return;
    const old = this.answers.get(key.entity);
    if (old) this.chars -= old.body.length;
    if (this.chars + body.length > this.maxChars) this.clear();
    this.answers.set(key.entity, { ...key, body });
    this.chars += body.length;
  }

  clear(): void {
    this.answers.clear();
    this.chars = 0;
  }

  get size(): number {
    return this.answers.size;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Serialized GET one answers (request-context's `answerOne`). */
    answers: AnswerCache;
  }
  interface FastifyRequest {
    /** Set by a GET one that missed: what its 200 answer is to be kept as. */
    answerKey: AnswerKey | null;
  }
}

export default fp(
  async function answerCache(app: FastifyInstance) {
    const answers = new AnswerCache();
    app.decorate('answers', answers);
    app.decorateRequest('answerKey', null);
    app.addHook('onSend', (request, reply, payload, done) => {
      const key = request.answerKey;
      if (key !== null && reply.statusCode === 200 && typeof payload === 'string') answers.set(key, payload);
      done();
    });
  },
  { name: 'answer-cache' },
);
