// The shapes every schema shares: response models titled and keyed by object and id, lists as
// {count, data}, closed objects without $id under strict Ajv, and the enumerations of the API reference.
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';
import { sharedSchemas, sharedSchemasById } from '../../server/schemas/shared.js';
import { describe, expect, it } from 'vitest';
import * as common from '../../server/schemas/common.js';
import * as generalMerchants from '../../server/schemas/general-merchants.js';
import * as paymentContainers from '../../server/schemas/payment-containers.js';
import * as paymentCustomers from '../../server/schemas/payment-customers.js';
import * as paymentPlans from '../../server/schemas/payment-plans.js';
import * as paymentSubscriptions from '../../server/schemas/payment-subscriptions.js';
import * as paymentTransactions from '../../server/schemas/payment-transactions.js';
import * as smartTransactionsParts from '../../server/schemas/smart-transactions-parts.js';
import * as smartTransactions from '../../server/schemas/smart-transactions.js';
import { type SchemaNode, at } from './schema-nodes.js';

const responseModels: Array<[unknown, string, string]> = [
  [smartTransactions.smartTransactionsProductModel, 'SmartTransactionsProductModel', 'smart.transactions'],
  [paymentTransactions.paymentTransactionsProductModel, 'PaymentTransactionsProductModel', 'payment.transactions'],
  [paymentSubscriptions.paymentSubscriptionsProductModel, 'PaymentSubscriptionsProductModel', 'payment.subscriptions'],
  [paymentCustomers.paymentCustomersProductModel, 'PaymentCustomersProductModel', 'payment.customers'],
  [paymentContainers.paymentContainersProductModel, 'PaymentContainersProductModel', 'payment.containers'],
  [paymentPlans.paymentPlansProductModel, 'PaymentPlansProductModel', 'payment.plans'],
  [generalMerchants.generalMerchantsProductModel, 'GeneralMerchantsProductModel', 'general.merchants'],
];

describe('response models', () => {
  for (const [schema, title, objectType] of responseModels) {
    it(`${title} requires only object and id, fixes object to "${objectType}" and is titled`, () => {
      const node = at(schema, '');
      expect(node.title).toBe(title);
      expect(node.required).toEqual(['object', 'id']);
      expect(node.properties?.object?.const).toBe(objectType);
    });
  }

  it('wrap lists as {count, data} of the product model', () => {
    const lists: Array<[unknown, unknown]> = [
      [smartTransactions.smartTransactionsList, smartTransactions.smartTransactionsProductModel],
      [paymentTransactions.paymentTransactionsList, paymentTransactions.paymentTransactionsProductModel],
      [paymentSubscriptions.paymentSubscriptionsList, paymentSubscriptions.paymentSubscriptionsProductModel],
      [paymentCustomers.paymentCustomersList, paymentCustomers.paymentCustomersProductModel],
      [paymentContainers.paymentContainersList, paymentContainers.paymentContainersProductModel],
      [paymentPlans.paymentPlansList, paymentPlans.paymentPlansProductModel],
      [generalMerchants.generalMerchantsList, generalMerchants.generalMerchantsProductModel],
    ];
    for (const [list, item] of lists) {
      const node = at(list, '');
      expect(node.required).toEqual(['count', 'data']);
      expect(node.additionalProperties).toBe(false);
      expect(node.properties?.count?.type).toBe('integer');
      expect(node.properties?.data?.items).toBe(item);
    }
  });
});

const modules = {
  common, generalMerchants, paymentContainers, paymentCustomers, paymentPlans, paymentSubscriptions,
  paymentTransactions, smartTransactionsParts, smartTransactions,
};
/** Every exported schema object (arrays of enum values, helpers and property bags are skipped). */
const exportedSchemas = Object.entries(modules).flatMap(([file, exports]) =>
  Object.entries(exports as Record<string, unknown>)
    .filter(([, value]) => typeof value === 'object' && value !== null && !Array.isArray(value)
      && typeof (value as SchemaNode).type === 'string')
    .map(([name, value]) => [`${file}.${name}`, value] as const),
);

function* walk(node: unknown, path: string): Generator<[string, Record<string, unknown>]> {
  if (typeof node !== 'object' || node === null) return;
  if (Array.isArray(node)) {
    for (const [index, child] of node.entries()) yield* walk(child, `${path}[${index}]`);
    return;
  }
  const record = node as Record<string, unknown>;
  yield [path, record];
  for (const [key, child] of Object.entries(record)) {
    if (key === 'enum' || key === 'const' || key === 'required') continue;
    yield* walk(child, `${path}.${key}`);
  }
}

/** Strict Ajv that knows the shared shapes (and the formats they use). */
function strictAjv(): Ajv {
  const ajv = new Ajv({ strict: true });
  addFormats.default(ajv);
  return ajv.addSchema([...sharedSchemas]);
}

describe('every exported schema', () => {
  it('is found (the walk below is not vacuous)', () => {
    expect(exportedSchemas.length).toBeGreaterThan(40);
  });

  for (const [name, schema] of exportedSchemas) {
    it(`${name} closes every object, carries an $id only as a shared shape, refers only to shared shapes and compiles under strict Ajv`, () => {
      for (const [path, node] of walk(schema, name)) {
        if (path === name && sharedSchemas.includes(schema as never)) expect(node.$id, path).toEqual(expect.any(String));
        else expect(node, path).not.toHaveProperty('$id');
        if (node.$ref !== undefined) expect(Object.keys(sharedSchemasById), path).toContain(node.$ref);
        if (node.type === 'object') expect(node.additionalProperties, path).toBe(false);
      }
      expect(() => strictAjv().compile(schema as object)).not.toThrow();
    });
  }
});

describe('enumerations', () => {
  it('lists the Smart Transaction statuses and intents of the API reference', () => {
    expect(at(smartTransactions.smartTransactionsProductModel, 'status').enum).toEqual([
      'created', 'processing', 'approved', 'pending', 'ok', 'received', 'shipped', 'collection', 'collected',
      'failed', 'cancelled',
    ]);
    expect(at(smartTransactions.smartTransactionsDTO, 'intent').enum).toEqual(['sale', 'order']);
  });

  it('lists basket item types, container types and plan/subscription values of the SDK', () => {
    expect(at(smartTransactions.smartTransactionsDTO, 'basket.products.item_type').enum).toEqual([
      'article', 'coupon', 'sub_transaction', 'stakeholder_payment', 'shipping', 'subscription',
    ]);
    expect(at(paymentContainers.paymentContainersDTO, 'type').enum).toEqual([
      'bank_account', 'credit_card', 'paypal', 'googlepay', 'applepay',
    ]);
    expect(at(paymentSubscriptions.paymentSubscriptionsProductModel, 'status').enum).toEqual([
      'approved', 'active', 'suspended', 'cancelled', 'completed',
    ]);
    expect(at(paymentSubscriptions.paymentSubscriptionsProductModel, 'billing_cycles.cycle_executions.tenure_type')
      .enum).toEqual(['setup', 'trial', 'regular']);
    expect(at(paymentPlans.paymentPlansProductModel, 'status').enum).toEqual(['created', 'active', 'inactive']);
    expect(at(paymentPlans.paymentPlansProductModel, 'payment_methods').enum).toEqual(['creditcard', 'debit', 'paypal']);
    expect(at(paymentPlans.paymentPlansProductModel, 'billing_cycles.interval.unit').enum).toEqual([
      'day', 'week', 'month', 'year',
    ]);
  });

  it('accepts the payment methods of the guides in the {paymentMethod} path segment', () => {
    expect(common.paymentMethodParam.enum).toEqual(expect.arrayContaining(['creditcard', 'debit', 'prepaid', 'cash', 'ccload']));
  });
});
