// General Merchants (`general.merchants`, MRC_…): mirrors GeneralMerchantsProductModel with
// GeneralMerchantsUser (+ GeoAddress, AddressComponents, GeoAddressGeometry, GeneralMerchantsUserEmail),
// AssignedBy, InvitedBy, GeneralMerchantsLegalDetails, GeneralMerchantsUrls, and GeneralMerchantsList.
// Left out: the aggregation fields l,k,ks,c,s,t (the mock never aggregates, so never fills them).
// `parent` and `acceptance_points` are GeneralMerchantsProductModel in the SDK; here they are plain
// `{object, id}` references, as the API embeds them.
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import { text, longText } from './bounds.js';
import type { SharedSchemaOptions } from './shared.js';
import { listOf } from './common.js';

const geoAddress = {
  type: 'object',
  properties: {
    type: text,
    address_components: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          long_name: text,
          short_name: text,
          types: { type: 'array', items: text },
        },
        additionalProperties: false,
      },
    },
    address_formatted: longText,
    geometry: {
      type: 'object',
      properties: {
        lat: text,
        lon: text,
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
} as const satisfies JSONSchema;

export const generalMerchantsUser = {
  type: 'object',
  properties: {
    name: text,
    forename: text,
    surname: text,
    companyname: text,
    project_name: text,
    address: { type: 'array', items: geoAddress },
    email: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          type: text,
          email_formatted: text,
        },
        additionalProperties: false,
      },
    },
  },
  additionalProperties: false,
} as const satisfies JSONSchema;
export type GeneralMerchantsUser = FromSchema<typeof generalMerchantsUser, SharedSchemaOptions>;

/**
 * A merchant embedded in another object (Payment Transactions, Containers, Plans type it as
 * GeneralMerchantsProductModel): object + id plus the few fields the mock can fill.
 */
export const generalMerchantsEmbedded = {
  type: 'object',
  properties: {
    object: { type: 'string', const: 'general.merchants' },
    id: text,
    type: text,
    user: generalMerchantsUser,
    store_name: text,
  },
  required: ['object', 'id'],
  additionalProperties: false,
} as const satisfies JSONSchema;
export type GeneralMerchantEmbedded = FromSchema<typeof generalMerchantsEmbedded, SharedSchemaOptions>;

export const generalMerchantsProductModel = {
  title: 'GeneralMerchantsProductModel',
  type: 'object',
  properties: {
    object: { type: 'string', const: 'general.merchants' },
    id: text,
    id_old: { type: 'integer' },
    /** SDK string holding a numeric code (1 unverified shop, 11 internet shop, …). */
    type: text,
    user: generalMerchantsUser,
    parent: { $ref: 'ProductInstanceUID' },
    assigned_by: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          object: text,
          id: text,
          owner: { type: 'boolean' },
        },
        additionalProperties: false,
      },
    },
    invited_by: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          object: text,
          id: text,
          invited: text,
        },
        additionalProperties: false,
      },
    },
    legal_details: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          url: longText,
          type: text,
          content_type: text,
          language: text,
        },
        additionalProperties: false,
      },
    },
    urls: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          type: text,
          url: longText,
        },
        additionalProperties: false,
      },
    },
    store_name: text,
    acceptance_points: { type: 'array', items: { $ref: 'ProductInstanceUID' } },
    two_fa: text,
  },
  required: ['object', 'id'],
  additionalProperties: false,
} as const satisfies JSONSchema;
export type GeneralMerchant = FromSchema<typeof generalMerchantsProductModel, SharedSchemaOptions>;

export const generalMerchantsList = listOf(generalMerchantsProductModel);
export type GeneralMerchantsList = FromSchema<typeof generalMerchantsList, SharedSchemaOptions>;
