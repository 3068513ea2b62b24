// A client's flood of token grants evicts only that client's own oldest tokens: every other
// client's tokens in use stay valid (before, the oldest half of all tokens went, logging everyone out).
import { describe, expect, it } from 'vitest';
import { MAX_TOKENS_PER_CLIENT } from '../../server/store/store.js';
import { apiClient, DEMO, makeApp, OTHER, tokenFor } from '../helpers.js';

describe('token budget', () => {
  it('keeps another client logged in while one client grants past its cap', async () => {
    const app = await makeApp();
    const demoToken = await tokenFor(app, DEMO);
    const other = app.store.tenant(OTHER.client_id)!;
    const flood = Array.from({ length: MAX_TOKENS_PER_CLIENT + 10 }, () => app.store.issueAccessToken(other, 1200));
    // Granting over HTTP at the cap still works and evicts the flooding client's oldest tokens.
    const latest = await tokenFor(app, OTHER);
    expect((await apiClient(app, demoToken)('GET', '/General/Merchants/me')).status).toBe(200);
    expect((await apiClient(app, latest)('GET', '/General/Merchants/me')).status).toBe(200);
    expect((await apiClient(app, flood.at(-1)!)('GET', '/General/Merchants/me')).status).toBe(200);
    expect((await apiClient(app, flood[0])('GET', '/General/Merchants/me')).status).toBe(403);
    await app.close();
  });

  it('drops a client’s expired tokens before its valid ones', async () => {
    const app = await makeApp();
    const tenant = app.store.tenant(DEMO.client_id)!;
    tenant.clock.frozenAt = Date.UTC(2026, 0, 1);
    const first = app.store.issueAccessToken(tenant, 1200);
    for (let i = 1; i < MAX_TOKENS_PER_CLIENT; i++) app.store.issueAccessToken(tenant, 1);
    tenant.clock.advance(2000);
    app.store.issueAccessToken(tenant, 1200);
    expect(app.store.resolveAccessToken(first)).toBe(tenant);
    await app.close();
  });
});
