// What every domain operation works with: the tenant whose state it reads and changes, and the
// public base URL of the mock (for iframe and payment links).
import { fail } from './errors.js';
import type { Collection, Identified } from '../store/collection.js';
import type { Tenant } from '../store/tenant.js';

export interface DomainContext {
  readonly tenant: Tenant;
  readonly baseUrl: string;
}

/** The entity, or 404 ProductNotFoundException naming the object type and id. */
export function mustGet<T extends Identified>(collection: Collection<T>, id: string, object: string): T {
  return collection.get(id) ?? fail('notFound', { object, id });
}

export function touched<T extends { updated: string }>(ctx: DomainContext, entity: T, changes: Partial<T>): T {
  return { ...entity, ...changes, updated: ctx.tenant.clock.timestamp() };
}
