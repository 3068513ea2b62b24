// General Merchants (`general.merchants`, MRC_…): mirrors GeneralMerchantsProductModel with
// GeneralMerchantsUser (+ GeoAddress, AddressComponents, GeoAddressGeometry, GeneralMerchantsUserEmail),
// AssignedBy, InvitedBy, GeneralMerchantsLegalDetails, GeneralMerchantsUrls, and GeneralMerchantsList.
// Left out: the aggregation fields l,k,ks,c,s,t (the mock never aggregates, so never fills them).
// `parent` and `acceptance_points` are GeneralMerchantsProductModel in the SDK; here they are plain
// `{object, id}` references, as the API embeds them.
import type { FromSchema, JSONSchema } from 'json-schema-to-ts';
import type { SharedSchemaOptions } from './shared.js';
import { listOf } from './common.js';

const geoAddress = {
  type: 'object',
  properties: {
    type: { type: 'string' },
    address_components: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          long_name: { type: 'string' },
          short_name: { type: 'string' },
          types: { type: 'array', items: { type: 'string' } },
        },
        additionalProperties: false,
      },
    },
    address_formatted: { type: 'string' },
    geometry: {
      type: 'object',
      properties: {
        lat: { type: 'string' },
        lon: { type: 'string' },
      },
      additionalProperties: false,
    },
  },
  additionalProperties: false,
} as const satisfies JSONSchema;

export const generalMerchantsUser = {
  type: 'object',
  properties: {
    name: { type: 'string' },
    forename: { type: 'string' },
    surname: { type: 'string' },
    companyname: { type: 'string' },
    project_name: { type: 'string' },
    address: { type: 'array', items: geoAddress },
    email: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          type: { type: 'string' },
          email_formatted: { type: 'string' },
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
    id: { type: 'string' },
    type: { type: 'string' },
    user: generalMerchantsUser,
    store_name: { type: 'string' },
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
    id: { type: 'string' },
    id_old: { type: 'integer' },
    /** SDK string holding a numeric code (1 unverified shop, 11 internet shop, …). */
    type: { type: 'string' },
    user: generalMerchantsUser,
    parent: { $ref: 'ProductInstanceUID' },
    assigned_by: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          object: { type: 'string' },
          id: { type: 'string' },
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
          object: { type: 'string' },
          id: { type: 'string' },
          invited: { type: 'string' },
        },
        additionalProperties: false,
      },
    },
    legal_details: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          url: { type: 'string' },
          type: { type: 'string' },
          content_type: { type: 'string' },
          language: { type: 'string' },
        },
        additionalProperties: false,
      },
    },
    urls: {
      type: 'array',
      items: {
        type: 'object',
        properties: {
          type: { type: 'string' },
          url: { type: 'string' },
        },
        additionalProperties: false,
      },
    },
    store_name: { type: 'string' },
    acceptance_points: { type: 'array', items: { $ref: 'ProductInstanceUID' } },
    two_fa: { type: 'string' },
  },
  required: ['object', 'id'],
  additionalProperties: false,
} as const satisfies JSONSchema;
export type GeneralMerchant = FromSchema<typeof generalMerchantsProductModel, SharedSchemaOptions>;

export const generalMerchantsList = listOf(generalMerchantsProductModel);
export type GeneralMerchantsList = FromSchema<typeof generalMerchantsList, SharedSchemaOptions>;
