// A shop's handler of secuconnect's push notifications, written the way a shop would: its own
// types, no dependency on the mock. A push carries no state, so the handler only checks what it is
// about and re-reads that object; its message-pact tests describe the pushes it expects.

export type PushedObject = 'payment.transactions' | 'payment.subscriptions';

export interface Push {
  object: 'event.pushes';
  id: string;
  created: string;
  target: PushedObject;
  type: 'added' | 'changed';
  data: { object: PushedObject; id: string }[];
}

const PATHS: Record<PushedObject, string> = {
  'payment.transactions': '/api/v2/Payment/Transactions/',
  'payment.subscriptions': '/api/v2/Payment/Subscriptions/',
};

/** Thrown for a body the handler does not take: the shop answers it with a 400, and secuconnect retries. */
export class PushRejected extends Error {}

/** The push the body is, or PushRejected saying why not. */
export function parsePush(body: unknown): Push {
  const push = body as Partial<Push> | null;
  if (!push || typeof push !== 'object' || push.object !== 'event.pushes') throw new PushRejected('not an event.pushes body');
  if (typeof push.id !== 'string' || !push.id.startsWith('evt_')) throw new PushRejected('push without an evt_ id');
  if (push.type !== 'added' && push.type !== 'changed') throw new PushRejected(`unknown push type ${String(push.type)}`);
  if (!push.target || !(push.target in PATHS)) throw new PushRejected(`unknown push target ${String(push.target)}`);
  if (!Array.isArray(push.data) || push.data.length === 0) throw new PushRejected('push without data');
  for (const item of push.data) {
    if (item?.object !== push.target || typeof item.id !== 'string' || !item.id) throw new PushRejected('push data that is not the target');
  }
  return push as Push;
}

/** Handles one push: re-reads each object it names through `reread(path)` and answers what was read. */
export async function handlePush<T>(body: unknown, reread: (path: string) => Promise<T>): Promise<{ push: string; type: Push['type']; objects: T[] }> {
  const push = parsePush(body);
  const objects: T[] = [];
  for (const item of push.data) objects.push(await reread(`${PATHS[item.object]}${encodeURIComponent(item.id)}`));
  return { push: push.id, type: push.type, objects };
}
