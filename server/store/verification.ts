// A Pact verification going on against the mock. Pact verifiers replay requests with the bearer
// tokens the consumer recorded, which the mock never issued; while a session is on, such a token
// stands for the tenant the current interaction's provider states were set up in. The session
// begins with the first provider-state change and ends with an explicit end or a full reset.
import type { Push } from './outbox.js';
import type { Tenant } from './tenant.js';

/** An error envelope the mock answered during the session, for the verification report. */
export interface AnsweredError {
  /** 1-based number of the interaction (of the session) it was answered in. */
  interaction: number;
  /** The provider states of that interaction. */
  states: string[];
  method: string;
  url: string;
  status: number;
  error: string;
  error_details: string;
}

/** A provider-state change the mock refused. */
export interface StateChangeError {
  interaction: number;
  state: string;
  action: string;
  error: string;
}

/** Kept per session at most; a runaway verification cannot grow memory forever. */
const MAX_RECORDED = 1000;
const MAX_REFUSED = 10_000;

export class VerificationSession {
  /** Read on the refused-token path of every API request: a plain field, nothing to compute. */
  active = false;
  private tenant: Tenant | undefined;
  private readonly refused = new Set<string>();
  /** Tokens the mock issued that expired during the session: refused for the whole session. */
  private readonly expiredOwn = new Set<string>();
  private interaction = 0;
  private states: string[] = [];
  /** Whether the next setup begins a new interaction: after a teardown or a failed setup, or
   * (verifiers that send no teardown) after the interaction's requests reached the mock. */
  private boundary = true;
  /** Per tenant the interaction's states changed, its newest push before the first of them (undefined: none). */
  private readonly pushMarks = new Map<Tenant, Push | undefined>();
  readonly errors: AnsweredError[] = [];
  readonly stateErrors: StateChangeError[] = [];

  /** A setup call arrived: begins the session, and a new interaction after a teardown. */
  settingUp(state: string): void {
    this.active = true;
    if (this.boundary) {
      this.interaction++;
      this.states = [];
      this.refused.clear();
      this.pushMarks.clear();
      this.boundary = false;
    }
    if (state && this.states.length < MAX_RECORDED) this.states.push(state);
  }

  /** A state is about to change `tenant`: the pushes after its newest one are the interaction's. */
  changing(tenant: Tenant): void {
    if (!this.pushMarks.has(tenant)) this.pushMarks.set(tenant, tenant.outbox.all().at(-1));
  }

  /** The setup succeeded; `tenant` (when the state has one) is what unknown tokens stand for now. */
  setUp(tenant: Tenant | undefined): void {
    if (!tenant) return;
    this.tenant = tenant;
    // A tenant the state made: every push it holds is the interaction's.
    if (!this.pushMarks.has(tenant)) this.pushMarks.set(tenant, undefined);
  }

  /**
   * The tenant of the interaction's states and the pushes they recorded, oldest first (a message
   * interaction's request: it ends the interaction like an API request does).
   */
  interactionPushes(): { tenant: Tenant; pushes: readonly Push[] } | undefined {
    this.boundary = true;
    const tenant = this.tenant;
    if (!tenant) return undefined;
    const all = tenant.outbox.all();
    if (!this.pushMarks.has(tenant)) return { tenant, pushes: [] };
    const mark = this.pushMarks.get(tenant);
    // A mark no longer held (a failed setup or a teardown emptied the outbox, the cap dropped it): all are newer.
    const from = mark ? all.indexOf(mark) + 1 : 0;
    return { tenant, pushes: all.slice(from) };
  }

  /** The verifier stops an interaction whose state failed (no teardown follows). */
  failed(state: string, action: string, error: string): void {
    if (this.stateErrors.length < MAX_RECORDED) this.stateErrors.push({ interaction: this.interaction, state, action, error });
    this.boundary = true;
  }

  /** Teardown: back to the default tenant, declared tokens forgotten. */
  tornDown(defaultTenant: Tenant | undefined): void {
    this.active = true;
    this.tenant = defaultTenant;
    this.boundary = true;
  }

  /** A provider state declares a token invalid or expired: refused until the interaction ends. */
  refuse(token: string): void {
    if (this.refused.size < MAX_REFUSED) this.refused.add(token);
  }

  expired(token: string): void {
    if (this.expiredOwn.size < MAX_REFUSED) this.expiredOwn.add(token);
  }

  /** The tenant a token the mock did not issue stands for, or undefined (refused). */
  tenantFor(token: string): Tenant | undefined {
    this.boundary = true;
    return this.refused.has(token) || this.expiredOwn.has(token) ? undefined : this.tenant;
  }

  answered(error: Omit<AnsweredError, 'interaction' | 'states'>): void {
    this.boundary = true;
    if (this.errors.length < MAX_RECORDED) this.errors.push({ interaction: this.interaction, states: [...this.states], ...error });
  }

  /** What the session saw, for a verifier's report. */
  summary() {
    return {
      active: this.active,
      client_id: this.tenant?.clientId,
      interactions: this.interaction,
      errors: this.errors,
      state_errors: this.stateErrors,
    };
  }

  end(): void {
    this.active = false;
    this.tenant = undefined;
    this.refused.clear();
    this.expiredOwn.clear();
    this.interaction = 0;
    this.states = [];
    this.pushMarks.clear();
    this.boundary = true;
    this.errors.length = 0;
    this.stateErrors.length = 0;
  }
}
