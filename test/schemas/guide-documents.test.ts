// Documents shaped like the guides' examples, judged by the schemas as the app's body validator
// judges them (no coercion, unknown keys stripped).
import { Ajv } from 'ajv';
import { sharedSchemas } from '../../server/schemas/shared.js';
import { describe, expect, it } from 'vitest';
import * as common from '../../server/schemas/common.js';
import * as smartTransactions from '../../server/schemas/smart-transactions.js';
import type { SmartTransaction, SmartTransactionsDTO } from '../../server/schemas/smart-transactions.js';

describe('documents shaped like the guides’ examples', () => {
  // Configured like the app's body validator: no coercion, unknown keys stripped.
  const ajv = new Ajv({ coerceTypes: false, removeAdditional: true, allErrors: true, strict: false }).addSchema([...sharedSchemas]);
  const validateCreate = ajv.compile(smartTransactions.smartTransactionsDTO);
  const validateStx = ajv.compile(smartTransactions.smartTransactionsProductModel);
  const validateError = ajv.compile(common.productExceptionPayload);

  const createBody = (): SmartTransactionsDTO => ({
    is_demo: true,
    intent: 'sale',
    contract: { id: 'GCR_2H69XY35227V2VKP9WRA3SJ0W95RP0' },
    transactionRef: 'Order 4711',
    merchantRef: 'ORD-4711',
    customer: {
      contact: {
        forename: 'Max', surname: 'Muster', email: 'max@example.com', dob: '1901-02-03',
        address: { street: 'Musterstr.', street_number: '1', city: 'Dresden', postal_code: '01067', country: 'DE' },
      },
    },
    basket: {
      products: [{ item_type: 'article', desc: 'Ticket', articleNumber: 'T-1', quantity: 2, priceOne: 1000, tax: 19 }],
    },
    basket_info: { sum: 2000, currency: 'EUR' },
    application_context: {
      checkout_template: 'COT_WD0DE66HN2XWJHW8JM88003YG0NEA2',
      language: 'de',
      return_urls: { url_success: 'https://shop.example/ok', url_push: 'https://shop.example/push' },
    },
    payment_context: { auto_capture: false, merchant_initiated: false, accrual: false },
  });

  it('accepts a create body as shop integrations send it', () => {
    expect(validateCreate(createBody()), JSON.stringify(validateCreate.errors)).toBe(true);
  });

  it('refuses an amount sent as a string', () => {
    const body = { ...createBody(), basket_info: { sum: '2000', currency: 'EUR' } };
    expect(validateCreate(body)).toBe(false);
    expect(validateCreate.errors?.[0]?.instancePath).toBe('/basket_info/sum');
  });

  it('drops keys the SDK does not know, as the real API ignores them', () => {
    const body: Record<string, unknown> = { ...createBody(), not_a_field: 1 };
    expect(validateCreate(body)).toBe(true);
    expect(body).not.toHaveProperty('not_a_field');
  });

  it('accepts a prepaid Smart Transaction read back after /start/prepaid', () => {
    const stx: SmartTransaction = {
      object: 'smart.transactions',
      id: 'STX_3HXQQBSVK2XWNAX7ESCZH9NZY3YZAZ',
      created: '2021-02-25T08:47:25+01:00',
      updated: '2021-02-25T08:48:02+01:00',
      updated_at: '2021-02-25T08:48:02+01:00',
      status: 'pending',
      merchant: { object: 'general.merchants', id: 'MRC_WVHJQFQ4JNVYNG5B55TYK748ZCHQP8', companyname: 'Demo Shop' },
      customer: { object: 'payment.customers', id: 'PCU_3XFY6MRQD2XWNAX7ESCZH9NZY3YZAZ', contact: { name: 'Max Muster' } },
      basket_info: { sum: 2000, currency: 'EUR' },
      transactions: [{ object: 'payment.transactions', id: 'PCI_WP7PM5R4K2XWNAX7ESCZH9NZY3YZAZ', trans_id: 40015106 }],
      payment_method: 'prepaid',
      trans_id: 40015106,
      payment_instructions: {
        iban: 'DE88300500000001747013', bic: 'WELADEDDXXX', owner: 'secupay AG', bankname: 'Landesbank Hessen-Thüringen',
        purpose: 'TA 40015106', girocode_url: 'https://connect-testing.secuconnect.com/girocode/x',
      },
    };
    expect(validateStx(stx), JSON.stringify(validateStx.errors)).toBe(true);
  });

  it('refuses a Smart Transaction status outside the lifecycle (the API spells "cancelled")', () => {
    expect(validateStx({ object: 'smart.transactions', id: 'STX_X', status: 'canceled' })).toBe(false);
  });

  it('accepts the documented expired-token error and insists on an integer code', () => {
    const envelope = {
      status: 'error', error: 'ProductNotAllowedException', error_details: 'Valid auth token required',
      error_user: 'Ungültiges Token', code: 2003, supportId: '5f1c3e1a9b7d4c2e8f0a6b3d9c7e1f20',
    };
    expect(validateError(envelope), JSON.stringify(validateError.errors)).toBe(true);
    expect(validateError({ ...envelope, code: '2003' })).toBe(false);
  });
});
