// docs/provider-states.md, generated from the catalogue so it cannot drift (test/control/provider-states-docs.test.ts).
import { providerStates } from './catalogue.js';

const cell = (text: string) => text.replaceAll('|', '\\|');

/** The catalogue as Markdown; docs/provider-states.md is this text (a test keeps it so). */
export function providerStatesMarkdown(): string {
  const lines = [
    '# Provider states',
    '',
    '<!-- Generated from server/control/provider-states/catalogue.ts by `npm run docs:states`; do not edit by hand. -->',
    '',
    'The Pact provider states secuconnect-mock sets up, with their Pact v3 parameters. Name them in a consumer test',
    "(`.given('a smart transaction', { id: 'STX_…', status: 'approved' })`) and verify the pact with",
    '`npx secuconnect-mock verify <pact file or folder>`.',
    '',
    '- Every state goes to the tenant named by its `client_id` parameter, else to `demo-client`.',
    '- Ids given as parameters are used as-is, so a pact can hold exact paths; missing parameters get the defaults below.',
    '- Setup answers the ids it made plus `client_id` and `token`, a valid bearer token of that tenant (Pact v3 provider-state values,',
    '  usable with `fromProviderState`).',
    '- A setup is all-or-nothing. An unknown state or parameter, or a state that cannot be reached, fails the interaction with a',
    '  400 error envelope that says why (and lists the known states).',
    '- Teardown of any state puts each tenant back as it was before the interaction’s first state.',
    '- Any Pact verifier can use them: `POST /__mock/provider-states` with `{"state", "params", "action": "setup"|"teardown"}`.',
    '',
  ];
  for (const [name, def] of Object.entries(providerStates)) {
    lines.push(`## \`${name}\``, '', def.description, '', '| parameter | type | default | meaning |', '|---|---|---|---|');
    for (const [param, spec] of Object.entries(def.params)) {
      const type = spec.enum ? spec.enum.map((e) => `\`${e}\``).join(' \\| ') : spec.type;
      const dflt = spec.default !== undefined ? `\`${spec.default}\`` : (spec.defaultText ?? '');
      lines.push(`| \`${param}\` | ${type} | ${cell(dflt)} | ${cell(spec.description)} |`);
    }
    if (!def.ownClient && !def.noTenant) lines.push('| `client_id` | string | `demo-client` | tenant the state goes to |');
    lines.push('', `Teardown: ${def.teardown ?? 'nothing (the client and its tokens stay)'}.`, '');
  }
  return lines.join('\n');
}
