import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { errorCatalogue } from '../server/domain/errors.js';
import { oauthErrors } from '../server/domain/oauth.js';

const errorsDoc = readFileSync(new URL('../docs/errors.md', import.meta.url), 'utf8');

describe('docs/errors.md', () => {
  it.each(Object.entries(errorCatalogue))('lists %s with its status, exception and code', (name, entry) => {
    const row = errorsDoc.split('\n').find((line) => line.startsWith(`| \`${name}\` |`));
    expect(row, `no row for ${name}`).toBeDefined();
    const cells = row!.split('|').map((c) => c.trim());
    expect(cells.slice(2, 5)).toEqual([String(entry.status), entry.exception, String(entry.code)]);
  });

  it.each(Object.keys(oauthErrors))('lists the OAuth error %s', (error) => {
    expect(errorsDoc).toContain(`| \`${error}\` |`);
  });
});
