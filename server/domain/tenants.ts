// The one way a tenant (an OAuth client's world) comes to be: its merchant with the contracts its
// objects refer to, an id sequence seeded from `seed` and its own clock. Scenarios and the
// provider state `a client with credentials` both make tenants here.
import type { MagicValuesOverrides } from '../schemas/magic-values.js';
import { Tenant } from '../store/tenant.js';
import { useMagicValues } from './magic-values.js';

export interface TenantSpec {
  clientId: string;
  clientSecret: string;
  /** Seeds the id sequence: the same seed replays to the same ids. */
  seed: string;
  merchant: { id?: string; id_old?: number; companyname: string; store_name?: string };
  /** The tenant's own magic values, merged over the defaults. */
  magicValues?: MagicValuesOverrides;
}

export function newTenant({ clientId, clientSecret, seed, merchant, magicValues }: TenantSpec): Tenant {
  const tenant = new Tenant(clientId, clientSecret, seed, (ids) => ({
    id: merchant.id ?? ids.id('MRC'),
    id_old: merchant.id_old ?? ids.digits(7),
    type: '11',
    user: { companyname: merchant.companyname },
    store_name: merchant.store_name,
    generalContractId: ids.id('GCR'),
    paymentContractId: ids.id('PCR'),
  }));
  useMagicValues(tenant, magicValues);
  return tenant;
}
