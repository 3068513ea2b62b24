// Replicas for tests: apps on one Redis listening on loopback ports (test/real-http.ts talks to them).
import { buildApp } from '../../server/app.js';

export async function replica(url: string, pushes: 'auto' | 'manual' = 'manual') {
  const app = await buildApp({ logLevel: 'silent', pushes, redisUrl: url });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as { port: number };
  return { app, url: `http://127.0.0.1:${port}` };
}

export const subscriptionStx = (planId: string, push?: string) => ({
  intent: 'sale',
  basket: { products: [{ id: 1, item_type: 'subscription', plan_id: planId, desc: 'Abo', quantity: 1, priceOne: 990 }] },
  basket_info: { sum: 990, currency: 'EUR' },
  customer: { contact: { forename: 'Max', surname: 'Replika' } },
  ...(push ? { application_context: { return_urls: { url_push: push } } } : {}),
});
export const DEBIT = { container: { type: 'bank_account', private: { owner: 'Max Replika', iban: 'DE89370400440532013000' } } };

/** Polls `check` every 50 ms until it holds; throws after `ms`. */
export async function until(check: () => Promise<boolean>, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}
