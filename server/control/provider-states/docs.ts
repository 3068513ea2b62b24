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
    '`npx secuconnect-mock verify <pact file or folder>`, or with any Pact implementation’s verifier against a running mock.',
    '',
    '- Every state goes to the tenant named by its `client_id` parameter, else to `demo-client`.',
    '- Ids given as parameters are used as-is, so a pact can hold exact paths; missing parameters get the defaults below.',
    '- Setup answers the ids it made plus `client_id` and `token`, a valid bearer token of that tenant (Pact v3 provider-state values,',
    '  usable with `fromProviderState`).',
    '- A setup is all-or-nothing. An unknown state or parameter, or a state that cannot be reached, fails the interaction with a',
    '  400 error envelope that says why (and lists the known states).',
    '- Teardown of any state puts each tenant back as it was before the interaction’s first state.',
    '- The state-change URL is `POST /__mock/provider-states`, with `{"state", "params", "action": "setup"|"teardown"}` as the',
    '  JSON body (the default of every verifier) or, for `--state-change-as-query`, in the query string.',
    '',
    '## Recorded bearer tokens: the verification session',
    '',
    'A pact holds the bearer tokens its consumer sent, recorded against connect-testing or invented; the mock never issued them.',
    'So the mock keeps a *verification session*, and no verifier needs a custom header or a request filter:',
    '',
    '- It **begins** with the first provider-state change and **ends** with `DELETE /__mock/verification` or a full',
    '  `POST /__mock/reset` (one without `client_id`). `secuconnect-mock verify` and `verifyPacts` end it when they are done.',
    '- While it is on, a bearer token the mock did not issue **stands for the tenant of the interaction’s states** (the one',
    '  its last state went to; `demo-client` for an interaction without states, and after a teardown).',
    '- A request **without a token** (or with another scheme than `Bearer`), and one with a token a state declares',
    '  `an invalid token` or `an expired token`, still gets the 403 `ProductNotAllowedException` (code 2003) a consumer may',
    '  expect; so does a token of the mock’s own that expired during the session. Tokens the mock issued keep their own tenant.',
    '- Outside a session, unknown tokens are refused as always. The session is started only through the control plane, so',
    '  its rules hold: on loopback only this machine reaches it; off loopback every call needs the admin token (for a',
    '  verifier, `--state-change-url …/__mock/provider-states?admin_token=…`). Do not verify against a mock others use at the',
    '  same time: while the session is on, any token reaches the session’s tenant.',
    '- Declared tokens are forgotten when the interaction ends: at its teardown, or (a verifier that sends none) at the first',
    '  setup after its request. Run the verifier with `--state-change-teardown` so each interaction starts from the same data;',
    '  without it, the states of successive interactions add up (an object given the same id is replaced).',
    '- `GET /__mock/verification` tells what the session saw: the error envelopes the mock answered, numbered by',
    '  interaction and with the interaction’s states (`errors`: `method`, `url`, `status`, `error`, `error_details`), and the',
    '  state changes it refused (`state_errors`). `secuconnect-mock verify` prints them under the verifier’s report; with',
    '  another verifier, read them there.',
    '',
    '## From any language',
    '',
    'pact-php, pact-python, pact-go and the others share one verifier, also on npm as `@pact-foundation/pact-cli`. Start a mock,',
    'point the verifier at it and at the state-change URL, then read why requests were refused and end the session:',
    '',
    '```sh',
    'npx secuconnect-mock start --port 8080',
    'npx pact verifier --dir pacts --hostname 127.0.0.1 --port 8080 \\',
    '  --state-change-url http://127.0.0.1:8080/__mock/provider-states --state-change-teardown',
    'curl -fsS http://127.0.0.1:8080/__mock/verification',
    '#=> "state_errors":[]',
    'curl -fsS -X DELETE http://127.0.0.1:8080/__mock/verification',
    '#=> "active":false',
    '```',
    '',
    'A state change by hand, then the request a consumer recorded: `a smart transaction` in status `created` has a customer and',
    'a bank account, so `prepare/debit` with an empty body authorises it.',
    '',
    '```sh',
    "curl -fsS http://127.0.0.1:8080/__mock/provider-states -H 'Content-Type: application/json' \\",
    '  -d \'{"state":"a smart transaction","params":{"id":"STX_DOCS00000000000000000000000001","status":"created"},"action":"setup"}\'',
    '#=> "id":"STX_DOCS00000000000000000000000001"',
    'curl -fsS -X POST http://127.0.0.1:8080/api/v2/Smart/Transactions/STX_DOCS00000000000000000000000001/prepare/debit \\',
    "  -H 'Authorization: Bearer token-recorded-elsewhere' -H 'Content-Type: application/json'",
    '#=> "status":"approved"',
    "curl -fsS http://127.0.0.1:8080/__mock/provider-states -H 'Content-Type: application/json' \\",
    '  -d \'{"state":"a smart transaction","action":"teardown"}\'',
    'curl -fsS -X DELETE http://127.0.0.1:8080/__mock/verification',
    '```',
    '',
    '(`#=>` lines show a part of what the command before prints; `npm test` runs these examples.)',
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
