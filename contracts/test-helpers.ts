// Shared by the contract tests: pacts written by hand, as someone outside the project would.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Writes a Pact v3 file with these interactions (consumer `shop`) to a new temporary folder. */
export function handWrittenPact(interactions: object[]): string {
  const file = join(mkdtempSync(join(tmpdir(), 'hand-pact-')), 'shop-secuconnect.json');
  const pact = { consumer: { name: 'shop' }, provider: { name: 'secuconnect' }, interactions, metadata: { pactSpecification: { version: '3.0.0' } } };
  writeFileSync(file, JSON.stringify(pact, null, 2));
  return file;
}
