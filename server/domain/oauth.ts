// POST /oauth/token: the grants a shop integration uses. Errors here follow RFC 6749
// ({error, error_description}, HTTP 400), not the product envelope — as the real endpoint answers.
import type { Store } from '../store/store.js';

export const SCOPE = 'https://scope.secucard.com/e/api';

export const oauthErrors = {
  invalid_client: 'The client credentials are invalid',
  invalid_grant: 'The refresh token is invalid',
  unsupported_grant_type: 'The grant type is not supported: use client_credentials or refresh_token',
  invalid_request: 'The request is missing a required parameter or is malformed',
} as const;

export class OAuthError extends Error {
  readonly status = 400;
  constructor(
    readonly error: keyof typeof oauthErrors,
    description: string = oauthErrors[error],
  ) {
    super(description);
  }
}

export interface TokenRequest {
  grant_type?: unknown;
  client_id?: unknown;
  client_secret?: unknown;
  refresh_token?: unknown;
}

export function grantToken(store: Store, body: TokenRequest | undefined, ttlSeconds: number) {
  if (!body || typeof body !== 'object' || body.grant_type === undefined) throw new OAuthError('invalid_request');
  const tenant = store.authenticate(body.client_id, body.client_secret);
  switch (body.grant_type) {
    case 'client_credentials':
      break;
    case 'refresh_token': {
      if (body.refresh_token === undefined) throw new OAuthError('invalid_request');
      if (tenant && store.tenantForRefreshToken(body.refresh_token) !== tenant) throw new OAuthError('invalid_grant');
      break;
    }
    default:
      throw new OAuthError('unsupported_grant_type');
  }
  if (!tenant) throw new OAuthError('invalid_client');
  return {
    access_token: store.issueAccessToken(tenant, ttlSeconds),
    expires_in: ttlSeconds,
    token_type: 'bearer' as const,
    scope: SCOPE,
  };
}
