// Nested pieces of Smart Transactions shared by the response model and the request bodies: mirrors
// SmartTransactionsBasket, SmartTransactionsBasketProduct, SmartTransactionsSubBasketProduct,
// SmartTransactionsBasketProductGroup, SmartTransactionsBasketInfo, SmartTransactionsIdent,
// SmartTransactionsReceipt(+Value), SmartTransactionsCheckin, SmartTransactionsCheckoutLinks,
// SmartTransactionsCommunication, SmartTransactionsApplicationContext (+Locks, ReturnUrls, IframeOpts,
// ShopDetails), PaymentContext (+DynamicDescriptor, ContainerInstructions, MITInstructions) and
// OneOfSmartTransactionsDeliveryOptionsModel.
// Left out: an ident's `merchantcard` (LoyaltyMerchantcardsProductModel) is reduced to `{object, id}`;
// the basket's `texts` of doc samples (not on the SDK model).
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { text, longText } from './bounds.js';

/**
 * Where a browser (or a push) is sent: an absolute http(s) URL of printable ASCII (no spaces or
 * control characters; percent-encode the rest), at most 2 000 characters. `javascript:` and `data:`
 * URLs are never redirect targets.
 */
export const returnUrl = { type: 'string', maxLength: 2000, pattern: '^https?://[!-~]+$' } as const satisfies JSONSchema;

export const BASKET_ITEM_TYPES = [
  'article',
  'coupon',
  'sub_transaction',
  'stakeholder_payment',
  'shipping',
  'subscription',
] as const;

const basketProductGroup = {
  type: 'object',
  properties: {
    id: text,
    desc: longText,
    level: { type: 'integer' },
  },
  additionalProperties: false,
} as const satisfies JSONSchema;

/** Item fields shared by basket products and sub-basket products (note the camelCase wire names). */
const basketItemProperties = {
  id: { type: 'integer' },
  parent: { type: 'integer' },
  item_type: { type: 'string', enum: BASKET_ITEM_TYPES },
  desc: longText,
  articleNumber: text,
  serialNumber: text,
  ean: text,
  quantity: { type: 'integer' },
  priceOne: { type: 'integer' },
  sum: { type: 'integer' },
  tax: { type: 'integer' },
  reference_id: text,
  contract_id: text,
  group: { type: 'array', maxItems: 20, items: basketProductGroup },
} as const satisfies Record<string, JSONSchema>;

export const smartTransactionsSubBasketProduct = {
  $id: 'SmartTransactionsSubBasketProduct',
  type: 'object',
  properties: basketItemProperties,
  additionalProperties: false,
} as const satisfies JSONSchema;

/** A subscription item needs `plan_id` (PLN_…); that rule lives in the domain, not here. */
export const smartTransactionsBasketProduct = {
  $id: 'SmartTransactionsBasketProduct',
  type: 'object',
  properties: {
    ...basketItemProperties,
    sub_basket: { type: 'array', maxItems: 100, items: { $ref: 'SmartTransactionsSubBasketProduct' } },
    plan_id: text,
    start_at: text,
  },
  additionalProperties: false,
} as const satisfies JSONSchema;
export type SmartTransactionsBasketProduct = FromSchema<
  typeof smartTransactionsBasketProduct,
  { references: [typeof smartTransactionsSubBasketProduct] }
>;

export const smartTransactionsBasket = {
  $id: 'SmartTransactionsBasket',
  type: 'object',
  properties: {
    products: { type: 'array', maxItems: 500, items: { $ref: 'SmartTransactionsBasketProduct' } },
    type: text,
    // Not on the SDK model; the real answers carry it (`[]` when the basket has no texts).
    texts: { type: 'array', maxItems: 50, items: longText },
  },
  additionalProperties: false,
} as const satisfies JSONSchema;
export type SmartTransactionsBasket = FromSchema<
  typeof smartTransactionsBasket,
  { references: [typeof smartTransactionsBasketProduct, typeof smartTransactionsSubBasketProduct] }
>;

/** `currency` is an ISO 4217 code (three capitals); that `sum` equals the basket total the domain checks. */
export const smartTransactionsBasketInfo = {
  $id: 'SmartTransactionsBasketInfo',
  type: 'object',
  properties: {
    sum: { type: 'integer' },
    gratuity: { type: 'integer' },
    currency: { type: 'string', maxLength: 3, pattern: '^[A-Z]{3}$' },
  },
  additionalProperties: false,
} as const satisfies JSONSchema;
export type SmartTransactionsBasketInfo = FromSchema<typeof smartTransactionsBasketInfo>;

export const smartTransactionsIdent = {
  type: 'object',
  properties: {
    object: text,
    id: text,
    prefix: text,
    name: text,
    type: text,
    value: text,
    valid: { type: 'boolean' },
    merchantcard: {
      type: 'object',
      properties: {
        object: text,
        id: text,
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
} as const satisfies JSONSchema;

export const smartTransactionsReceipt = {
  type: 'object',
  properties: {
    type: text,
    value: {
      type: 'object',
      properties: {
        caption: longText,
        text: longText,
        decoration: { type: 'array', maxItems: 20, items: text },
        name: text,
        value: text,
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
} as const satisfies JSONSchema;

export const smartTransactionsCheckin = {
  type: 'object',
  properties: {
    object: text,
    id: text,
    email: text,
  },
  additionalProperties: false,
} as const satisfies JSONSchema;

export const smartTransactionsCheckoutLinks = {
  type: 'object',
  properties: {
    url_checkout: longText,
  },
  additionalProperties: false,
} as const satisfies JSONSchema;

export const smartTransactionsCommunication = {
  type: 'object',
  properties: {
    action_type: text,
    template_id: text,
  },
  additionalProperties: false,
} as const satisfies JSONSchema;

export const smartTransactionsApplicationContext = {
  type: 'object',
  properties: {
    locks: {
      type: 'object',
      properties: {
        customer: { type: 'boolean' },
        shipping_address: { type: 'boolean' },
      },
      additionalProperties: false,
    },
    return_urls: {
      type: 'object',
      properties: {
        url_success: returnUrl,
        url_abort: returnUrl,
        url_error: returnUrl,
        url_push: returnUrl,
      },
      additionalProperties: false,
    },
    iframe_opts: {
      type: 'object',
      properties: {
        payment_hint_title: text,
        payment_hint: { type: 'array', maxItems: 50, items: smartTransactionsReceipt },
        project_title: text,
        submit_button_title: text,
        cancel_button_title: text,
        language: text,
        basket_title: text,
        hide_disclaimer: { type: 'boolean' },
        has_accepted_disclaimer: { type: 'boolean' },
      },
      additionalProperties: false,
    },
    shop_details: {
      type: 'object',
      properties: {
        shop_system: text,
        shop_system_version: text,
        shop_domain: text,
        plugin_vendor: text,
        plugin_version: text,
        user_agent: longText,
      },
      additionalProperties: false,
    },
    checkout_template: text,
    language: text,
  },
  additionalProperties: false,
} as const satisfies JSONSchema;
export type SmartTransactionsApplicationContext = FromSchema<typeof smartTransactionsApplicationContext>;

/** `{merchant_name, merchant_city}`: PaymentContext's DynamicDescriptor and the prepare body's own. */
export const dynamicDescriptor = {
  type: 'object',
  properties: {
    merchant_name: text,
    merchant_city: text,
  },
  additionalProperties: false,
} as const satisfies JSONSchema;

export const paymentContext = {
  type: 'object',
  properties: {
    auto_capture: { type: 'boolean' },
    payment_methods: { type: 'array', maxItems: 20, items: text },
    merchant_initiated: { type: 'boolean' },
    creditcard_schemes: { type: 'array', maxItems: 20, items: text },
    accrual: { type: 'boolean' },
    dynamic_descriptor: dynamicDescriptor,
    container_instructions: {
      type: 'object',
      properties: {
        request_token: { type: 'boolean' },
        notification_url: longText,
      },
      additionalProperties: false,
    },
    // Recurring payments: the first payment (`cit`, the payer present) and later ones (`mit`,
    // naming the first by its PCI_ id). That `recurring` needs a frequency and `mit` a reference the domain checks.
    mit_instructions: {
      type: 'object',
      properties: {
        type: { type: 'string', enum: ['cit', 'mit'] },
        standing_instruction: { type: 'string', enum: ['recurring', 'ucof'] },
        recurring_expiry: text,
        recurring_frequency: { type: 'integer', minimum: 1, maximum: 36600 },
        cit_reference: text,
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
} as const satisfies JSONSchema;
export type PaymentContext = FromSchema<typeof paymentContext>;

/**
 * OneOfSmartTransactionsDeliveryOptionsModel: the union of SmartTransactionsShippingModel
 * (`type: "shipping"`) and SmartTransactionsCollectionModel (`type: "collection"`) fields.
 */
export const smartTransactionsDeliveryOptions = {
  type: 'object',
  properties: {
    type: { type: 'string', enum: ['shipping', 'collection'] },
    shipped_at: text,
    shipped_by: text,
    tracking_code: text,
    invoice_number: text,
    scheduled_slot: {
      type: 'object',
      properties: {
        start_date: text,
        end_date: text,
      },
      additionalProperties: false,
    },
    store_id: text,
    delivered_at: text,
    code: text,
  },
  additionalProperties: false,
} as const satisfies JSONSchema;
export type SmartTransactionsDeliveryOptions = FromSchema<typeof smartTransactionsDeliveryOptions>;
