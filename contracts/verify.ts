// verifyPacts: checks consumer pacts against the mock with @pact-foundation/pact's Verifier. It
// starts a fresh mock in-process on a free port (unless given a base URL), sends every provider
// state to the mock's /__mock/provider-states and swaps the consumer's recorded bearer token for a
// valid one of the tenant the states were set up in.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { stripVTControlCharacters } from 'node:util';
import { Verifier, type VerifierOptions } from '@pact-foundation/pact';
import type { FastifyInstance } from 'fastify';
import { buildApp, type BuildOptions } from '../server/app.js';
import { DEFAULT_CLIENT } from '../server/index.js';

export interface VerifyPactsOptions {
  /** Pact files, folders of pact files, or URLs. */
  pactUrls?: string[];
  /** A mock that is already running; default: a fresh one in-process on 127.0.0.1 and a free port. */
  providerBaseUrl?: string;
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
  /** Anything else the Verifier takes (consumerVersionSelectors, pactBrokerToken, …). */
  verifier?: Partial<VerifierOptions>;
}

export interface Mismatch {
  path?: string;
  expected?: string;
  actual?: string;
  mismatch: string;
  type: string;
}

export interface VerifyFailure {
  interaction: string;
  message?: string;
  mismatches: Mismatch[];
}

export interface StateChangeError {
  state: string;
  action: string;
  error: string;
}

export interface VerifyResult {
  passed: boolean;
  /** The verifier's report (ANSI colours removed), then the provider-state errors if any. */
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

type FilterRequest = IncomingMessage & { path: string; body?: { state?: string; action?: string } | Buffer };

/** Where pact-js's proxy receives state changes (Verifier#stateSetupPath). */
const STATE_SETUP_PATH = '/_pactSetup';

export async function verifyPacts(options: VerifyPactsOptions): Promise<VerifyResult> {
  if (!options.pactUrls?.length && !options.brokerUrl) throw new Error('verifyPacts: give pactUrls or a brokerUrl');
  if (options.publish && (!options.brokerUrl || !options.providerVersion)) {
    throw new Error('verifyPacts: publishing results needs brokerUrl and providerVersion');
  }
  let app: FastifyInstance | undefined;
  let baseUrl = options.providerBaseUrl?.replace(/\/+$/, '');
  if (!baseUrl) {
    app = await buildApp({ logLevel: 'silent', ...options.mock });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  }
  try {
    const states = stateRelay(baseUrl);
    const config: VerifierOptions = {
      provider: options.provider ?? 'secuconnect',
      providerBaseUrl: baseUrl,
      pactUrls: options.pactUrls,
      pactBrokerUrl: options.brokerUrl,
      providerVersion: options.providerVersion,
      providerVersionBranch: options.providerVersionBranch,
      publishVerificationResult: options.publish || undefined,
      providerStatesSetupTeardown: true,
      requestFilter: states.filter as unknown as VerifierOptions['requestFilter'],
      logLevel: options.logLevel ?? 'warn',
      ...options.verifier,
    };
    // pact-core validates every key it is given, undefined ones too.
    for (const key of Object.keys(config) as (keyof VerifierOptions)[]) if (config[key] === undefined) delete config[key];
    const raw = await new Verifier(config)
      .verifyProvider()
      // pact-core rejects a failed verification with the results JSON as the message.
      .catch((err: Error) => (err.message.startsWith('{') ? err.message : Promise.reject(err)));
    return toResult(JSON.parse(raw) as VerifierJson, states.errors);
  } finally {
    await app?.close();
  }
}

/**
 * pact-js's own state handler logs a failing handler and answers 200, so the interaction would run
 * anyway; relaying the state change in the request filter lets the mock's 400 reach the verifier
 * (the interaction fails) and lets us keep the reason and the tenant's token.
 */
function stateRelay(baseUrl: string) {
  const errors: StateChangeError[] = [];
  let token: string | undefined;
  let defaultToken: Promise<string | undefined> | undefined;

  const demoToken = async () => {
    const res = await fetch(`${baseUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', client_id: DEFAULT_CLIENT, client_secret: 'demo-secret' }),
    });
    return res.ok ? ((await res.json()) as { access_token: string }).access_token : undefined;
  };

  async function relay(req: FilterRequest, res: ServerResponse) {
    const change = (req.body ?? {}) as { state?: string; action?: string };
    const failed = (error: string) => errors.push({ state: String(change.state), action: String(change.action ?? 'setup'), error });
    let answer: Response;
    try {
      answer = await fetch(`${baseUrl}/__mock/provider-states`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(change),
      });
    } catch (err) {
      failed(`the mock at ${baseUrl} did not answer: ${(err as Error).message}`);
      res.writeHead(502).end();
      return;
    }
    const text = await answer.text();
    if (answer.ok && change.action !== 'teardown') token = (JSON.parse(text) as { token?: string }).token ?? token;
    if (answer.ok && change.action === 'teardown') token = undefined;
    if (!answer.ok) {
      let error = text;
      try {
        error = (JSON.parse(text) as { error_details?: string }).error_details ?? text;
      } catch {
        // not JSON: keep the text
      }
      failed(error);
    }
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'application/json' }).end(text);
  }

  const filter = (req: FilterRequest, res: ServerResponse, next: (err?: unknown) => void) => {
    const work = async () => {
      if (req.path === STATE_SETUP_PATH && req.method === 'POST') return relay(req, res);
      // pact-js's proxy parses bodies by Content-Type only; one without would be forwarded empty
      // under its original Content-Length, and the request would hang until the verifier's timeout.
      if (!req.readableEnded && Number(req.headers['content-length'] ?? 0) > 0) {
        const chunks: Buffer[] = [];
        for await (const chunk of req) chunks.push(chunk as Buffer);
        req.body = Buffer.concat(chunks);
      }
      // Only a recorded bearer token is swapped: a request recorded without one must stay without.
      if (/^bearer\s/i.test(req.headers.authorization ?? '')) {
        const current = token ?? (await (defaultToken ??= demoToken()));
        if (current) req.headers.authorization = `Bearer ${current}`;
      }
      next();
    };
    work().catch(next);
  };
  return { filter, errors };
}

function toResult(json: VerifierJson, stateChangeErrors: StateChangeError[]): VerifyResult {
  const failures = (json.errors ?? []).map((e) => ({
    interaction: e.interaction,
    message: e.mismatch.message,
    mismatches: e.mismatch.mismatches ?? [],
  }));
  let report = stripVTControlCharacters((json.output ?? []).join('\n'));
  if (stateChangeErrors.length) {
    report += `\n\nProvider state errors:\n${stateChangeErrors.map((e) => `  - "${e.state}" (${e.action}): ${e.error}`).join('\n')}\n`;
  }
  return { passed: json.result, report, failures, interactions: json.interactionResults ?? [], stateChangeErrors };
}
