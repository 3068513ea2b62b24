import { expect, it } from 'vitest';
import { providerStatesMarkdown } from '../../server/control/provider-states/docs.js';

// `npm run docs:states` rewrites the file from the catalogue (vitest --update).
it('docs/provider-states.md is generated from the catalogue', async () => {
  await expect(providerStatesMarkdown()).toMatchFileSnapshot('../../docs/provider-states.md');
});
