// The GiroCode of an advance payment: the EPC069-12 payload ("BCD" … a SEPA credit transfer) that
// a banking app reads, as text or as the QR image the payer scans (error correction M, as the
// standard asks).
import type { SmartTransactionEntity } from '../../store/entities.js';

type Instructions = NonNullable<SmartTransactionEntity['payment_instructions']>;

/** EPC069-12 version 002, UTF-8: BIC, name (≤ 70), IBAN, EUR amount (none for 0), unstructured purpose (≤ 140). */
export function girocodePayload(stx: SmartTransactionEntity, p: Instructions): string {
  const cents = stx.basket_info?.sum ?? 0;
  const amount = cents > 0 ? `EUR${(cents / 100).toFixed(2)}` : '';
  return ['BCD', '002', '1', 'SCT', p.bic ?? '', (p.owner ?? '').slice(0, 70), p.iban ?? '', amount, '', '', (p.purpose ?? '').slice(0, 140)].join('\n');
}

/** The GiroCode is only defined for euro transfers. */
export const hasGirocode = (stx: SmartTransactionEntity) => (stx.basket_info?.currency ?? 'EUR') === 'EUR';

// Loaded on the first image: the server's start does not pay for the QR encoder.
const encoder = () => import('qrcode').then((m) => m.default);

export const girocodePng = async (payload: string): Promise<Buffer> =>
  (await encoder()).toBuffer(payload, { type: 'png', errorCorrectionLevel: 'M', margin: 4, scale: 6 });

export const girocodeSvg = async (payload: string): Promise<string> =>
  (await encoder()).toString(payload, { type: 'svg', errorCorrectionLevel: 'M', margin: 4 });
