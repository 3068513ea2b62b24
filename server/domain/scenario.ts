// Scenario files -> a seeded store. The file is validated against the scenario schema with
// messages naming the bad entry (`clients[0].containers[1].private.iban …`); objects are made
// through the same domain functions the API uses, so a seeded Smart Transaction in `ok` has
// been prepared and started like any other.
import { validator } from '../schemas/compile.js';
import { describeValidationErrors } from '../schemas/validation-errors.js';
import { scenarioSchema, type Scenario, type ScenarioClient } from '../schemas/scenario.js';
import type { SmartTransactionsDTO } from '../schemas/smart-transactions.js';
import { Store } from '../store/store.js';
import { Tenant } from '../store/tenant.js';
import { newBankAccountContainer } from './containers.js';
import type { DomainContext } from './context.js';
import { newCustomer } from './customers.js';
import { newPlan } from './plans.js';
import { answerCheckout, prepareSmartTransaction, settleSmartTransaction, startSmartTransaction } from './smart-transaction-payments.js';
import { cancelSmartTransaction, createSmartTransaction, setDelivery } from './smart-transactions.js';

export type { Scenario };

export function validateScenario(data: unknown, source: string): Scenario {
  // Compiled on first use (or precompiled by the build); asked for per call (it is cached per
  // schema) so that a build's collectSchemas sees it.
  const validate = validator<Scenario>('scenario', scenarioSchema);
  if (validate(data)) return data;
  const problems = describeValidationErrors(validate.errors!, {
    path: 'brackets',
    root: 'scenario',
    details: ['additionalProperty', 'allowedValues'],
  });
  throw new Error(`Invalid scenario ${source}:\n  ${[...new Set(problems)].join('\n  ')}`);
}

type SeedEntry = ScenarioClient['smart_transactions'] extends (infer T)[] | undefined ? T : never;

/** The steps that bring a new Smart Transaction to the wanted status. */
function driveTo(ctx: DomainContext, id: string, entry: SeedEntry): void {
  const method = entry.status === 'pending' ? 'prepaid' : entry.status === 'failed' ? (entry.payment_method ?? 'creditcard') : (entry.payment_method ?? 'debit');
  switch (entry.status) {
    case 'created':
      return;
    case 'cancelled':
      if (entry.payment_method) prepareSmartTransaction(ctx, id, method, {});
      cancelSmartTransaction(ctx, id, 'cancel');
      return;
    case 'failed':
      prepareSmartTransaction(ctx, id, method, {});
      answerCheckout(ctx, id, false);
      return;
  }
  prepareSmartTransaction(ctx, id, method, {});
  if (method === 'creditcard' || method === 'paypal') answerCheckout(ctx, id, true);
  if (entry.status === 'approved' || (entry.status === 'pending' && method === 'prepaid')) return;
  if (method === 'prepaid') settleSmartTransaction(ctx, id);
  else startSmartTransaction(ctx, id, method);
  if (entry.status === 'shipped') setDelivery(ctx, id, { delivery_options: { type: 'shipping' } });
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
    driveTo(ctx, stx.id, entry);
    return stx.id;
  });
}

/** Makes one tenant per client and records the result as the baseline `reset` returns to. */
export function seedStore(store: Store, scenario: Scenario): Store {
  const name = scenario.name ?? 'scenario';
  scenario.clients.forEach((client, i) => {
    const tenant = new Tenant(client.client_id, client.client_secret, `${name}/${client.client_id}`, (ids) => ({
      id: client.merchant.id ?? ids.id('MRC'),
      id_old: client.merchant.id_old ?? ids.digits(7),
      type: '11',
      user: { companyname: client.merchant.companyname },
      store_name: client.merchant.store_name,
      generalContractId: ids.id('GCR'),
      paymentContractId: ids.id('PCR'),
    }));
    store.addTenant(tenant, client.refresh_tokens);
    seedClient(tenant, client, `clients[${i}]`);
  });
  store.markBaseline();
  return store;
}
