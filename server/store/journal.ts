// Images of the store and the replay of journal entries: what a restart loads (the image, then every
// entry after it). Applying an entry never records it again.
import { COLLECTIONS, type CollectionName, type JournalEntry, type StoreImage, type TenantImage } from './journal-entries.js';
import type { Store } from './store.js';
import { Tenant } from './tenant.js';

export function storeImage(store: Store): StoreImage {
  return { tenants: [...store.allTenants()].map((t) => t.image()), tokens: store.liveTokens() };
}

function tenantFrom(image: TenantImage): Tenant {
  const tenant = new Tenant(image.client, image.secret, image.client, () => image.merchant);
  setImage(tenant, image);
  return tenant;
}

function setImage(tenant: Tenant, image: TenantImage): void {
  const collections = {} as Record<CollectionName, Map<string, unknown>>;
  for (const name of COLLECTIONS) collections[name] = new Map(image.collections[name].map((e) => [e.id, e]));
  tenant.restore({ ids: image.ids, clock: image.clock, merchant: image.merchant, collections });
  tenant.ids.state = image.ids;
  for (const push of image.outbox ?? []) tenant.outbox.restorePush(push);
}

function tenantNamed(store: Store, client: string): Tenant {
  const tenant = store.tenant(client);
  if (!tenant) throw new Error(`the log names client ${client}, which it never made`);
  return tenant;
}

/** Loads an image over a store seeded from the same scenario; tenants it does not know are made. */
export function loadImage(store: Store, image: StoreImage): void {
  for (const t of image.tenants) {
    const tenant = store.tenant(t.client);
    if (tenant) setImage(tenant, t);
    else store.addTenant(tenantFrom(t));
  }
  for (const [token, client, expiresAt] of image.tokens) store.adoptAccessToken(tenantNamed(store, client), token, expiresAt);
}

export function applyEntry(store: Store, entry: JournalEntry): void {
  switch (entry.k) {
    // A tenant made, or set back as a whole: its state is the image, whether it was known or not.
    case 'tenant':
    case 'image': {
      const tenant = store.tenant(entry.tenant.client);
      if (tenant) setImage(tenant, entry.tenant);
      else store.addTenant(tenantFrom(entry.tenant));
      return;
    }
    case 'pushes': {
      const tenant = tenantNamed(store, entry.client);
      for (const push of entry.pushes) tenant.outbox.restorePush(push);
      return;
    }
    case 'token':
      store.adoptAccessToken(tenantNamed(store, entry.client), entry.token, entry.expiresAt);
      return;
    case 'write': {
      const tenant = tenantNamed(store, entry.client);
      for (const [name, entity] of entry.puts ?? []) (tenant[name] as { put(e: unknown): unknown }).put(entity);
      for (const [name, id] of entry.deletes ?? []) tenant[name].delete(id);
      for (const push of entry.pushes ?? []) tenant.outbox.restorePush(push);
      tenant.ids.state = entry.ids;
      tenant.clock.state = entry.clock;
    }
  }
}
