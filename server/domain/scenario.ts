// Scenario files -> a seeded store. The file is validated against the scenario schema with
// messages naming the bad entry (`clients[0].containers[1].private.iban …`); objects are made
// through the same domain functions the API uses, so a seeded Smart Transaction in `ok` has
// been prepared and started like any other.
import { validator } from '../schemas/compile.js';
import { describeValidationErrors } from '../schemas/validation-errors.js';
import { scenarioSchema, type Scenario, type ScenarioClient } from '../schemas/scenario.js';
import type { SmartTransactionsDTO } from '../schemas/smart-transactions.js';
import { Store } from '../store/store.js';
import type { Tenant } from '../store/tenant.js';
import { newBankAccountContainer } from './containers.js';
import type { DomainContext } from './context.js';
import { newCustomer } from './customers.js';
import { newPlan } from './plans.js';
import { driveSmartTransaction } from './drive-smart-transaction.js';
import { createSmartTransaction } from './smart-transactions.js';
import { newTenant } from './tenants.js';

export type { Scenario };

/** Each client_id names one tenant: a second entry with the same id is refused, naming both. */
function refuseDuplicateClients(scenario: Scenario, source: string): Scenario {
  const first = new Map<string, number>();
  scenario.clients.forEach((client, i) => {
    const earlier = first.get(client.client_id);
    if (earlier !== undefined) {
      throw new Error(`Invalid scenario ${source}:\n  clients[${i}].client_id "${client.client_id}" is already used by clients[${earlier}]`);
    }
    first.set(client.client_id, i);
  });
  return scenario;
}

export function validateScenario(data: unknown, source: string): Scenario {
  // Compiled on first use (or precompiled by the build); asked for per call (it is cached per
  // schema) so that a build's collectSchemas sees it.
  const validate = validator<Scenario>('scenario', scenarioSchema);
  if (validate(data)) return refuseDuplicateClients(data, source);
  const problems = describeValidationErrors(validate.errors!, {
    path: 'brackets',
    root: 'scenario',
    details: ['additionalProperty', 'allowedValues'],
  });
  throw new Error(`Invalid scenario ${source}:\n  ${[...new Set(problems)].join('\n  ')}`);
}

function seedClient(tenant: Tenant, client: ScenarioClient, where: string): void {
  const ctx: DomainContext = { tenant, baseUrl: '' };
  const keys = new Map<string, string>();
  const idOf = (keyOrId: string | undefined) => (keyOrId === undefined ? undefined : (keys.get(keyOrId) ?? keyOrId));
  const each = <T extends { key: string }>(list: readonly T[] | undefined, kind: string, make: (item: T) => string) =>
    list?.forEach((item, i) => {
      try {
        keys.set(item.key, make(item));
      } catch (err) {
        throw new Error(`Invalid scenario entry ${where}.${kind}[${i}] (${item.key}): ${(err as Error).message}`);
      }
    });

  each(client.plans, 'plans', ({ key: _k, id, ...dto }) => tenant.transact(() => newPlan(ctx, dto, id)).id);
  each(client.customers, 'customers', (c) => tenant.transact(() => newCustomer(ctx, c.contact, c.id)).id);
  each(client.containers, 'containers', (c) =>
    tenant.transact(() => {
      const customer = idOf(c.customer);
      return newBankAccountContainer(ctx, { type: c.type, private: c.private, customer: customer ? { id: customer } : undefined }, c.id);
    }).id,
  );
  each(client.smart_transactions, 'smart_transactions', (entry) => {
    const request: SmartTransactionsDTO = { ...entry.request };
    if (entry.status === 'received' || entry.status === 'shipped') request.intent = 'order';
    const customer = idOf(entry.customer);
    if (customer) request.customer = { id: customer };
    const container = idOf(entry.container);
    if (container) request.container = { id: container };
    const plan = idOf(entry.plan);
    if (plan) {
      const sum = request.basket_info?.sum ?? 0;
      request.basket = { products: [{ item_type: 'subscription', plan_id: plan, desc: 'Subscription', quantity: 1, priceOne: sum, sum }] };
    }
    const stx = createSmartTransaction(ctx, request, entry.id);
    return driveSmartTransaction(ctx, stx.id, entry.status, entry.payment_method).id;
  });
}

/** Makes one tenant per client and records the result as the baseline `reset` returns to. */
export function seedStore(store: Store, scenario: Scenario): Store {
  const name = scenario.name ?? 'scenario';
  scenario.clients.forEach((client, i) => {
    const tenant = newTenant({ clientId: client.client_id, clientSecret: client.client_secret, seed: `${name}/${client.client_id}`, merchant: client.merchant, magicValues: client.magic_values });
    store.addTenant(tenant, client.refresh_tokens);
    seedClient(tenant, client, `clients[${i}]`);
  });
  store.markBaseline();
  return store;
}
