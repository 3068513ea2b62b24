import { createServer, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import net from 'node:net';
import axios from 'axios';
import nock from 'nock';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { interceptSecuconnect, UnhandledRequestError, type SecuconnectInterceptor } from '../../server/testing/index.js';
import type { Scenario } from '../../server/domain/scenario.js';

const BASE = 'https://connect-testing.secuconnect.com';

interface Answer {
  status: number;
  body: any;
  headers: Record<string, string | string[] | undefined>;
}
type Call = (method: string, path: string, body?: string, headers?: Record<string, string>) => Promise<Answer>;

const parse = (text: string) => (text ? JSON.parse(text) : undefined);

const viaFetch: Call = async (method, path, body, headers) => {
  const res = await fetch(BASE + path, { method, body, headers });
  return { status: res.status, body: parse(await res.text()), headers: Object.fromEntries(res.headers) };
};

const viaHttps: Call = (method, path, body, headers) =>
  new Promise((resolve, reject) => {
    const req = httpsRequest(BASE + path, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, body: parse(Buffer.concat(chunks).toString('utf8')), headers: res.headers as IncomingHttpHeaders }));
    });
    req.on('error', reject);
    req.end(body);
  });

const viaAxios: Call = async (method, path, body, headers) => {
  // transformResponse: the raw text, so a JSON parse error would show here rather than be hidden
  const res = await axios.request({ method, url: BASE + path, data: body, headers, validateStatus: () => true, transformResponse: (t) => t });
  return { status: res.status, body: parse(res.data), headers: res.headers as Answer['headers'] };
};

/** The integration guide: token, a subscription Smart Transaction prepared by debit with the stored container, started. */
async function guideFlow(call: Call) {
  const token = await call('POST', '/oauth/token', 'grant_type=client_credentials&client_id=demo-client&client_secret=demo-secret', {
    'content-type': 'application/x-www-form-urlencoded',
  });
  expect(token.status).toBe(200);
  const json = { authorization: `Bearer ${token.body.access_token}`, 'content-type': 'application/json', accept: 'application/json' };
  const get = (path: string) => call('GET', `/api/v2${path}`, undefined, { authorization: json.authorization });
  const post = (path: string, body?: unknown) => call('POST', `/api/v2${path}`, body === undefined ? undefined : JSON.stringify(body), json);

  const container = (await get('/Payment/Containers')).body.data[0];
  const plan = (await get('/Payment/Plans')).body.data[0];
  const created = await post('/Smart/Transactions', {
    customer: { id: container.customer.id },
    basket: { products: [{ item_type: 'subscription', plan_id: plan.id, desc: 'Abo', quantity: 1, priceOne: 990, sum: 990 }] },
    basket_info: { sum: 990, currency: 'EUR' },
  });
  expect(created.status).toBe(200);
  expect(created.body.status).toBe('created');
  expect(created.headers['content-language']).toBe('en_GB');
  expect(created.headers['content-type']).toMatch(/^application\/json/);

  const prepared = await post(`/Smart/Transactions/${created.body.id}/prepare/debit`, { container: { id: container.id } });
  expect(prepared.body.status).toBe('approved');
  const started = await call('POST', `/api/v2/Smart/Transactions/${created.body.id}/start/debit`, undefined, { authorization: json.authorization });
  expect(started.body.status).toBe('ok');
  const subscription = await get(`/Payment/Subscriptions/${prepared.body.subscription.id}`);
  expect(subscription.status).toBe(200);
  expect(subscription.body.status).toBe('active');

  const bad = await call('POST', '/api/v2/Smart/Transactions', '{"basket_info":', json);
  expect(bad.status).toBe(400);
  expect(bad.body.error).toBe('ProductFormatException');
  return created.body.id as string;
}

/** The error a failed request carries (fetch wraps real network errors in a TypeError with a `cause`). */
async function failure(request: Promise<unknown>): Promise<Error> {
  const err = await request.then(
    () => expect.unreachable('the request should fail'),
    (e: Error & { cause?: Error }) => e,
  );
  return err instanceof TypeError && err.cause ? err.cause : err;
}

const stxCount = async (mock: SecuconnectInterceptor) => {
  const res = await fetch(`${BASE}/api/v2/Smart/Transactions`, { headers: { authorization: `Bearer ${await mock.token()}` } });
  return (await res.json()).count as number;
};

describe('interceptSecuconnect', () => {
  let mock: SecuconnectInterceptor;
  let listen: MockInstance;
  beforeAll(async () => {
    mock = await interceptSecuconnect({ host: [BASE, 'connect-testing.secupay-ag.de'] });
  });
  afterAll(() => mock.close());
  beforeEach(() => {
    mock.reset();
    listen = vi.spyOn(net.Server.prototype, 'listen');
  });
  afterEach(() => {
    expect(listen).not.toHaveBeenCalled();
    expect(mock.app.server.listening).toBe(false);
    listen.mockRestore();
  });

  it('answers the guide flow through fetch without opening a port', async () => {
    await guideFlow(viaFetch);
  });

  it('answers the guide flow through node:https.request', async () => {
    await guideFlow(viaHttps);
  });

  it('answers the guide flow through axios', async () => {
    await guideFlow(viaAxios);
  });

  it('mocks every host it was given', async () => {
    const res = await fetch('https://connect-testing.secupay-ag.de/api/v2/General/Merchants/me', { headers: { authorization: `Bearer ${await mock.token()}` } });
    expect(res.status).toBe(200);
    expect((await res.json()).object).toBe('general.merchants');
    expect(mock.hosts).toEqual([BASE, 'https://connect-testing.secupay-ag.de']);
  });

  it('answers the mock errors as they are, with the error envelope', async () => {
    const res = await viaAxios('GET', '/api/v2/Smart/Transactions', undefined, { authorization: 'Bearer nope' });
    expect(res.status).toBe(403);
    expect(res.body).toMatchObject({ status: 'error', error: 'ProductNotAllowedException', code: 2003 });
  });

  it('reset() returns to the scenario', async () => {
    const before = await stxCount(mock);
    await guideFlow(viaFetch);
    expect(await stxCount(mock)).toBe(before + 1);
    mock.reset();
    expect(await stxCount(mock)).toBe(before);
  });

  it('use() answers from another scenario, given as object or file, until reset()', async () => {
    const empty: Scenario = { clients: [{ client_id: 'shop', client_secret: 'shop-secret', merchant: { companyname: 'Shop' } }] };
    await mock.use(empty);
    await expect(mock.token()).rejects.toThrow(/demo-client/);
    const token = await mock.token({ client_id: 'shop', client_secret: 'shop-secret' });
    const list = await fetch(`${BASE}/api/v2/Smart/Transactions`, { headers: { authorization: `Bearer ${token}` } });
    expect((await list.json()).count).toBe(0);

    const file = join(await mkdtemp(join(tmpdir(), 'scm-')), 'scenario.json');
    await writeFile(file, JSON.stringify(empty));
    await mock.use(file);
    expect(await mock.token({ client_id: 'shop', client_secret: 'shop-secret' })).toMatch(/\S/);

    mock.reset();
    expect(await stxCount(mock)).toBeGreaterThan(0);
  });

  it('fails a request to another host, naming method and URL, whatever the client', async () => {
    const url = 'https://api.example.com/v1/orders?id=7';
    const expected = 'POST https://api.example.com/v1/orders?id=7';
    const viaFetchError = await failure(fetch(url, { method: 'POST', body: '{}' }));
    expect(viaFetchError).toBeInstanceOf(UnhandledRequestError);
    expect(viaFetchError.message).toContain(expected);
    expect((await failure(new Promise((_, reject) => httpsRequest(url, { method: 'POST' }).on('error', reject).end()))).message).toContain(expected);
    expect((await failure(axios.post(url, {}))).message).toContain(expected);
    expect((await failure(fetch('http://localhost:9/x'))).message).toContain('GET http://localhost:9/x');
  });
});

describe('interceptSecuconnect({ allowUnhandled })', () => {
  const server = createServer((_req, res) => res.end('real server'));
  let origin: string;
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('lets requests to the listed hosts through and still refuses the rest', async () => {
    const mock = await interceptSecuconnect({ allowUnhandled: ['127.0.0.1', /^localhost$/] });
    try {
      expect(await (await fetch(`${origin}/`)).text()).toBe('real server');
      expect((await axios.get(`${origin}/`)).data).toBe('real server');
      expect((await failure(fetch('https://api.example.com/'))).message).toContain('GET https://api.example.com/');
      expect((await fetch(`${BASE}/api/v2/General/Merchants/me`)).status).toBe(403);
    } finally {
      await mock.close();
    }
  });

  it('lets every request through with true', async () => {
    const mock = await interceptSecuconnect({ allowUnhandled: true });
    try {
      expect(await (await fetch(`${origin}/`)).text()).toBe('real server');
    } finally {
      await mock.close();
    }
  });
});

describe('interceptSecuconnect() without a host', () => {
  it('mocks both names of the testing host, and links follow the name the client used', async () => {
    const mock = await interceptSecuconnect();
    try {
      expect(mock.hosts).toEqual([BASE, 'https://connect-testing.secupay-ag.de']);
      const token = await mock.token();
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json', accept: '*/*' };
      const body = JSON.stringify({ basket_info: { sum: 100, currency: 'EUR' } });
      for (const origin of [BASE, 'https://connect-testing.secupay-ag.de']) {
        const res = await fetch(`${origin}/api/v2/Smart/Transactions`, { method: 'POST', headers, body });
        expect(res.status).toBe(200);
        const stx = await res.json();
        expect(new URL(stx.payment_links.general).host).toBe(new URL(origin).host);
        const read = await fetch(`${origin}/api/v2/Smart/Transactions/${stx.id}`, { headers: { authorization: `Bearer ${token}` } });
        expect((await read.json()).id).toBe(stx.id);
      }
    } finally {
      await mock.close();
    }
  });
});

describe("the test's own nock scopes", () => {
  it('keep working for other hosts, before and after close', async () => {
    const rates = nock('https://rates.example.com').persist().get('/eur');
    rates.reply(200, { eur: 1 });
    try {
      const mock = await interceptSecuconnect();
      expect(await (await fetch('https://rates.example.com/eur')).json()).toEqual({ eur: 1 });
      expect((await fetch(`${BASE}/api/v2/General/Merchants/me`)).status).toBe(403);
      await mock.close();
      expect(await (await fetch('https://rates.example.com/eur')).json()).toEqual({ eur: 1 });
    } finally {
      nock.removeInterceptor(rates);
    }
  });
});

describe('close()', () => {
  it('removes the interception: the host is no longer answered by the mock', async () => {
    // `.invalid` never resolves (RFC 2606): after close the request meets the real network and fails there.
    const host = 'https://secuconnect.invalid';
    const mock = await interceptSecuconnect({ host });
    expect((await fetch(`${host}/oauth/token`, { method: 'POST' })).status).toBe(400);
    await mock.close();
    const err = await failure(fetch(`${host}/oauth/token`, { method: 'POST' }));
    expect(err).not.toBeInstanceOf(UnhandledRequestError);
    expect(err.message).not.toMatch(/secuconnect-mock|Nock/);
  });
});

describe('the README', () => {
  it('shows the test examples/checkout.test.ts runs', async () => {
    const readme = await readFile(new URL('../../README.md', import.meta.url), 'utf8');
    const shown = readme.split('## Testing without a server (nock)')[1].split('```ts\n')[1].split('```')[0];
    const example = (await readFile(new URL('../../examples/checkout.test.ts', import.meta.url), 'utf8'))
      .replace(/\/\/ In your project: .*\n/, '')
      .replace('../server/testing/index.js', 'secuconnect-mock/testing');
    expect(shown).toBe(example);
  });
});
