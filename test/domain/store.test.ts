// The state: deterministic ids, all-or-nothing changes, snapshots, resets and the issued tokens.
import { describe, expect, it } from 'vitest';
import { createCustomer } from '../../server/domain/customers.js';
import { ID_PATTERN, IdGenerator } from '../../server/store/ids.js';
import { seedStore } from '../../server/domain/scenario.js';
import type { CustomerEntity } from '../../server/store/entities.js';
import { Store } from '../../server/store/store.js';
import { defaultScenario, demo, expectUnchanged } from './support.js';

const NOW = Date.UTC(2024, 0, 15, 9, 30, 0);

function customer(id: string): CustomerEntity {
  return { id, created: 'c', updated: 'u', contact: { surname: id } };
}

/** Every id of every tenant's collections, in order. */
function allIds(store: Store): string[] {
  const out: string[] = [];
  for (const t of store.allTenants()) {
    out.push(t.merchant.id!, t.merchant.generalContractId, t.merchant.paymentContractId);
    for (const map of Object.values(t.snapshot().collections)) out.push(...map.keys());
  }
  return out;
}

describe('ids', () => {
  it('replays the same sequence for the same seed', () => {
    const a = new IdGenerator('scenario/demo-client');
    const b = new IdGenerator('scenario/demo-client');
    const seqA = [a.id('STX'), a.id('PCI'), a.digits(8), a.hash(20)];
    const seqB = [b.id('STX'), b.id('PCI'), b.digits(8), b.hash(20)];
    expect(seqA).toEqual(seqB);
  });

  it('gives another sequence for another seed', () => {
    expect(new IdGenerator('one').id('STX')).not.toBe(new IdGenerator('two').id('STX'));
  });

  it('makes ids of prefix, underscore and 30 of [A-Z0-9], unique over many draws', () => {
    const gen = new IdGenerator('unique');
    const ids = Array.from({ length: 20_000 }, () => gen.id('PCU'));
    for (const id of ids.slice(0, 100)) expect(id).toMatch(new RegExp(ID_PATTERN));
    expect(ids.every((id) => id.startsWith('PCU_') && id.length === 34)).toBe(true);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('makes digits of the asked length and lowercase hashes', () => {
    const gen = new IdGenerator('digits');
    for (let i = 0; i < 1000; i++) expect(String(gen.digits(8))).toMatch(/^[1-9]\d{7}$/);
    expect(gen.hash(20)).toMatch(/^[a-z0-9]{20}$/);
  });

  it('continues from a saved state exactly', () => {
    const gen = new IdGenerator('state');
    gen.id('STX');
    const saved = gen.state;
    const next = gen.id('STX');
    gen.state = saved;
    expect(gen.id('STX')).toBe(next);
  });

  it('seeds a scenario to the same ids every time, and each tenant to its own', () => {
    const first = allIds(seedStore(new Store(), defaultScenario()));
    const second = allIds(seedStore(new Store(), defaultScenario()));
    expect(second).toEqual(first);
    expect(new Set(first).size).toBe(first.length);
    const store = seedStore(new Store(), defaultScenario());
    expect(store.tenant('demo-client')!.merchant.id).not.toBe(store.tenant('other-client')!.merchant.id);
  });
});

describe('Tenant.transact', () => {
  it('commits the puts when the change returns, and returns its result', () => {
    const { tenant } = demo();
    const size = tenant.customers.size;
    const result = tenant.transact(() => {
      tenant.customers.put(customer('PCU_A'));
      // Staged: visible to the change, not yet committed.
      expect(tenant.customers.get('PCU_A')).toBeDefined();
      expect(tenant.customers.size).toBe(size);
      return 42;
    });
    expect(result).toBe(42);
    expect(tenant.customers.size).toBe(size + 1);
  });

  it('rolls back the puts and the id sequence when the change throws', () => {
    const { tenant } = demo();
    const before = tenant.snapshot();
    const boom = new Error('boom');
    expect(() =>
      tenant.transact(() => {
        tenant.customers.put(customer(tenant.ids.id('PCU')));
        const stx = [...tenant.smartTransactions.values()][0];
        tenant.smartTransactions.put({ ...stx, status: 'cancelled' });
        throw boom;
      }),
    ).toThrow(boom);
    expectUnchanged(tenant, before);
    // The next id is the one the failed change had drawn.
    const replay = new IdGenerator('x');
    replay.state = before.ids;
    expect(tenant.ids.id('PCU')).toBe(replay.id('PCU'));
  });

  it('joins a nested transaction to the outer one: nothing is committed before the outer change returns', () => {
    const { tenant } = demo();
    const size = tenant.customers.size;
    tenant.transact(() => {
      tenant.transact(() => tenant.customers.put(customer('PCU_INNER')));
      expect(tenant.customers.size).toBe(size);
      tenant.customers.put(customer('PCU_OUTER'));
    });
    expect(tenant.customers.size).toBe(size + 2);
  });

  it('rolls back what a nested transaction put when the outer change throws afterwards', () => {
    const { tenant } = demo();
    const before = tenant.snapshot();
    expect(() =>
      tenant.transact(() => {
        tenant.transact(() => tenant.customers.put(customer(tenant.ids.id('PCU'))));
        throw new Error('outer fails');
      }),
    ).toThrow('outer fails');
    expectUnchanged(tenant, before);
  });

  it('lets the outer change decide when it catches a nested failure (no partial rollback inside)', () => {
    const { tenant } = demo();
    const size = tenant.customers.size;
    tenant.transact(() => {
      try {
        tenant.transact(() => {
          tenant.customers.put(customer('PCU_KEPT'));
          throw new Error('inner fails');
        });
      } catch {
        // handled by the outer change
      }
    });
    expect(tenant.customers.get('PCU_KEPT')).toBeDefined();
    expect(tenant.customers.size).toBe(size + 1);
  });

  it('is usable again after a failed change', () => {
    const { tenant } = demo();
    expect(() => tenant.transact(() => { throw new Error('first'); })).toThrow('first');
    const size = tenant.customers.size;
    tenant.transact(() => tenant.customers.put(customer('PCU_AFTER')));
    expect(tenant.customers.size).toBe(size + 1);
  });

  it('refuses a delete inside a transaction', () => {
    const { tenant } = demo();
    const id = [...tenant.customers.values()][0].id;
    expect(() => tenant.transact(() => tenant.customers.delete(id))).toThrow(/not supported/);
    expect(tenant.customers.get(id)).toBeDefined();
  });

  it('lists staged versions in place of the committed ones, new ones last', () => {
    const { tenant } = demo();
    const [first, second] = [...tenant.customers.values()];
    tenant.transact(() => {
      tenant.customers.put({ ...first, updated: 'staged' });
      tenant.customers.put(customer('PCU_NEW'));
      const listed = [...tenant.customers.values()];
      expect(listed.map((c) => c.id)).toEqual([first.id, second.id, 'PCU_NEW']);
      expect(listed[0].updated).toBe('staged');
    });
  });
});

describe('snapshot and restore', () => {
  it("brings back collections, clock and merchant (never the id sequence)", () => {
    const { ctx, tenant } = demo();
    const before = tenant.snapshot();
    createCustomer(ctx, { contact: { surname: 'Neu' } });
    tenant.clock.advance(3_600_000);
    tenant.merchant = { ...tenant.merchant, store_name: 'Changed' };
    tenant.restore(before);
    expectUnchanged(tenant, before, { idSequence: false });
    expect(tenant.clock.state).toEqual(before.clock);
    expect(tenant.merchant).toBe(before.merchant);
  });

  it('is not changed by later puts, and can be restored more than once', () => {
    const { ctx, tenant } = demo();
    const before = tenant.snapshot();
    const size = before.collections.customers.size;
    createCustomer(ctx, { contact: { surname: 'One' } });
    expect(before.collections.customers.size).toBe(size);
    tenant.restore(before);
    createCustomer(ctx, { contact: { surname: 'Two' } });
    expect(before.collections.customers.size).toBe(size);
    tenant.restore(before);
    expect(tenant.customers.size).toBe(size);
  });

  it('never hands out an id twice across a restore', () => {
    const { ctx, tenant } = demo();
    const before = tenant.snapshot();
    const first = createCustomer(ctx, { contact: { surname: 'A' } }).id;
    tenant.restore(before);
    expect(tenant.customers.get(first)).toBeUndefined();
    expect(createCustomer(ctx, { contact: { surname: 'A' } }).id).not.toBe(first);
  });
});

describe('Store', () => {
  function twoChanged() {
    const store = seedStore(new Store(), defaultScenario());
    const demoTenant = store.tenant('demo-client')!;
    const other = store.tenant('other-client')!;
    const baseline = { demo: demoTenant.snapshot(), other: other.snapshot() };
    createCustomer({ tenant: demoTenant, baseUrl: '' }, { contact: { surname: 'D' } });
    createCustomer({ tenant: other, baseUrl: '' }, { contact: { surname: 'O' } });
    return { store, demoTenant, other, baseline };
  }

  it('resets one tenant to its baseline and leaves the others alone', () => {
    const { store, demoTenant, other, baseline } = twoChanged();
    store.reset('demo-client');
    expectUnchanged(demoTenant, baseline.demo, { idSequence: false });
    expect(other.customers.size).toBe(baseline.other.collections.customers.size + 1);
  });

  it('resets every tenant when no client is named', () => {
    const { store, demoTenant, other, baseline } = twoChanged();
    store.reset();
    expectUnchanged(demoTenant, baseline.demo, { idSequence: false });
    expectUnchanged(other, baseline.other, { idSequence: false });
  });

  it('keeps issued tokens valid across a reset', () => {
    const { store, demoTenant, other } = twoChanged();
    const a = store.issueAccessToken(demoTenant, 1200);
    const b = store.issueAccessToken(other, 1200);
    store.reset();
    expect(store.resolveAccessToken(a)).toBe(demoTenant);
    expect(store.resolveAccessToken(b)).toBe(other);
  });

  it('authenticates only the right secret of a known client', () => {
    const store = seedStore(new Store(), defaultScenario());
    expect(store.authenticate('demo-client', 'demo-secret')).toBe(store.tenant('demo-client'));
    expect(store.authenticate('demo-client', 'other-secret')).toBeUndefined();
    expect(store.authenticate('nobody', 'demo-secret')).toBeUndefined();
    expect(store.authenticate(undefined, undefined)).toBeUndefined();
    expect(store.tenantForRefreshToken('demo-refresh-token')).toBe(store.tenant('demo-client'));
  });

  describe('access tokens', () => {
    it('expire after their lifetime on the tenant clock', () => {
      const { store, tenant } = demo();
      tenant.clock.frozenAt = NOW;
      const token = store.issueAccessToken(tenant, 1200);
      expect(token).toMatch(/^[a-z2-7]{26}$/);
      tenant.clock.advance(1_199_000);
      expect(store.resolveAccessToken(token)).toBe(tenant);
      tenant.clock.advance(1000);
      expect(store.resolveAccessToken(token)).toBeUndefined();
    });

    it('follow the clock of their own tenant only', () => {
      const { store, tenant } = demo();
      const other = store.tenant('other-client')!;
      const token = store.issueAccessToken(tenant, 60);
      other.clock.advance(3_600_000);
      expect(store.resolveAccessToken(token)).toBe(tenant);
      tenant.clock.advance(60_000);
      expect(store.resolveAccessToken(token)).toBeUndefined();
    });

    it('are unknown when never issued', () => {
      const { store } = demo();
      expect(store.resolveAccessToken('aaaaaaaaaaaaaaaaaaaaaaaaaa')).toBeUndefined();
    });

    it('are capped: issuing more than 10 000 keeps the map bounded and the newest tokens valid', () => {
      const { store, tenant } = demo();
      const tokens = Array.from({ length: 12_000 }, () => store.issueAccessToken(tenant, 1200));
      const size = (store as unknown as { accessTokens: Map<string, unknown> }).accessTokens.size;
      expect(size).toBeLessThanOrEqual(10_000);
      expect(store.resolveAccessToken(tokens.at(-1)!)).toBe(tenant);
      expect(store.resolveAccessToken(tokens[0])).toBeUndefined();
    });

    it('make room by dropping expired tokens before valid ones', () => {
      const { store, tenant } = demo();
      tenant.clock.frozenAt = NOW;
      for (let i = 0; i < 6000; i++) store.issueAccessToken(tenant, 1);
      tenant.clock.advance(2000);
      const valid = Array.from({ length: 4001 }, () => store.issueAccessToken(tenant, 1200));
      expect(valid.every((t) => store.resolveAccessToken(t) === tenant)).toBe(true);
      expect((store as unknown as { accessTokens: Map<string, unknown> }).accessTokens.size).toBe(4001);
    });
  });
});
