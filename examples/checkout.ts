// A shop's checkout against secuconnect, as an integration would write it: pays a cart by SEPA
// direct debit from the customer's stored bank account (a payment container) and returns the
// order's payment status. examples/checkout.test.ts tests it against the mock, without a server.

export interface Cart {
  orderId: string;
  items: { sku: string; name: string; quantity: number; unitPrice: number }[]; // unitPrice in cents
}

export interface Payer {
  customerId: string; // PCU_… stored when the customer signed up
  containerId: string; // PCT_… their bank account, stored likewise
}

export interface SecuconnectConfig {
  baseUrl?: string;
  clientId: string;
  clientSecret: string;
}

export interface Payment {
  orderId: string;
  transactionId: string; // STX_…
  status: string; // the Smart Transaction's status: `ok` when the debit was accepted, `failed` when declined
}

export async function checkout(cart: Cart, payer: Payer, config: SecuconnectConfig): Promise<Payment> {
  const base = config.baseUrl ?? 'https://connect-testing.secuconnect.com';
  const call = async (path: string, init: RequestInit) => {
    const res = await fetch(base + path, init);
    const body = await res.json();
    if (!res.ok) throw new Error(`secuconnect ${init.method} ${path}: ${res.status} ${body.error_user ?? body.error_description ?? body.error}`);
    return body;
  };

  const { access_token } = await call('/oauth/token', {
    method: 'POST',
    body: new URLSearchParams({ grant_type: 'client_credentials', client_id: config.clientId, client_secret: config.clientSecret }),
  });
  const api = (path: string, body?: unknown) =>
    call(`/api/v2${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${access_token}`, 'content-type': 'application/json' },
      body: JSON.stringify(body ?? {}),
    });

  const products = cart.items.map((item, i) => ({
    id: i + 1,
    item_type: 'article',
    articleNumber: item.sku,
    desc: item.name,
    quantity: item.quantity,
    priceOne: item.unitPrice,
    sum: item.quantity * item.unitPrice,
  }));
  const sum = products.reduce((total, p) => total + p.sum, 0);
  const stx = await api('/Smart/Transactions', {
    merchantRef: cart.orderId,
    transactionRef: `Order ${cart.orderId}`,
    customer: { id: payer.customerId },
    basket: { products },
    basket_info: { sum, currency: 'EUR' },
  });
  const prepared = await api(`/Smart/Transactions/${stx.id}/prepare/debit`, { container: { id: payer.containerId } });
  if (prepared.status !== 'approved') return { orderId: cart.orderId, transactionId: stx.id, status: prepared.status };
  const started = await api(`/Smart/Transactions/${stx.id}/start/debit`);
  return { orderId: cart.orderId, transactionId: stx.id, status: started.status };
}
