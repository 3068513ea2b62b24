// What the tenants may hold: objects per tenant, and bytes per tenant and for all tenants together.
// A stored object's bytes are estimated from its values (strings, numbers, properties, list items),
// counting a shared string once per place it is used, so the estimate errs on the high side.

export interface Limits {
  /** Objects one tenant holds at most (every collection together). */
  maxObjects: number;
  /** Estimated bytes one tenant holds at most. */
  maxBytes: number;
  /** Estimated bytes all tenants hold at most together. */
  maxTotalBytes: number;
}

export type LimitName = keyof Limits;

const WHAT: Record<LimitName, (max: number) => string> = {
  maxObjects: (max) => `a client holds at most ${max} objects (--max-tenant-objects)`,
  maxBytes: (max) => `a client holds at most ${max} bytes of objects, estimated (--max-tenant-bytes)`,
  maxTotalBytes: (max) => `all clients together hold at most ${max} bytes of objects, estimated (--max-stored-bytes)`,
};

/** A write that would take a tenant, or the mock, past a limit; nothing of it is stored. */
export class LimitReached extends Error {
  constructor(
    readonly limit: LimitName,
    readonly max: number,
  ) {
    super(`Limit reached: ${WHAT[limit](max)}; nothing was stored. Reset the client or raise the limit`);
  }
}

/** Estimated bytes held: a tenant's, with the mock's total as its parent. */
export class Meter {
  bytes = 0;
  parent: Meter | null = null;

  add(bytes: number): void {
    this.bytes += bytes;
    if (this.parent) this.parent.add(bytes);
  }
}

const STRING = 16;
const SLOT = 8;
const OBJECT = 24;

/** Estimated bytes of a stored value. */
export function approxBytes(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return STRING + value.length;
    case 'number':
      return SLOT;
    case 'object': {
      if (value === null) return 0;
      let bytes = OBJECT;
      if (Array.isArray(value)) {
        for (const item of value) bytes += SLOT + approxBytes(item);
      } else {
        for (const key in value) bytes += SLOT + approxBytes((value as Record<string, unknown>)[key]);
      }
      return bytes;
    }
    default:
      return 0;
  }
}
