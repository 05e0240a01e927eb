import { error as validatorErrors } from 'express-openapi-validator';
import { describe, expect, it } from 'vitest';
import { toApiError } from './error-handler.js';
import { ApiError } from './errors.js';

const badRequest = (errors: { path: string; message: string }[]) =>
  new validatorErrors.BadRequest({ path: '/v1/x', message: 'bad', errors } as ConstructorParameters<
    typeof validatorErrors.BadRequest
  >[0]);

describe('toApiError', () => {
  const cases: [string, unknown, { status: number; code: string; details?: unknown }][] = [
    [
      'body errors become 422 validation_error naming each field',
      badRequest([
        { path: '/body/name', message: 'must NOT have fewer than 1 characters' },
        { path: '/body/permissions/mcps', message: 'must be array' },
      ]),
      {
        status: 422,
        code: 'validation_error',
        details: { name: 'must NOT have fewer than 1 characters', 'permissions.mcps': 'must be array' },
      },
    ],
    [
      'a body that is not an object names the body',
      badRequest([{ path: '/body', message: 'must be object' }]),
      { status: 422, code: 'validation_error', details: { body: 'must be object' } },
    ],
    [
      'query errors become 400 invalid_request',
      badRequest([{ path: '/query/per_page', message: 'must be <= 100' }]),
      { status: 400, code: 'invalid_request', details: { per_page: 'must be <= 100' } },
    ],
    [
      'mixed query and body errors are 400: the request is wrong before its body is',
      badRequest([
        { path: '/query/page', message: 'must be integer' },
        { path: '/body/name', message: 'required' },
      ]),
      { status: 400, code: 'invalid_request', details: { page: 'must be integer' } },
    ],
    [
      'a missing body is 400',
      new validatorErrors.UnsupportedMediaType({ path: '/v1/x', message: 'unsupported media type undefined' } as never),
      { status: 400, code: 'invalid_request' },
    ],
    [
      'response validation is 500',
      new validatorErrors.InternalServerError({ path: '/response', message: 'drift' } as never),
      { status: 500, code: 'internal_error' },
    ],
    [
      'an ApiError passes through',
      new ApiError('tool_not_found', 'nope', { suggestion: 'get_weather' }),
      { status: 404, code: 'tool_not_found', details: { suggestion: 'get_weather' } },
    ],
    [
      'anything else is 500 internal_error with the default message',
      new TypeError('x is undefined'),
      { status: 500, code: 'internal_error' },
    ],
    ['a thrown string is 500', 'boom', { status: 500, code: 'internal_error' }],
  ];
  it.each(cases)('%s', (_name, given, want) => {
    const error = toApiError(given);
    expect(error.status).toBe(want.status);
    expect(error.code).toBe(want.code);
    if (want.details !== undefined) expect(error.details).toEqual(want.details);
    if (want.code === 'internal_error') expect(error.message).toBe('An unexpected error occurred');
  });
});
