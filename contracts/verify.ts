// verifyPacts: checks consumer pacts against the mock with Pact's own (Rust) verifier, the one every
// Pact implementation shares, reached through @pact-foundation/pact-core. It starts a fresh mock
// in-process on a free port (unless given a base URL) and gives the verifier nothing but the mock,
// its state-change URL and its message route: requests reach the mock byte for byte (no proxy
// re-encodes a form body), the mock itself lets the consumer's recorded bearer tokens stand for the
// tenant the states were set up in (its verification session, docs/provider-states.md), and a
// message interaction (a push handler's) gets the push its states made.
import { stripVTControlCharacters } from 'node:util';
import { setLogLevel, Verifier, type VerifierOptions } from '@pact-foundation/pact-core';
import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildOptions } from '../server/app.js';

export interface VerifyPactsOptions {
  /** Pact files, folders of pact files, or URLs. */
  pactUrls?: string[];
  /** A mock that is already running; default: a fresh one in-process on 127.0.0.1 and a free port. */
  providerBaseUrl?: string;
  /** The admin token of a running mock that listens off loopback. */
  adminToken?: string;
  /** Options of the in-process mock (fixtures, scenario, …). */
  mock?: BuildOptions;
  /** Provider name in the pacts and at the broker. */
  provider?: string;
  brokerUrl?: string;
  providerVersion?: string;
  providerVersionBranch?: string;
  /** Publish the verification results to the broker (needs brokerUrl and providerVersion). */
  publish?: boolean;
  logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error';
  /** Anything else the verifier takes (consumerVersionSelectors, pactBrokerToken, enablePending, …). */
  verifier?: Partial<VerifierOptions>;
}

export interface Mismatch {
  path?: string;
  expected?: unknown;
  actual?: unknown;
  mismatch: string;
  type: string;
}

/** An error envelope the mock answered during the interaction. */
export interface MockAnswer {
  method: string;
  url: string;
  status: number;
  error: string;
  error_details: string;
}

export interface VerifyFailure {
  interaction: string;
  message?: string;
  mismatches: Mismatch[];
  /** What the mock answered instead: its `error` and `error_details`. */
  mockErrors: MockAnswer[];
}

export interface StateChangeError {
  state: string;
  action: string;
  error: string;
}

export interface VerifyResult {
  passed: boolean;
  /** The verifier's report (ANSI colours removed), then the mock's reasons if any. */
  report: string;
  failures: VerifyFailure[];
  interactions: { description: string; result: string }[];
  /** Why a provider state could not be set up (the verifier itself only says that one failed). */
  stateChangeErrors: StateChangeError[];
}

interface VerifierJson {
  result: boolean;
  output?: string[];
  errors?: { interaction: string; mismatch: { type: string; message?: string; mismatches?: Mismatch[] } }[];
  interactionResults?: { description: string; result: string }[];
}

/** GET /__mock/verification: what the mock's verification session saw. */
interface SessionSummary {
  errors: (MockAnswer & { interaction: number; states: string[] })[];
  state_errors: (StateChangeError & { interaction: number })[];
}

export async function verifyPacts(options: VerifyPactsOptions): Promise<VerifyResult> {
  if (!options.pactUrls?.length && !options.brokerUrl) throw new Error('verifyPacts: give pactUrls or a brokerUrl');
  if (options.publish && (!options.brokerUrl || !options.providerVersion)) {
    throw new Error('verifyPacts: publishing results needs brokerUrl and providerVersion');
  }
  let app: FastifyInstance | undefined;
  let baseUrl = options.providerBaseUrl?.replace(/\/+$/, '');
  if (!baseUrl) {
    // Manual pushes: a state's url_push names the consumer's shop, which the verification must not call.
    app = await buildApp({ logLevel: 'silent', pushes: 'manual', ...options.mock });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }
  const admin = options.adminToken ? `?admin_token=${encodeURIComponent(options.adminToken)}` : '';
  const session = (method: 'GET' | 'DELETE') => fetch(`${baseUrl}/__mock/verification${admin}`, { method });
  try {
    // A running mock may hold an earlier session: this verification's numbers start at 1.
    await session('DELETE');
    const config: VerifierOptions = {
      provider: options.provider ?? 'secuconnect',
      providerBaseUrl: baseUrl,
      pactUrls: options.pactUrls,
      pactBrokerUrl: options.brokerUrl,
      providerVersion: options.providerVersion,
      providerVersionBranch: options.providerVersionBranch,
      publishVerificationResult: options.publish || undefined,
      providerStatesSetupUrl: `${baseUrl}/__mock/provider-states${admin}`,
      // Message interactions (the consumer's push handler) are POSTed there; the mock answers the push their states made.
      transports: [messageTransport(baseUrl, admin)],
      logLevel: options.logLevel ?? 'warn',
      ...options.verifier,
    };
    // pact-core validates every key it is given, undefined ones too.
    for (const key of Object.keys(config) as (keyof VerifierOptions)[]) if (config[key] === undefined) delete config[key];
    // The verifier's constructor logs before it applies the level it is given.
    setLogLevel(config.logLevel);
    const raw = await new Verifier(config)
      .verify()
      // pact-core rejects a failed verification with the results JSON as the message.
      .catch((err: Error) => (err.message.startsWith('{') ? err.message : Promise.reject(err)));
    const answer = await session('GET');
    // A mock of a version without sessions: the verifier's report alone.
    const summary = answer.ok ? ((await answer.json()) as SessionSummary) : { errors: [], state_errors: [] };
    return toResult(JSON.parse(raw) as VerifierJson, summary);
  } finally {
    await session('DELETE').catch(() => undefined);
    await app?.close();
  }
}

/** The verifier's `message` transport: the mock's /__mock/messages on the provider's host (the verifier adds the host). */
function messageTransport(baseUrl: string, admin: string): NonNullable<VerifierOptions['transports']>[number] {
  const url = new URL(baseUrl);
  const scheme = url.protocol.replace(/:$/, '');
  const port = url.port ? Number(url.port) : scheme === 'https' ? 443 : 80;
  return { protocol: 'message', scheme, port, path: `${url.pathname.replace(/\/+$/, '')}/__mock/messages${admin}` };
}

function toResult(json: VerifierJson, summary: SessionSummary): VerifyResult {
  const interactions = json.interactionResults ?? [];
  // The mock numbers the interactions in the order the verifier ran them, as interactionResults lists them.
  const used = new Set<number>();
  const numberOf = (interaction: string) => {
    const i = interactions.findIndex(
      (r, index) => !used.has(index) && r.result !== 'OK' && (interaction === r.description || interaction.endsWith(` - ${r.description}`)),
    );
    if (i >= 0) used.add(i);
    return i + 1;
  };
  const failures = (json.errors ?? []).map((e) => {
    const n = numberOf(e.interaction);
    const mockErrors = summary.errors
      .filter((a) => a.interaction === n)
      .map(({ method, url, status, error, error_details }) => ({ method, url, status, error, error_details }));
    return { interaction: e.interaction, message: e.mismatch.message, mismatches: e.mismatch.mismatches ?? [], mockErrors };
  });
  const stateChangeErrors = summary.state_errors.map(({ state, action, error }) => ({ state, action, error }));
  let report = stripVTControlCharacters((json.output ?? []).join('\n'));
  const answered = failures.filter((f) => f.mockErrors.length);
  if (answered.length) {
    report += `\n\nWhat the mock answered:\n${answered
      .flatMap((f) => [`  ${f.interaction}`, ...f.mockErrors.map((a) => `    ${a.method} ${a.url} -> ${a.status} ${a.error}: ${a.error_details}`)])
      .join('\n')}\n`;
  }
  if (stateChangeErrors.length) {
    report += `\n\nProvider state errors:\n${stateChangeErrors.map((e) => `  - "${e.state}" (${e.action}): ${e.error}`).join('\n')}\n`;
  }
  return { passed: json.result, report, failures, interactions, stateChangeErrors };
}
