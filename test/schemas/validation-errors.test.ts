// One formatter turns Ajv's errors into the lines the envelope, scenario files and options print.
import { describe, expect, it } from 'vitest';
import type { ValidationError } from '../../server/schemas/compile.js';
import { describeValidationErrors } from '../../server/schemas/validation-errors.js';

const error = (e: Partial<ValidationError> & { keyword: string }): ValidationError => ({
  instancePath: '',
  schemaPath: `#/${e.keyword}`,
  params: {},
  ...e,
});

describe('describeValidationErrors', () => {
  it('writes API fields with dots, names a missing property as the field and lists allowed values', () => {
    const lines = describeValidationErrors(
      [
        error({ keyword: 'required', instancePath: '/contact', message: "must have required property 'surname'", params: { missingProperty: 'surname' } }),
        error({ keyword: 'enum', instancePath: '/basket/products/0/item_type', message: 'must be equal to one of the allowed values', params: { allowedValues: ['article', 'coupon'] } }),
        error({ keyword: 'type', message: 'must be object' }),
      ],
      { path: 'dots', root: 'body', prefix: '', missingPropertyInPath: true, details: ['allowedValues'] },
    );
    expect(lines).toEqual([
      "contact.surname must have required property 'surname'",
      'basket.products.0.item_type must be equal to one of the allowed values (article, coupon)',
      'body must be object',
    ]);
  });

  it('writes file paths with brackets and names an unknown property', () => {
    const lines = describeValidationErrors(
      [error({ keyword: 'additionalProperties', instancePath: '/clients/0/containers/1', message: 'must NOT have additional properties', params: { additionalProperty: 'ibn' } })],
      { path: 'brackets', root: 'scenario', details: ['additionalProperty', 'allowedValues'] },
    );
    expect(lines).toEqual(['clients[0].containers[1] must NOT have additional properties (ibn)']);
  });

  it('folds the branches of a failed anyOf into one line about the field', () => {
    const lines = describeValidationErrors(
      [
        error({ keyword: 'format', instancePath: '/contact/dob', schemaPath: '#/properties/dob/anyOf/0/format', message: 'must match format "date"' }),
        error({ keyword: 'format', instancePath: '/contact/dob', schemaPath: '#/properties/dob/anyOf/1/format', message: 'must match format "date-time"' }),
        error({ keyword: 'anyOf', instancePath: '/contact/dob', schemaPath: '#/properties/dob/anyOf', message: 'must match a schema in anyOf' }),
      ],
      { path: 'dots', root: 'body' },
    );
    expect(lines).toEqual(['contact.dob must match format "date" or must match format "date-time"']);
  });
});
