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
    id: { type: 'string' },
    desc: { type: 'string' },
    level: { type: 'integer' },
  },
  additionalProperties: false,
} as const satisfies JSONSchema;

/** Item fields shared by basket products and sub-basket products (note the camelCase wire names). */
const basketItemProperties = {
  id: { type: 'integer' },
  parent: { type: 'integer' },
  item_type: { type: 'string', enum: BASKET_ITEM_TYPES },
  desc: { type: 'string' },
  articleNumber: { type: 'string' },
  serialNumber: { type: 'string' },
  ean: { type: 'string' },
  quantity: { type: 'integer' },
  priceOne: { type: 'integer' },
  sum: { type: 'integer' },
  tax: { type: 'integer' },
  reference_id: { type: 'string' },
  contract_id: { type: 'string' },
  group: { type: 'array', items: basketProductGroup },
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
    sub_basket: { type: 'array', items: { $ref: 'SmartTransactionsSubBasketProduct' } },
    plan_id: { type: 'string' },
    start_at: { type: 'string' },
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
    products: { type: 'array', items: { $ref: 'SmartTransactionsBasketProduct' } },
    type: { type: 'string' },
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
    currency: { type: 'string', pattern: '^[A-Z]{3}$' },
  },
  additionalProperties: false,
} as const satisfies JSONSchema;
export type SmartTransactionsBasketInfo = FromSchema<typeof smartTransactionsBasketInfo>;

export const smartTransactionsIdent = {
  type: 'object',
  properties: {
    object: { type: 'string' },
    id: { type: 'string' },
    prefix: { type: 'string' },
    name: { type: 'string' },
    type: { type: 'string' },
    value: { type: 'string' },
    valid: { type: 'boolean' },
    merchantcard: {
      type: 'object',
      properties: {
        object: { type: 'string' },
        id: { type: 'string' },
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
} as const satisfies JSONSchema;

export const smartTransactionsReceipt = {
  type: 'object',
  properties: {
    type: { type: 'string' },
    value: {
      type: 'object',
      properties: {
        caption: { type: 'string' },
        text: { type: 'string' },
        decoration: { type: 'array', items: { type: 'string' } },
        name: { type: 'string' },
        value: { type: 'string' },
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
} as const satisfies JSONSchema;

export const smartTransactionsCheckin = {
  type: 'object',
  properties: {
    object: { type: 'string' },
    id: { type: 'string' },
    email: { type: 'string' },
  },
  additionalProperties: false,
} as const satisfies JSONSchema;

export const smartTransactionsCheckoutLinks = {
  type: 'object',
  properties: {
    url_checkout: { type: 'string' },
  },
  additionalProperties: false,
} as const satisfies JSONSchema;

export const smartTransactionsCommunication = {
  type: 'object',
  properties: {
    action_type: { type: 'string' },
    template_id: { type: 'string' },
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
        payment_hint_title: { type: 'string' },
        payment_hint: { type: 'array', items: smartTransactionsReceipt },
        project_title: { type: 'string' },
        submit_button_title: { type: 'string' },
        cancel_button_title: { type: 'string' },
        language: { type: 'string' },
        basket_title: { type: 'string' },
        hide_disclaimer: { type: 'boolean' },
        has_accepted_disclaimer: { type: 'boolean' },
      },
      additionalProperties: false,
    },
    shop_details: {
      type: 'object',
      properties: {
        shop_system: { type: 'string' },
        shop_system_version: { type: 'string' },
        shop_domain: { type: 'string' },
        plugin_vendor: { type: 'string' },
        plugin_version: { type: 'string' },
        user_agent: { type: 'string' },
      },
      additionalProperties: false,
    },
    checkout_template: { type: 'string' },
    language: { type: 'string' },
  },
  additionalProperties: false,
} as const satisfies JSONSchema;
export type SmartTransactionsApplicationContext = FromSchema<typeof smartTransactionsApplicationContext>;

/** `{merchant_name, merchant_city}`: PaymentContext's DynamicDescriptor and the prepare body's own. */
export const dynamicDescriptor = {
  type: 'object',
  properties: {
    merchant_name: { type: 'string' },
    merchant_city: { type: 'string' },
  },
  additionalProperties: false,
} as const satisfies JSONSchema;

export const paymentContext = {
  type: 'object',
  properties: {
    auto_capture: { type: 'boolean' },
    payment_methods: { type: 'array', items: { type: 'string' } },
    merchant_initiated: { type: 'boolean' },
    creditcard_schemes: { type: 'array', items: { type: 'string' } },
    accrual: { type: 'boolean' },
    dynamic_descriptor: dynamicDescriptor,
    container_instructions: {
      type: 'object',
      properties: {
        request_token: { type: 'boolean' },
        notification_url: { type: 'string' },
      },
      additionalProperties: false,
    },
    mit_instructions: {
      type: 'object',
      properties: {
        type: { type: 'string' },
        standing_instruction: { type: 'string' },
        recurring_expiry: { type: 'string' },
        recurring_frequency: { type: 'integer' },
        cit_reference: { type: 'string' },
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
    shipped_at: { type: 'string' },
    shipped_by: { type: 'string' },
    tracking_code: { type: 'string' },
    invoice_number: { type: 'string' },
    scheduled_slot: {
      type: 'object',
      properties: {
        start_date: { type: 'string' },
        end_date: { type: 'string' },
      },
      additionalProperties: false,
    },
    store_id: { type: 'string' },
    delivered_at: { type: 'string' },
    code: { type: 'string' },
  },
  additionalProperties: false,
} as const satisfies JSONSchema;
export type SmartTransactionsDeliveryOptions = FromSchema<typeof smartTransactionsDeliveryOptions>;
