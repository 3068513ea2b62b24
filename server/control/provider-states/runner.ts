// Applies Pact provider-state changes to a store: the runner behind POST /__mock/provider-states.
import type { preValidationAsyncHookHandler } from 'fastify';
import { fail } from '../../domain/errors.js';
import type { Store } from '../../store/store.js';
import type { Tenant, TenantSnapshot } from '../../store/tenant.js';
import {
  DEFAULT_CLIENT,
  define,
  knownStates,
  providerStates,
  RESTORES,
  type ParamSpec,
  type ProviderStateDefinition,
  type Scalar,
  type StateScope,
  type StateValues,
} from './catalogue.js';

export interface ProviderStateChange {
  state: string;
  params?: Record<string, unknown>;
  action?: 'setup' | 'teardown';
}

/** Pact's provider-state-change request, as every Pact implementation sends it. */
export const providerStateChangeSchema = {
  type: 'object',
  required: ['state'],
  properties: {
    state: { type: 'string', maxLength: 1000 },
    params: { type: 'object', maxProperties: 50 },
    action: { type: 'string', enum: ['setup', 'teardown'] },
  },
} as const;

/**
 * `--state-change-as-query`: the verifier posts no body and puts `state`, `action` and the
 * parameters (as strings) in the query string. `admin_token` is the control plane's, not a parameter.
 */
export const stateChangeFromQuery: preValidationAsyncHookHandler = async (request) => {
  if (request.body !== undefined && request.body !== null && request.body !== '') return;
  const { state, action, admin_token: _admin, ...params } = (request.query ?? {}) as Record<string, unknown>;
  if (state === undefined) return;
  request.body = { state, ...(action !== undefined && { action }), params };
};

/** A given value as an error message shows it: scalars cut to 60 characters, objects by kind (they can be of any depth). */
function shown(value: unknown): string {
  if (value !== null && typeof value === 'object') return Array.isArray(value) ? 'an array' : 'an object';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

/** A parameter ends up stored (a name, an IBAN, an id), so it has the API's bound on names; client_id has its own (128). */
const MAX_PARAM_LENGTH = 255;

function coerce(name: string, spec: ParamSpec, value: unknown): Scalar {
  let v = value;
  // Some verifiers send every parameter as a string.
  if (spec.type === 'integer' && typeof v === 'string' && /^-?\d+$/.test(v)) v = Number(v);
  if (spec.type === 'boolean' && (v === 'true' || v === 'false')) v = v === 'true';
  const ok = spec.type === 'integer' ? Number.isInteger(v) : typeof v === spec.type;
  if (!ok) throw new Error(`parameter ${name} must be ${spec.type === 'integer' ? 'an integer' : `a ${spec.type}`}, got ${shown(value)}`);
  if (typeof v === 'string' && v.length > MAX_PARAM_LENGTH && name !== 'client_id') throw new Error(`parameter ${name} is longer than ${MAX_PARAM_LENGTH} characters`);
  if (spec.enum && !spec.enum.includes(v as string)) throw new Error(`parameter ${name} must be one of ${spec.enum.join(', ')}, got ${shown(value)}`);
  return v as Scalar;
}

function resolveParams(def: ProviderStateDefinition, given: Record<string, unknown>, ownClient: boolean) {
  const out: Record<string, Scalar | undefined> = {};
  for (const name of Object.keys(given)) {
    if (!(name in def.params) && !(name === 'client_id' && !ownClient)) {
      throw new Error(`unknown parameter ${name.length > 60 ? `${name.slice(0, 60)}…` : name}; this state takes ${[...Object.keys(def.params), ...(ownClient ? [] : ['client_id'])].join(', ')}`);
    }
  }
  for (const [name, spec] of Object.entries(def.params)) {
    const value = given[name];
    out[name] = value === undefined || value === null ? spec.default : coerce(name, spec, value);
  }
  return out;
}

const noState = define({ description: 'no provider state', params: {}, setup: () => ({}), teardown: RESTORES });

/**
 * Applies state changes to a store. Setup is all-or-nothing (a failing state leaves the tenant as
 * it was); teardown restores each tenant to the snapshot taken before the interaction's first setup.
 */
export class ProviderStateRunner {
  private readonly before = new Map<Tenant, TenantSnapshot>();

  constructor(
    private readonly store: Store,
    private readonly tokenTtl: number,
    private readonly maxClients: number,
  ) {}

  apply(change: ProviderStateChange): StateValues {
    const action = change.action ?? 'setup';
    const session = this.store.verification;
    if (action === 'setup') session.settingUp(change.state);
    try {
      return this.run(change, action);
    } catch (err) {
      session.failed(change.state, action, (err as Error).message);
      throw err;
    }
  }

  private run(change: ProviderStateChange, action: 'setup' | 'teardown'): StateValues {
    // Verifiers send an unnamed state for interactions without one: the default tenant, nothing made.
    if (!change.state) return action === 'teardown' ? this.teardown() : this.setup(noState, {});
    const named = change.state.length > 100 ? `${change.state.slice(0, 100)}…` : change.state;
    const def = Object.hasOwn(providerStates, change.state)
      ? providerStates[change.state]
      : fail('format', { reason: `unknown provider state "${named}"; known states: ${knownStates()}` });
    try {
      return action === 'setup' ? this.setup(def, change.params ?? {}) : this.teardown();
    } catch (err) {
      return fail('format', { reason: `provider state "${named}" (${action}) failed: ${(err as Error).message}` });
    }
  }

  private setup(def: ProviderStateDefinition, given: Record<string, unknown>): StateValues {
    const ownClient = def.ownClient === true;
    const params = resolveParams(def, given, ownClient || def.noTenant === true);
    // A state about tokens only: no tenant, and the one unknown tokens stand for stays.
    if (def.noTenant) return def.setup({ store: this.store, maxClients: this.maxClients, clientId: '', ctx: () => fail('internal') }, params as never);
    if (!ownClient && given.client_id !== undefined && typeof given.client_id !== 'string') {
      throw new Error(`parameter client_id must be a string, got ${shown(given.client_id)}`);
    }
    const clientId = String((ownClient ? params.client_id : given.client_id) ?? DEFAULT_CLIENT);
    const tenant = this.store.tenant(clientId);
    const snapshot = tenant?.snapshot();
    if (tenant) this.store.verification.changing(tenant);
    if (tenant && snapshot && !this.before.has(tenant)) this.before.set(tenant, snapshot);
    const scope: StateScope = {
      store: this.store,
      maxClients: this.maxClients,
      clientId,
      ctx: () => ({
        tenant: tenant ?? fail('notFound', { object: 'client', id: `${clientId} (set it up with "a client with credentials" first)` }),
        baseUrl: '',
      }),
    };
    try {
      const values = def.setup(scope, params as never);
      const owner = this.store.tenant(clientId);
      this.store.verification.setUp(owner);
      // The unnamed state of a scenario without the default client: nothing to give.
      if (!owner) return values;
      return { client_id: clientId, ...values, token: this.store.issueAccessToken(owner, this.tokenTtl) };
    } catch (err) {
      if (tenant && snapshot) tenant.restore(snapshot);
      throw err;
    }
  }

  private teardown(): StateValues {
    for (const [tenant, snapshot] of this.before) tenant.restore(snapshot);
    this.before.clear();
    this.store.verification.tornDown(this.store.tenant(DEFAULT_CLIENT));
    return {};
  }
}
