// How a push reaches the shop: a POST of its JSON body with the headers secuconnect sends, over
// node:http(s). Only an answer counts; its body is read and dropped. An attempt that takes longer
// than 30 s (connecting, sending or waiting for the answer) is a failure.
import { request as httpRequest } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { PushBody } from '../schemas/pushes.js';

export const ATTEMPT_TIMEOUT_MS = 30_000;
/** Error texts kept with an attempt, at most. */
const MAX_ERROR_LENGTH = 200;

/** What the receiver did: its HTTP status, or why there was none. */
export type TransportResult = { status: number; error?: undefined } | { status?: undefined; error: string };

/** Hands one push over; never throws. */
export type Transport = (url: string, body: PushBody, headers: Readonly<Record<string, string>>, signal: AbortSignal) => Promise<TransportResult>;

export const PUSH_HEADERS = { 'content-type': 'application/json', accept: '*/*', connection: 'close' } as const;

export const errorText = (err: unknown) => (err instanceof Error ? err.message || err.name : String(err)).slice(0, MAX_ERROR_LENGTH);

export const httpTransport: Transport = (url, body, headers, signal) =>
  new Promise((resolve) => {
    const payload = Buffer.from(JSON.stringify(body));
    let settled = false;
    const done = (result: TransportResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(result);
    };
    let req: ReturnType<typeof httpRequest>;
    try {
      const send = url.startsWith('https:') ? httpsRequest : httpRequest;
      req = send(url, { method: 'POST', headers: { ...headers, 'content-length': String(payload.length) }, signal, agent: false });
    } catch (err) {
      return done({ error: errorText(err) });
    }
    const timer = setTimeout(() => {
      done({ error: `no answer within ${ATTEMPT_TIMEOUT_MS / 1000} s` });
      req.destroy();
    }, ATTEMPT_TIMEOUT_MS);
    timer.unref();
    req.on('response', (res) => {
      const status = res.statusCode ?? 0;
      res.resume();
      res.on('end', () => done({ status }));
      res.on('error', () => done({ status }));
    });
    req.on('error', (err) => done({ error: errorText(err) }));
    req.end(payload);
  });
