// The one catalogue of errors the mock answers with. Each entry fixes the HTTP status, the
// secuconnect exception name, the numeric code and the English/German messages; `docs/errors.md`
// is kept complete by a test. Codes outside 2003 (the documented "Valid auth token required") are
// our choice: the public reference lists only the families (1xxx internal, 2xxx auth).

type Params = Record<string, string | number>;

interface CatalogueEntry {
  status: number;
  exception: string;
  code: number;
  details: (p: Params) => string;
  user: string;
}

export const errorCatalogue = {
  tokenRequired: {
    status: 403,
    exception: 'ProductNotAllowedException',
    code: 2003,
    details: () => 'Valid auth token required',
    user: 'Gültiges Authentifizierungs-Token erforderlich',
  },
  adminTokenRequired: {
    status: 403,
    exception: 'ProductNotAllowedException',
    code: 2011,
    details: () => 'Admin token required: the control plane of a mock reachable from the network needs it',
    user: 'Für die Steuerung des Mocks ist das Admin-Token erforderlich.',
  },
  crossSite: {
    status: 403,
    exception: 'ProductNotAllowedException',
    code: 2010,
    details: (p) => `Cross-site request refused: ${p.reason}`,
    user: 'Anfragen anderer Webseiten an die Steuerung des Mocks sind nicht erlaubt.',
  },
  notFound: {
    status: 404,
    exception: 'ProductNotFoundException',
    code: 3001,
    details: (p) => `Data not found: ${p.object} ${p.id}`,
    user: 'Die angeforderten Daten wurden nicht gefunden.',
  },
  routeNotFound: {
    status: 404,
    exception: 'ProductNotFoundException',
    code: 3002,
    details: (p) => `Unknown API route: ${p.method} ${p.url}`,
    user: 'Die angeforderte Schnittstelle existiert nicht.',
  },
  format: {
    status: 400,
    exception: 'ProductFormatException',
    code: 4001,
    details: (p) => `Invalid request: ${p.reason}`,
    user: 'Die Anfrage ist ungültig.',
  },
  malformedJson: {
    status: 400,
    exception: 'ProductFormatException',
    code: 4002,
    details: (p) => `Malformed JSON body: ${p.reason}`,
    user: 'Die Anfrage enthält kein gültiges JSON.',
  },
  noPayload: {
    status: 400,
    exception: 'ProductFormatException',
    code: 4003,
    details: () => 'no payload',
    user: 'Die Anfrage enthält keine Daten.',
  },
  bodyTooLarge: {
    status: 413,
    exception: 'ProductFormatException',
    code: 4004,
    details: (p) => `Request body larger than ${p.limit} bytes`,
    user: 'Die Anfrage ist zu groß.',
  },
  requestTimeout: {
    status: 408,
    exception: 'ProductFormatException',
    code: 4006,
    details: (p) => `Request not received in time: the whole request must arrive within ${p.limit} ms`,
    user: 'Die Anfrage kam nicht rechtzeitig an.',
  },
  headersTooLarge: {
    status: 431,
    exception: 'ProductFormatException',
    code: 4007,
    details: () => 'Request headers too large',
    user: 'Die Kopfzeilen der Anfrage sind zu groß.',
  },
  badHttp: {
    status: 400,
    exception: 'ProductFormatException',
    code: 4008,
    details: () => 'Malformed HTTP request',
    user: 'Die Anfrage ist ungültig.',
  },
  unsupportedMediaType: {
    status: 415,
    exception: 'ProductFormatException',
    code: 4005,
    details: (p) => `Unsupported Content-Type: ${p.contentType}`,
    user: 'Das Datenformat der Anfrage wird nicht unterstützt.',
  },
  invalidIban: {
    status: 400,
    exception: 'ProductFormatException',
    code: 4010,
    details: (p) => `Invalid IBAN: ${p.iban}`,
    user: 'Die IBAN ist ungültig.',
  },
  limitReached: {
    status: 400,
    exception: 'ProductFormatException',
    code: 4020,
    details: (p) => String(p.reason),
    user: 'Der Mock kann für diesen Zugang keine weiteren Daten speichern.',
  },
  storageUnavailable: {
    status: 503,
    exception: 'ProductInternalException',
    code: 1003,
    details: (p) => String(p.reason ?? 'The change could not be written to the data dir; it is not durable'),
    user: 'Der Dienst ist vorübergehend nicht verfügbar.',
  },
  illegalTransition: {
    status: 400,
    exception: 'ProductNotAllowedException',
    code: 5001,
    details: (p) => `Action ${p.action} not allowed: ${p.object} ${p.id} has status ${p.status}`,
    user: 'Diese Aktion ist im aktuellen Status nicht erlaubt.',
  },
  notAllowed: {
    status: 400,
    exception: 'ProductNotAllowedException',
    code: 5002,
    details: (p) => `Not allowed: ${p.reason}`,
    user: 'Diese Aktion ist nicht erlaubt.',
  },
  duplicate: {
    status: 409,
    exception: 'ProductDuplicateException',
    code: 5003,
    details: (p) => `Duplicate: ${p.reason}`,
    user: 'Diese Daten existieren bereits.',
  },
  injectedFault: {
    status: 503,
    exception: 'ProductInternalException',
    code: 1002,
    details: (p) => `Service unavailable (injected fault: ${p.reason})`,
    user: 'Der Dienst ist vorübergehend nicht verfügbar. Bitte versuchen Sie es später erneut.',
  },
  rateLimited: {
    status: 429,
    exception: 'ProductNotAllowedException',
    code: 2012,
    details: (p) => `Too many requests: retry after ${p.seconds} seconds (injected fault: ${p.reason})`,
    user: 'Zu viele Anfragen. Bitte versuchen Sie es später erneut.',
  },
  internal: {
    status: 500,
    exception: 'ProductInternalException',
    code: 1001,
    details: () => 'Internal error',
    user: 'Ein interner Fehler ist aufgetreten.',
  },
} as const satisfies Record<string, CatalogueEntry>;

export type ErrorName = keyof typeof errorCatalogue;

/** A catalogued error; the error handler renders it as the secuconnect envelope. */
export class MockError extends Error {
  readonly entry: CatalogueEntry;
  constructor(
    readonly errorName: ErrorName,
    params: Params = {},
  ) {
    const entry: CatalogueEntry = errorCatalogue[errorName];
    super(entry.details(params));
    this.entry = entry;
  }
}

export const fail = (name: ErrorName, params?: Params): never => {
  throw new MockError(name, params);
};
