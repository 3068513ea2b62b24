// A small typed secuconnect client, written the way a shop would: only the calls and fields it
// uses, its own types, no dependency on the mock. Its PactV4 tests describe what it expects.

export interface Token {
  access_token: string;
  expires_in: number;
  token_type: string;
  scope?: string;
}

export interface Ref {
  object: string;
  id: string;
}

export type SmartTransactionStatus = 'created' | 'approved' | 'pending' | 'ok' | 'received' | 'shipped' | 'failed' | 'cancelled';

export interface SmartTransaction extends Ref {
  status: SmartTransactionStatus;
  created: string;
  basket_info?: { sum: number; currency: string };
  customer?: Ref;
  container?: Ref & { type?: string };
  transactions?: (Ref & { trans_id?: string })[];
  subscription?: Ref;
  iframe_url?: string;
  payment_method?: string;
}

export interface NewSmartTransaction {
  customer?: { id: string };
  container?: { id: string };
  basket?: { products: { item_type: string; plan_id?: string; desc: string; quantity: number; priceOne: number; sum: number }[] };
  basket_info: { sum: number; currency: string };
  transactionRef?: string;
  merchantRef?: string;
  payment_context?: {
    auto_capture?: boolean;
    /** Recurring payments: later payments are merchant-initiated and name the first (cit_reference). */
    merchant_initiated?: boolean;
    mit_instructions?: { type: 'cit' | 'mit'; standing_instruction?: 'recurring' | 'ucof'; recurring_expiry?: string; recurring_frequency?: number; cit_reference?: string };
    container_instructions?: { request_token: boolean };
  };
}

export interface PaymentTransaction extends Ref {
  amount: number;
  currency: string;
  status: number;
  status_text?: string;
}

export interface Subscription extends Ref {
  status: 'approved' | 'active' | 'suspended' | 'cancelled' | 'completed';
  plan: Ref;
  smart_transaction: Ref;
}

/** The secuconnect error envelope, as an exception. */
export class SecuconnectError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly code: number | undefined,
    readonly supportId: string | undefined,
    details: string,
  ) {
    super(`${status} ${error}: ${details}`);
  }
}

export interface ClientOptions {
  baseUrl: string;
  clientId?: string;
  clientSecret?: string;
  /** A token obtained elsewhere; without one the client asks /oauth/token with its credentials. */
  token?: string;
}

export class SecuconnectClient {
  private token: string | undefined;

  constructor(private readonly options: ClientOptions) {
    this.token = options.token;
  }

  async fetchToken(): Promise<Token> {
    const res = await fetch(`${this.options.baseUrl}/oauth/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ grant_type: 'client_credentials', client_id: this.options.clientId, client_secret: this.options.clientSecret }),
    });
    const body = (await res.json()) as Token & { error?: string; error_description?: string };
    if (!res.ok) throw new SecuconnectError(res.status, body.error ?? 'oauth', undefined, undefined, body.error_description ?? '');
    this.token = body.access_token;
    return body;
  }

  createSmartTransaction(dto: NewSmartTransaction): Promise<SmartTransaction> {
    return this.call('POST', '/Smart/Transactions', dto);
  }

  getSmartTransaction(id: string): Promise<SmartTransaction> {
    return this.call('GET', `/Smart/Transactions/${id}`);
  }

  prepare(id: string, method: string, body: { container?: { id: string } } = {}): Promise<SmartTransaction> {
    return this.call('POST', `/Smart/Transactions/${id}/prepare/${method}`, body);
  }

  start(id: string, method: string): Promise<SmartTransaction> {
    return this.call('POST', `/Smart/Transactions/${id}/start/${method}`, {});
  }

  cancel(id: string): Promise<SmartTransaction> {
    return this.call('POST', `/Smart/Transactions/${id}/cancel`, {});
  }

  /** Refunds (after capture) or lowers (before) a payment; all of what is left without an amount. */
  refund(paymentTransactionId: string, amount?: number): Promise<PaymentTransaction[]> {
    return this.call('POST', `/Payment/Transactions/${paymentTransactionId}/cancel`, amount === undefined ? {} : { reduce_amount_by: amount });
  }

  getSubscription(id: string): Promise<Subscription> {
    return this.call('GET', `/Payment/Subscriptions/${id}`);
  }

  private async call<T>(method: string, path: string, body?: unknown): Promise<T> {
    if (!this.token && this.options.clientId) await this.fetchToken();
    const headers: Record<string, string> = { accept: 'application/json' };
    if (this.token) headers.authorization = `Bearer ${this.token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${this.options.baseUrl}/api/v2${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const json = (await res.json()) as T & { status?: unknown; error?: string; error_details?: string; code?: number; supportId?: string };
    if (!res.ok) throw new SecuconnectError(res.status, json.error ?? 'error', json.code, json.supportId, json.error_details ?? '');
    return json;
  }
}
