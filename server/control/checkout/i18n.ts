// The words of the hosted checkout in the payer's language: German (the default, as secupay's
// checkout) and English, chosen by the transaction's application_context.language (or
// iframe_opts.language); pages without a transaction (an unknown link) follow Accept-Language.
import type { SMART_TRANSACTION_STATUSES } from '../../schemas/smart-transactions.js';
import type { SmartTransactionEntity } from '../../store/entities.js';
import { html, type Html } from '../html.js';

export type Lang = 'de' | 'en';

const de = {
  title: 'Bezahlen',
  testMode: 'Testumgebung: es wird kein Geld bewegt.',
  merchant: 'Händler',
  basket: 'Warenkorb',
  article: 'Artikel',
  quantity: 'Menge',
  price: 'Preis',
  lineTotal: 'Summe',
  total: 'Gesamtbetrag',
  reference: 'Referenz',
  chooseMethod: 'Zahlungsart wählen',
  next: 'Weiter',
  change: 'Andere Zahlungsart',
  cancel: 'Abbrechen',
  backToShop: 'Zurück zum Shop',
  pay: 'Jetzt zahlen',
  cardNumber: 'Kartennummer',
  cardExpiry: 'Gültig bis (MM/JJ)',
  cardCvc: 'Prüfnummer (CVC)',
  cardHolder: 'Karteninhaber',
  testCards: 'Testkarten',
  testIbans: 'Test-IBANs',
  owner: 'Kontoinhaber',
  iban: 'IBAN',
  mandateTitle: 'SEPA-Lastschriftmandat',
  mandateText:
    'Ich ermächtige {merchant} (Gläubiger-ID {creditor}), Zahlungen von meinem Konto mittels Lastschrift einzuziehen. Zugleich weise ich mein Kreditinstitut an, die auf mein Konto gezogenen Lastschriften einzulösen. Hinweis: Ich kann innerhalb von acht Wochen, beginnend mit dem Belastungsdatum, die Erstattung des belasteten Betrages verlangen. Es gelten dabei die mit meinem Kreditinstitut vereinbarten Bedingungen.',
  mandateAccept: 'Ich erteile das SEPA-Lastschriftmandat.',
  payDebit: 'Zahlungspflichtig per Lastschrift bezahlen',
  consentTitle: '{provider}: Zahlung bestätigen',
  consentText: 'Sie sind angemeldet als {account}. {merchant} bittet um die Zahlung von {amount}.',
  approve: 'Zustimmen und zahlen',
  decline: 'Ablehnen',
  providerStandIn: 'Diese Seite steht für die Seite von {provider}.',
  prepaidIntro: 'Sie überweisen den Betrag nach der Bestellung. Die Ware wird versandt, sobald die Zahlung eingegangen ist.',
  prepaidOrder: 'Zahlungspflichtig bestellen',
  invoiceIntro: 'Sie erhalten die Ware zuerst und bezahlen die Rechnung innerhalb von 14 Tagen.',
  invoiceOrder: 'Zahlungspflichtig auf Rechnung kaufen',
  bankDetails: 'Bitte überweisen Sie {amount}',
  bankDetailsIntro: 'Geben Sie den Verwendungszweck genau so an, damit Ihre Zahlung zugeordnet werden kann.',
  recipient: 'Empfänger',
  bic: 'BIC',
  bank: 'Bank',
  amount: 'Betrag',
  purpose: 'Verwendungszweck',
  girocode: 'GiroCode: mit der Banking-App scannen',
  girocodeAlt: 'GiroCode für die Überweisung von {amount}',
  continueToShop: 'Weiter zum Shop',
  challengeText: 'Ihre Bank bittet Sie, die Zahlung von {amount} mit der Karte mit Endziffern {card} zu bestätigen.',
  yourBank: 'Ihre Bank',
  challengeComplete: 'Authentifizierung abschließen',
  challengeFail: 'Authentifizierung ablehnen',
  approvedTitle: 'Vielen Dank, Ihre Zahlung ist genehmigt',
  declinedTitle: 'Zahlung abgelehnt',
  abortedTitle: 'Zahlung abgebrochen',
  cancelledTitle: 'Zahlung nicht ausgeführt',
  doneTitle: 'Dieser Bezahlvorgang ist abgeschlossen',
  done: 'Diese Zahlung wartet nicht mehr auf Sie.',
  tryAgain: 'Bitte versuchen Sie es erneut oder wählen Sie eine andere Zahlungsart.',
  retry: 'Erneut versuchen',
  statusLine: 'Status: {status}',
  errorTitle: 'Diese Seite ist nicht verfügbar',
  notFound: 'Dieser Bezahllink ist ungültig oder abgelaufen. Bitte kehren Sie zum Shop zurück.',
  notAllowed: 'Dieser Schritt ist für diese Zahlung nicht mehr möglich.',
  badInput: 'Die Eingabe konnte nicht verarbeitet werden. Bitte prüfen Sie Ihre Angaben.',
  fixFields: 'Bitte prüfen Sie die markierten Felder.',
  'problem.required': 'Bitte ausfüllen.',
  'problem.format': 'Das Format stimmt nicht.',
  'problem.luhn': 'Diese Kartennummer ist ungültig (Prüfziffer).',
  'problem.expired': 'Diese Karte ist abgelaufen.',
  'problem.iban': 'Diese IBAN ist ungültig.',
  'problem.mandate': 'Bitte erteilen Sie das Mandat.',
  'reason.decline': 'Die Karte wurde abgelehnt',
  'reason.insufficient_funds': 'Das Konto ist nicht ausreichend gedeckt',
  'reason.challenge_failed': 'Die 3-D-Secure-Authentifizierung ist fehlgeschlagen',
  'reason.mandate_refused': 'Die Bank hat das Lastschriftmandat abgelehnt',
  'reason.declined': 'Die Zahlung wurde abgelehnt',
  'method.creditcard': 'Kreditkarte',
  'method.debit': 'SEPA-Lastschrift',
  'method.paypal': 'PayPal',
  'method.prepaid': 'Vorkasse (Überweisung)',
  'method.invoice': 'Kauf auf Rechnung',
  'method.sofort': 'Sofort',
  'method.easycredit': 'Ratenkauf by easyCredit',
  'method.giropay': 'giropay',
  'method.eps': 'eps-Überweisung',
  'hint.creditcard': 'Visa, Mastercard, American Express',
  'hint.debit': 'Bequem vom Girokonto',
  'hint.paypal': 'Weiter zu PayPal',
  'hint.prepaid': 'Überweisung vor dem Versand',
  'hint.invoice': 'Zahlung nach Erhalt der Ware',
  'hint.sofort': 'Weiter zu Ihrer Bank',
} as const;

export type Key = keyof typeof de;
export type Strings = Record<Key, string>;

const en: Strings = {
  title: 'Payment',
  testMode: 'Test environment: no money is moved.',
  merchant: 'Merchant',
  basket: 'Basket',
  article: 'Item',
  quantity: 'Qty',
  price: 'Price',
  lineTotal: 'Total',
  total: 'Total amount',
  reference: 'Reference',
  chooseMethod: 'Choose a payment method',
  next: 'Continue',
  change: 'Other payment method',
  cancel: 'Cancel',
  backToShop: 'Back to the shop',
  pay: 'Pay now',
  cardNumber: 'Card number',
  cardExpiry: 'Expiry date (MM/YY)',
  cardCvc: 'Security code (CVC)',
  cardHolder: 'Cardholder',
  testCards: 'Test cards',
  testIbans: 'Test IBANs',
  owner: 'Account holder',
  iban: 'IBAN',
  mandateTitle: 'SEPA Direct Debit mandate',
  mandateText:
    'By accepting this mandate, I authorise {merchant} (creditor ID {creditor}) to send instructions to my bank to debit my account, and my bank to debit my account in accordance with those instructions. I am entitled to a refund from my bank under the terms and conditions of my agreement with my bank; a refund must be claimed within eight weeks starting from the date on which my account was debited.',
  mandateAccept: 'I accept the SEPA Direct Debit mandate.',
  payDebit: 'Pay by direct debit',
  consentTitle: '{provider}: confirm your payment',
  consentText: 'You are logged in as {account}. {merchant} asks you to pay {amount}.',
  approve: 'Approve and pay',
  decline: 'Decline',
  providerStandIn: 'This page stands in for the page of {provider}.',
  prepaidIntro: 'You transfer the amount after ordering. The goods are shipped once your payment has arrived.',
  prepaidOrder: 'Place order',
  invoiceIntro: 'You receive the goods first and pay the invoice within 14 days.',
  invoiceOrder: 'Buy on invoice',
  bankDetails: 'Please transfer {amount}',
  bankDetailsIntro: 'Use exactly this payment reference so that your payment can be matched.',
  recipient: 'Recipient',
  bic: 'BIC',
  bank: 'Bank',
  amount: 'Amount',
  purpose: 'Payment reference',
  girocode: 'GiroCode: scan with your banking app',
  girocodeAlt: 'GiroCode for the transfer of {amount}',
  continueToShop: 'Continue to the shop',
  challengeText: 'Your bank asks you to confirm the payment of {amount} with the card ending in {card}.',
  yourBank: 'Your bank',
  challengeComplete: 'Complete authentication',
  challengeFail: 'Fail authentication',
  approvedTitle: 'Thank you, your payment is approved',
  declinedTitle: 'Payment declined',
  abortedTitle: 'Payment aborted',
  cancelledTitle: 'Payment not made',
  doneTitle: 'This payment is complete',
  done: 'This payment is no longer waiting for you.',
  tryAgain: 'Please try again or choose another payment method.',
  retry: 'Try again',
  statusLine: 'Status: {status}',
  errorTitle: 'This page is not available',
  notFound: 'This payment link is invalid or has expired. Please return to the shop.',
  notAllowed: 'This step is no longer possible for this payment.',
  badInput: 'Your input could not be processed. Please check your details.',
  fixFields: 'Please check the marked fields.',
  'problem.required': 'Please fill in.',
  'problem.format': 'The format is not right.',
  'problem.luhn': 'This card number is not valid (check digit).',
  'problem.expired': 'This card has expired.',
  'problem.iban': 'This IBAN is not valid.',
  'problem.mandate': 'Please accept the mandate.',
  // Lower case: the scripts' and tests' wording since the first page; CSS capitalises it on screen.
  'reason.decline': 'the card was declined',
  'reason.insufficient_funds': 'insufficient funds',
  'reason.challenge_failed': '3-D Secure authentication failed',
  'reason.mandate_refused': 'the bank refused the direct debit mandate',
  'reason.declined': 'the payment was declined',
  'method.creditcard': 'Credit card',
  'method.debit': 'SEPA direct debit',
  'method.paypal': 'PayPal',
  'method.prepaid': 'Advance payment (bank transfer)',
  'method.invoice': 'Invoice',
  'method.sofort': 'Sofort',
  'method.easycredit': 'Instalments by easyCredit',
  'method.giropay': 'giropay',
  'method.eps': 'eps bank transfer',
  'hint.creditcard': 'Visa, Mastercard, American Express',
  'hint.debit': 'From your current account',
  'hint.paypal': 'Continue to PayPal',
  'hint.prepaid': 'Bank transfer before shipping',
  'hint.invoice': 'Pay after receiving the goods',
  'hint.sofort': 'Continue to your bank',
};

const STRINGS: Record<Lang, Strings> = { de, en };

/** `de`, `de_DE`, `en-GB`, `EN` …: English for `en*`, German for everything else. */
export const langOf = (tag: string | undefined): Lang => (/^en\b|^en[_-]/i.test(tag?.trim() ?? '') ? 'en' : 'de');

export function languageOfTransaction(stx: SmartTransactionEntity): Lang {
  const context = stx.application_context;
  return langOf(context?.language ?? context?.iframe_opts?.language);
}

/** The first of the payer's Accept-Language we speak, else German. */
export function languageOfBrowser(acceptLanguage: string | undefined): Lang {
  for (const part of (acceptLanguage ?? '').split(',')) {
    const tag = part.split(';')[0]!.trim().toLowerCase();
    if (tag.startsWith('en')) return 'en';
    if (tag.startsWith('de')) return 'de';
  }
  return 'de';
}

export type Translate = (key: Key, values?: Record<string, string>) => string;

/** The strings of `lang`, with `{name}` placeholders filled in (the caller's html template escapes them). */
export function translator(lang: Lang): Translate {
  const table = STRINGS[lang];
  return (key, values) => table[key].replace(/\{(\w+)\}/g, (m, name: string) => values?.[name] ?? m);
}

/** Amounts in cents as the payer reads them: `84,00 EUR` in German, `84.00 EUR` in English. */
export function money(cents: number | undefined, currency: string | undefined, lang: Lang): string {
  const value = ((cents ?? 0) / 100).toFixed(2);
  const [whole, fraction] = value.split('.') as [string, string];
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, lang === 'de' ? '.' : ',');
  return `${grouped}${lang === 'de' ? ',' : '.'}${fraction} ${currency ?? 'EUR'}`;
}

export const methodKey = (method: string): Key | undefined => (Object.hasOwn(de, `method.${method}`) ? (`method.${method}` as Key) : undefined);
export const hintKey = (method: string): Key | undefined => (Object.hasOwn(de, `hint.${method}`) ? (`hint.${method}` as Key) : undefined);

/** A translated string whose `{name}` placeholders are markup: the text around them is escaped. */
export function withMarkup(template: string, values: Record<string, Html>): Html {
  const parts = template.split(/\{(\w+)\}/);
  return html`${parts.map((part, i) => (i % 2 ? (values[part] ?? `{${part}}`) : part))}`;
}

type Status = (typeof SMART_TRANSACTION_STATUSES)[number];

/** A Smart Transaction's status as the payer reads it (the API's word in brackets for the developer). */
const STATUS_WORDS: Record<Status, Record<Lang, string>> = {
  created: { de: 'offen', en: 'open' },
  processing: { de: 'in Bearbeitung', en: 'processing' },
  approved: { de: 'genehmigt', en: 'approved' },
  pending: { de: 'Zahlung erwartet', en: 'awaiting payment' },
  ok: { de: 'bezahlt', en: 'paid' },
  received: { de: 'bezahlt', en: 'paid' },
  shipped: { de: 'versandt', en: 'shipped' },
  collection: { de: 'zur Abholung', en: 'ready for collection' },
  collected: { de: 'abgeholt', en: 'collected' },
  failed: { de: 'nicht bezahlt', en: 'not paid' },
  cancelled: { de: 'storniert', en: 'cancelled' },
};

export const statusWord = (status: string, lang: Lang): string =>
  Object.hasOwn(STATUS_WORDS, status) ? STATUS_WORDS[status as Status][lang] : status;
