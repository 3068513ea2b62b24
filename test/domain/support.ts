// Domain-test support: a seeded tenant without HTTP, builders that bring a Smart Transaction to a
// status through the same domain functions the routes call, and a check that a refused step left
// the tenant's state exactly as it was.
import { expect } from 'vitest';
import scenarioJson from '../../fixtures/default.json' with { type: 'json' };
import type { DomainContext } from '../../server/domain/context.js';
import { MockError, type ErrorName } from '../../server/domain/errors.js';
import { seedStore, validateScenario, type Scenario } from '../../server/domain/scenario.js';
import { driveSmartTransaction } from '../../server/domain/drive-smart-transaction.js';
import type { SmartTransactionStatus } from '../../server/domain/smart-transaction-lifecycle.js';
import { createSmartTransaction } from '../../server/domain/smart-transactions.js';
import type { SmartTransactionsDTO } from '../../server/schemas/smart-transactions.js';
import { Store } from '../../server/store/store.js';
import type { Tenant, TenantSnapshot } from '../../server/store/tenant.js';

export const BASE_URL = 'http://mock.test';
/** A basket sum the magic-values table declines. */
export const DECLINED_SUM = 9901;
export const IBAN = 'DE89370400440532013000';

export function defaultScenario(): Scenario {
  return validateScenario(structuredClone(scenarioJson), 'fixtures/default.json');
}

/** A fresh store seeded with fixtures/default.json and the demo tenant's context. */
export function demo(): { store: Store; tenant: Tenant; ctx: DomainContext } {
  const store = seedStore(new Store(), defaultScenario());
  const tenant = store.tenant('demo-client')!;
  return { store, tenant, ctx: { tenant, baseUrl: BASE_URL } };
}

/** What a Smart Transaction is asked for: a sale or an order for shipping or collection, captured right away or not. */
export interface StxShape {
  intent?: 'sale' | 'order';
  delivery?: 'shipping' | 'collection';
  autoCapture?: boolean;
  sum?: number;
  planId?: string;
}

/** A new Smart Transaction with an inline customer and bank account (so debit can be prepared). */
export function newStx(ctx: DomainContext, shape: StxShape = {}): string {
  const sum = shape.sum ?? 1500;
  const dto: SmartTransactionsDTO = {
    merchantRef: 'test-order',
    transactionRef: 'Test order',
    intent: shape.intent ?? 'sale',
    basket: {
      products: shape.planId
        ? [{ item_type: 'subscription', plan_id: shape.planId, desc: 'Subscription', quantity: 1, priceOne: sum, sum }]
        : [{ item_type: 'article', desc: 'Mug', quantity: 1, priceOne: sum, sum }],
    },
    basket_info: { sum, currency: 'EUR' },
    customer: { contact: { forename: 'Max', surname: 'Mustermann', email: 'max@example.com' } },
    container: { type: 'bank_account', private: { iban: IBAN, owner: 'Max Mustermann' } },
  };
  if (shape.delivery) dto.delivery_options = { type: shape.delivery };
  if (shape.autoCapture) dto.payment_context = { auto_capture: true };
  return createSmartTransaction(ctx, dto).id;
}

/** The shape whose captured status is `status` (ok: sale; received/shipped: order to ship; collection/collected: order to collect). */
export function shapeFor(status: SmartTransactionStatus): StxShape {
  switch (status) {
    case 'received':
    case 'shipped':
      return { intent: 'order', delivery: 'shipping' };
    case 'collection':
    case 'collected':
      return { intent: 'order', delivery: 'collection' };
    default:
      return { intent: 'sale' };
  }
}

/** Brings the Smart Transaction `id` (new, in `created`) to `status` through the domain's one drive function. */
export function driveTo(ctx: DomainContext, id: string, status: SmartTransactionStatus): void {
  driveSmartTransaction(ctx, id, status);
  expect(ctx.tenant.smartTransactions.get(id)!.status).toBe(status);
}

/** Runs `step` and expects the catalogued error `name`. */
export function expectMockError(step: () => unknown, name: ErrorName): MockError {
  try {
    step();
  } catch (err) {
    expect(err).toBeInstanceOf(MockError);
    expect((err as MockError).errorName).toBe(name);
    return err as MockError;
  }
  throw new Error(`expected MockError ${name}, but the step succeeded`);
}

/**
 * Every collection has the same entries, object for object, and (unless told otherwise: a restore
 * never rewinds it) the id sequence has not moved.
 */
export function expectUnchanged(tenant: Tenant, before: TenantSnapshot, { idSequence = true } = {}): void {
  const after = tenant.snapshot();
  if (idSequence) expect(after.ids).toEqual(before.ids);
  for (const [name, items] of Object.entries(before.collections)) {
    const now = after.collections[name as keyof TenantSnapshot['collections']];
    expect(now.size, `${name} size`).toBe(items.size);
    for (const [id, entity] of items) expect(now.get(id), `${name} ${id}`).toBe(entity);
  }
}
