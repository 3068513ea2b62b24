// The mock's whole state, made per app (never module-level): tenants by OAuth client id, the
// baseline each tenant resets to, and the issued tokens.
import { randomBytes } from 'node:crypto';
import type { Tenant, TenantSnapshot } from './tenant.js';

interface AccessToken {
  tenant: Tenant;
  /** On the tenant's clock, epoch ms. */
  expiresAt: number;
}

/** Issued tokens are capped so a client that never reuses its token cannot grow memory forever. */
const MAX_TOKENS = 10_000;
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
  private readonly accessTokens = new Map<string, AccessToken>();
  private readonly refreshTokens = new Map<string, Tenant>();

  addTenant(tenant: Tenant, refreshTokens: readonly string[] = []): void {
    this.tenants.set(tenant.clientId, tenant);
    for (const token of refreshTokens) this.refreshTokens.set(token, tenant);
  }

  tenant(clientId: string): Tenant | undefined {
    return this.tenants.get(clientId);
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
    if (this.accessTokens.size >= MAX_TOKENS) this.evictTokens();
    const token = newToken();
    this.accessTokens.set(token, { tenant, expiresAt: tenant.clock.now() + ttlSeconds * 1000 });
    return token;
  }

  /** The tenant a bearer token belongs to, or undefined when unknown or expired. */
  resolveAccessToken(token: string): Tenant | undefined {
    const entry = this.accessTokens.get(token);
    if (!entry) return undefined;
    if (entry.tenant.clock.now() >= entry.expiresAt) {
      this.accessTokens.delete(token);
      return undefined;
    }
    return entry.tenant;
  }

  private evictTokens(): void {
    for (const [token, entry] of this.accessTokens) {
      if (entry.tenant.clock.now() >= entry.expiresAt) this.accessTokens.delete(token);
    }
    // Still full: drop the oldest half (Map keeps insertion order).
    let excess = this.accessTokens.size - MAX_TOKENS / 2;
    for (const token of this.accessTokens.keys()) {
      if (excess-- <= 0) break;
      this.accessTokens.delete(token);
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
