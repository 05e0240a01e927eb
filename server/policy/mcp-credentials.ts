/**
 * The upstream credentials each `auth_type` needs: `bearer` a token, `api_key` a token (sent in `auth_header`, default
 * X-API-Key), `basic` a username and password, `none` nothing. A missing one is `422 validation_error` naming the field,
 * and so is an `auth_header` the contract refuses (see upstream-header-name.ts). Fields another auth type would use are
 * not kept.
 */
import type { UpstreamCredentials } from '../gateway/types.js';
import { ApiError } from '../http/errors.js';
import type { AuthType } from '../store/types.js';
import { refusedHeaderReason } from './upstream-header-name.js';

export interface CredentialFields {
  auth_token?: string;
  auth_header?: string;
  auth_username?: string;
  auth_password?: string;
}

export const CREDENTIAL_FIELDS = ['auth_token', 'auth_header', 'auth_username', 'auth_password'] as const;

const REQUIRED: Readonly<Record<AuthType, readonly (keyof CredentialFields)[]>> = {
  none: [],
  bearer: ['auth_token'],
  api_key: ['auth_token'],
  basic: ['auth_username', 'auth_password'],
};

export function touchesCredentials(body: CredentialFields & { auth_type?: AuthType }): boolean {
  return body.auth_type !== undefined || CREDENTIAL_FIELDS.some((field) => body[field] !== undefined);
}

/** `422 validation_error` when `header` may not carry a credential (#/components/schemas/UpstreamHeaderName). */
export function assertAllowedAuthHeader(header: string | undefined): void {
  const reason = header === undefined ? undefined : refusedHeaderReason(header);
  if (reason === undefined) return;
  throw new ApiError('validation_error', `auth_header ${header} is refused: ${reason}`, {
    auth_header: `${reason}; choose another name (refused names: UpstreamHeaderName in openapi.yaml)`,
  });
}

/** The credentials to encrypt for `authType`, or null for `none`. */
export function credentialsFor(authType: AuthType, fields: CredentialFields): UpstreamCredentials | null {
  assertAllowedAuthHeader(fields.auth_header);
  const missing = REQUIRED[authType].filter((field) => !fields[field]);
  if (missing.length > 0) {
    const details = Object.fromEntries(missing.map((field) => [field, `is required when auth_type is ${authType}`]));
    throw new ApiError('validation_error', `auth_type ${authType} needs ${missing.join(' and ')}`, details);
  }
  switch (authType) {
    case 'none':
      return null;
    case 'bearer':
      return { token: fields.auth_token! };
    case 'api_key':
      return { token: fields.auth_token!, header: fields.auth_header ?? 'X-API-Key' };
    case 'basic':
      return { username: fields.auth_username!, password: fields.auth_password! };
  }
}

/** Stored credentials back into request fields, so an update can change one of them and keep the rest. */
export function fieldsOf(credentials: UpstreamCredentials | null): CredentialFields {
  if (!credentials) return {};
  const fields: CredentialFields = {};
  if (credentials.token !== undefined) fields.auth_token = credentials.token;
  if (credentials.header !== undefined) fields.auth_header = credentials.header;
  if (credentials.username !== undefined) fields.auth_username = credentials.username;
  if (credentials.password !== undefined) fields.auth_password = credentials.password;
  return fields;
}
