// The Redis side of replicas: per tenant an ordered log of journal entries (a list), its position and
// the snapshot it was compacted into, written only by compare-and-set on the position in one Lua
// script, and a channel that tells every replica what was appended. ioredis: one maintained client
// with Lua script helpers (`defineCommand`), pipelining and automatic re-subscription after a
// reconnect.
import type { Redis } from 'ioredis';

export const CHANGES_CHANNEL = 'scm:changes';
/** Where a replica says up to which position it applied a tenant's log. */
export const ACKS_CHANNEL = 'scm:acks';
/** Live replicas, scored by their last heartbeat (ms). */
const REPLICAS = 'scm:replicas';
const META = 'scm:meta';
const TENANTS = 'scm:tenants';
const keys = (client: string) => [`scm:t:${client}`, `scm:t:${client}:log`, `scm:t:${client}:snap`];

/** Appends ARGV[5..] when the tenant's position is ARGV[2]; publishes ARGV[3]. */
const APPEND = `
local pos = tonumber(redis.call('HGET', KEYS[1], 'pos') or '0')
if pos ~= tonumber(ARGV[2]) then return {0, pos, 0} end
for i = 5, #ARGV do redis.call('RPUSH', KEYS[2], ARGV[i]) end
redis.call('HINCRBY', KEYS[1], 'pos', #ARGV - 4)
local bytes = redis.call('HINCRBY', KEYS[1], 'bytes', tonumber(ARGV[4]))
local snap = tonumber(redis.call('HGET', KEYS[1], 'snapbytes') or '0')
redis.call('SADD', KEYS[4], ARGV[1])
redis.call('PUBLISH', '${CHANGES_CHANNEL}', ARGV[3])
return {1, pos + #ARGV - 4, bytes - snap}`;

/** The log from position ARGV[1]: [position, base, snapshot ('' unless the log before base is asked for), entries]. */
const READ = `
local pos = tonumber(redis.call('HGET', KEYS[1], 'pos') or '0')
local base = tonumber(redis.call('HGET', KEYS[1], 'base') or '0')
local from = tonumber(ARGV[1])
local snap = ''
if from < base then snap = redis.call('GET', KEYS[3]) or ''; from = base end
return {pos, base, snap, redis.call('LRANGE', KEYS[2], from - base, -1)}`;

/** The state at position ARGV[1] becomes the snapshot; the log keeps only what follows it. */
const COMPACT = `
local base = tonumber(redis.call('HGET', KEYS[1], 'base') or '0')
local at = tonumber(ARGV[1])
if at <= base then return 0 end
redis.call('LTRIM', KEYS[2], at - base, -1)
redis.call('SET', KEYS[3], ARGV[2])
redis.call('HSET', KEYS[1], 'base', at, 'bytes', 0, 'snapbytes', string.len(ARGV[2]))
return 1`;

interface LogCommands {
  scmAppend(hash: string, log: string, snap: string, tenants: string, ...args: (string | number)[]): Promise<[number, number, number]>;
  scmRead(hash: string, log: string, snap: string, from: number): Promise<[number, number, string, string[]]>;
  scmCompact(hash: string, log: string, snap: string, at: number, snapshot: string): Promise<number>;
}

type Client = Redis & LogCommands;

export type AppendResult = { ok: true; position: number; bytesSinceSnapshot: number } | { ok: false; position: number };
export interface LogRead {
  position: number;
  /** Where `entries` begin. */
  from: number;
  /** The state at `from` when the log before it was asked for (compacted away), else undefined. */
  snapshot: string | undefined;
  entries: string[];
}

const OPTIONS = {
  lazyConnect: true,
  // Without a connection a write fails at once (503), instead of waiting in a queue.
  enableOfflineQueue: false,
  maxRetriesPerRequest: 0,
  commandTimeout: 5000,
  retryStrategy: (times: number) => Math.min(times * 100, 1000),
} as const;

export class RedisLog {
  readonly commands: Client;
  readonly subscriber: Redis;

  /** ioredis is loaded only by a replica: a process without Redis does not pay for it at start. */
  static async create(url: string): Promise<RedisLog> {
    const { Redis: Client } = await import('ioredis');
    return new RedisLog(new Client(url, OPTIONS) as Client, new Client(url, { ...OPTIONS, enableOfflineQueue: true }));
  }

  private constructor(commands: Client, subscriber: Redis) {
    this.commands = commands;
    this.subscriber = subscriber;
    this.commands.defineCommand('scmAppend', { numberOfKeys: 4, lua: APPEND });
    this.commands.defineCommand('scmRead', { numberOfKeys: 3, lua: READ });
    this.commands.defineCommand('scmCompact', { numberOfKeys: 3, lua: COMPACT });
    // Errors are reported through `ready`/`end` and the failed commands; unhandled they would crash.
    this.commands.on('error', () => {});
    this.subscriber.on('error', () => {});
  }

  get ready(): boolean {
    return this.commands.status === 'ready';
  }

  async connect(onMessage: (channel: string, text: string) => void): Promise<void> {
    await Promise.all([this.commands.connect(), this.subscriber.connect()]);
    this.subscriber.on('message', onMessage);
    await this.subscriber.subscribe(CHANGES_CHANNEL, ACKS_CHANNEL);
  }

  /** Says this replica is alive; answers the replicas that said so within `liveMs`. */
  async heartbeat(id: string, liveMs: number): Promise<string[]> {
    const now = Date.now();
    const results = await this.commands.multi().zadd(REPLICAS, now, id).zremrangebyscore(REPLICAS, 0, now - 10 * liveMs).zrangebyscore(REPLICAS, now - liveMs, '+inf').exec();
    return (results?.[2]?.[1] as string[] | undefined) ?? [];
  }

  async leave(id: string): Promise<void> {
    await this.commands.zrem(REPLICAS, id);
  }

  async ack(message: string): Promise<void> {
    await this.commands.publish(ACKS_CHANNEL, message);
  }

  /** The deployment the Redis holds: set by the first replica, compared by every other. */
  async meta(format: number, scenario: string): Promise<{ format: number; scenario: string }> {
    await this.commands.hsetnx(META, 'format', String(format));
    await this.commands.hsetnx(META, 'scenario', scenario);
    const meta = await this.commands.hgetall(META);
    return { format: Number(meta.format), scenario: meta.scenario ?? '' };
  }

  tenants(): Promise<string[]> {
    return this.commands.smembers(TENANTS);
  }

  async append(client: string, expected: number, entries: string[], message: string): Promise<AppendResult> {
    const bytes = entries.reduce((sum, e) => sum + e.length, 0);
    const [ok, position, bytesSinceSnapshot] = await this.commands.scmAppend(...(keys(client) as [string, string, string]), TENANTS, client, expected, message, bytes, ...entries);
    return ok === 1 ? { ok: true, position, bytesSinceSnapshot } : { ok: false, position };
  }

  async read(client: string, from: number): Promise<LogRead> {
    const [position, base, snapshot, entries] = await this.commands.scmRead(...(keys(client) as [string, string, string]), from);
    return snapshot === '' ? { position, from: Math.max(from, base), snapshot: undefined, entries } : { position, from: base, snapshot, entries };
  }

  compact(client: string, at: number, snapshot: string): Promise<number> {
    return this.commands.scmCompact(...(keys(client) as [string, string, string]), at, snapshot);
  }

  /** Positions of many tenants in one round trip. */
  async positions(clients: string[]): Promise<number[]> {
    if (clients.length === 0) return [];
    const pipeline = this.commands.pipeline();
    for (const client of clients) pipeline.hget(keys(client)[0]!, 'pos');
    const results = (await pipeline.exec()) ?? [];
    return results.map(([err, value]) => {
      if (err) throw err;
      return Number(value ?? 0);
    });
  }

  /** True for the one caller that takes `key` first; it stays taken for `ms`. */
  async claim(key: string, owner: string, ms: number): Promise<boolean> {
    return (await this.commands.set(`scm:claim:${key}`, owner, 'PX', ms, 'NX')) === 'OK';
  }

  async close(): Promise<void> {
    this.commands.disconnect();
    this.subscriber.disconnect();
  }
}
