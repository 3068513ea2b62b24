import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { providerStatesMarkdown } from './provider-states-doc.js';

// `npm run docs:states` rewrites the file from the catalogue (vitest --update).
it('docs/provider-states.md is generated from the catalogue', async () => {
  await expect(providerStatesMarkdown()).toMatchFileSnapshot('../docs/provider-states.md');
});

it('the README’s Pact example is contracts/readme-example.test.ts, importing the package', () => {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const example = readFileSync(new URL('./readme-example.test.ts', import.meta.url), 'utf8');
  expect(readme).toContain('```ts\n' + example.replace("from './index.js'", "from 'secuconnect-mock/contracts'") + '```');
});
