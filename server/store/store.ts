// The mock's whole state, made per app (never module-level): tenants by OAuth client id, the
// baseline each tenant resets to, and the issued tokens.
import { randomBytes } from 'node:crypto';
import { Meter, type Limits } from './budget.js';
import type { JournalSink } from './journal-entries.js';
import type { CommitListener, Tenant, TenantSnapshot } from './tenant.js';
import { VerificationSession } from './verification.js';

/**
 * Issued tokens are capped per client, so that a client that never reuses its token cannot grow
 * memory forever, and its flood can only ever evict its own tokens.
 */
export const MAX_TOKENS_PER_CLIENT = 10_000;
const TOKEN_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

function newToken(): string {
  const bytes = randomBytes(26);
  let out = '';
  for (const b of bytes) out += TOKEN_ALPHABET[b & 31];
  return out;
}

export class Store {
  private readonly tenants = new Map<string, Tenant>();
  private readonly baselines = new Map<string, TenantSnapshot>();
  /** token -> its tenant, for the look-up of every request. */
  private readonly accessTokens = new Map<string, Tenant>();
  /** Per tenant, its tokens and their expiry on its clock (epoch ms), oldest first. */
  private readonly tokensOf = new Map<Tenant, Map<string, number>>();
  private readonly refreshTokens = new Map<string, Tenant>();
  /** Estimated bytes of every tenant's objects. */
  readonly meter = new Meter();

  /** Told when a tenant's outbox got new pushes (the delivery sets it). */
  onPushes: ((tenant: Tenant) => void) | null = null;

  /** Set with replicas: a token this process does not know may have just been issued by another one. */
  lookupMissingToken: ((token: string) => Promise<Tenant | undefined>) | null = null;

  /** Without limits (a store built on its own) nothing is refused. */
  constructor(readonly limits: Limits | null = null) {}
  /** A Pact verification going on: what tokens the mock did not issue stand for. */
  readonly verification = new VerificationSession();

  private sink: JournalSink | null = null;
  private commitListener: CommitListener | null = null;

  /** Told of every tenant's commits, tenants that join later too (the status history). */
  set onCommit(listener: CommitListener | null) {
    this.commitListener = listener;
    for (const tenant of this.tenants.values()) tenant.onCommit = listener;
  }

  /** Every change from now on — tenants made, objects written, tokens issued — goes to `sink`. */
  set journal(sink: JournalSink | null) {
    this.sink = sink;
    for (const tenant of this.tenants.values()) tenant.journal = sink;
  }

  addTenant(tenant: Tenant, refreshTokens: readonly string[] = []): void {
    this.sink?.({ k: 'tenant', tenant: tenant.image() });
    tenant.journal = this.sink;
    tenant.onCommit = this.commitListener;
    this.tenants.set(tenant.clientId, tenant);
    tenant.limits = this.limits;
    tenant.outbox.onAdded = () => this.onPushes?.(tenant);
    tenant.meter.parent = this.meter;
    this.meter.add(tenant.meter.bytes);
    for (const token of refreshTokens) this.refreshTokens.set(token, tenant);
  }

  tenant(clientId: string): Tenant | undefined {
    return this.tenants.get(clientId);
  }

  get tenantCount(): number {
    return this.tenants.size;
  }

  allTenants(): IterableIterator<Tenant> {
    return this.tenants.values();
  }

  /** Wrong credentials always fail; the secret is compared only for a known client. */
  authenticate(clientId: unknown, clientSecret: unknown): Tenant | undefined {
    if (typeof clientId !== 'string' || typeof clientSecret !== 'string') return undefined;
    const tenant = this.tenants.get(clientId);
    return tenant && tenant.clientSecret === clientSecret ? tenant : undefined;
  }

  tenantForRefreshToken(token: unknown): Tenant | undefined {
    return typeof token === 'string' ? this.refreshTokens.get(token) : undefined;
  }

  issueAccessToken(tenant: Tenant, ttlSeconds: number): string {
    let own = this.tokensOf.get(tenant);
    if (!own) this.tokensOf.set(tenant, (own = new Map()));
    if (own.size >= MAX_TOKENS_PER_CLIENT) this.evictTokens(tenant, own);
    const token = newToken();
    this.adoptAccessToken(tenant, token, tenant.clock.now() + ttlSeconds * 1000);
    return token;
  }

  /** A token issued before (by this process or one whose state was loaded), valid until `expiresAt`. */
  adoptAccessToken(tenant: Tenant, token: string, expiresAt: number): void {
    let own = this.tokensOf.get(tenant);
    if (!own) this.tokensOf.set(tenant, (own = new Map()));
    if (own.size >= MAX_TOKENS_PER_CLIENT) this.evictTokens(tenant, own);
    own.set(token, expiresAt);
    this.accessTokens.set(token, tenant);
    this.sink?.({ k: 'token', client: tenant.clientId, token, expiresAt });
  }

  /** Every token not yet expired on its tenant's clock. */
  liveTokens(): [token: string, client: string, expiresAt: number][] {
    const out: [string, string, number][] = [];
    for (const [tenant, own] of this.tokensOf) {
      const now = tenant.clock.now();
      for (const [token, expiresAt] of own) if (expiresAt > now) out.push([token, tenant.clientId, expiresAt]);
    }
    return out;
  }

  /** The tenant a bearer token belongs to, or undefined when unknown or expired. */
  resolveAccessToken(token: string): Tenant | undefined {
    const tenant = this.accessTokens.get(token);
    if (!tenant) return undefined;
    const own = this.tokensOf.get(tenant)!;
    if (tenant.clock.now() >= own.get(token)!) {
      this.dropToken(token, own);
      // Still the mock's own token: during a verification it must not stand for another tenant.
      if (this.verification.active) this.verification.expired(token);
      return undefined;
    }
    return tenant;
  }

  private dropToken(token: string, own: Map<string, number>): void {
    own.delete(token);
    this.accessTokens.delete(token);
  }

  /** A client at its cap: its expired tokens go first, then (still full) its oldest half. */
  private evictTokens(tenant: Tenant, own: Map<string, number>): void {
    const now = tenant.clock.now();
    for (const [token, expiresAt] of own) if (now >= expiresAt) this.dropToken(token, own);
    let excess = own.size - MAX_TOKENS_PER_CLIENT / 2;
    for (const token of own.keys()) {
      if (excess-- <= 0) break;
      this.dropToken(token, own);
    }
  }

  /** Records the current state of every tenant as what `reset` returns to. */
  markBaseline(): void {
    for (const tenant of this.tenants.values()) this.baselines.set(tenant.clientId, tenant.snapshot());
  }

  /** Back to the baseline: one tenant, or all. Issued tokens stay valid. */
  reset(clientId?: string): void {
    for (const tenant of this.tenants.values()) {
      if (clientId !== undefined && tenant.clientId !== clientId) continue;
      const baseline = this.baselines.get(tenant.clientId);
      if (baseline) tenant.restore(baseline);
    }
  }
}
