#!/usr/bin/env node
// `secuconnect-mock [start] [--port N] [--host H] [--fixtures FILE] [--log-level L] [--public-url URL]`
// The only file that listens or touches the process.
import { parseArgs } from 'node:util';
import { buildApp } from './app.js';
import { optionsFromEnv, type MockOptions } from './options.js';

const USAGE = `Usage: secuconnect-mock [start] [options]

Options:
  --port <n>          port to listen on (env PORT, default 8080; 0 picks a free one)
  --host <host>       interface to bind (env HOST, default 127.0.0.1)
  --fixtures <file>   scenario file to seed from (env SECUCONNECT_MOCK_FIXTURES, default fixtures/default.json)
  --log-level <lvl>   fatal|error|warn|info|debug|trace|silent (env LOG_LEVEL, default warn)
  --public-url <url>  base of iframe_url/payment_links (env SECUCONNECT_MOCK_PUBLIC_URL; default: the request's host)
  -h, --help          this text
`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      fixtures: { type: 'string' },
      'log-level': { type: 'string' },
      'public-url': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const command = positionals[0] ?? 'start';
  if (values.help || command !== 'start') {
    process.stdout.write(USAGE);
    return values.help ? 0 : 2;
  }
  const flags: Record<string, string | undefined> = {
    port: values.port,
    host: values.host,
    fixtures: values.fixtures,
    logLevel: values['log-level'],
    publicUrl: values['public-url'],
  };
  const options = { ...optionsFromEnv(process.env) } as Record<string, unknown>;
  for (const [k, v] of Object.entries(flags)) if (v !== undefined) options[k] = v;

  const app = await buildApp(options as MockOptions);
  const { port, host } = app.mockOptions;
  await app.listen({ port, host });
  const address = app.server.address();
  const realPort = typeof address === 'object' && address ? address.port : port;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${realPort}`;
  const clients = [...app.store.allTenants()].map((t) => `${t.clientId} / ${t.clientSecret}`).join(', ');
  process.stdout.write(
    `secuconnect-mock listening on ${url}\n` +
      `  API        ${url}/api/v2   (token: POST ${url}/oauth/token)\n` +
      `  OpenAPI    ${url}/openapi.json\n` +
      `  Health     ${url}/__mock/health\n` +
      `  Scenario   ${app.scenario.name ?? 'unnamed'} — clients: ${clients}\n`,
  );
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      void app.close().then(() => process.exit(0));
    });
  }
  return -1;
}

main(process.argv.slice(2)).then(
  (code) => {
    if (code >= 0) process.exit(code);
  },
  (err: Error) => {
    process.stderr.write(`secuconnect-mock: ${err.message}\n`);
    process.exit(1);
  },
);
