import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger, redactSecrets } from './logger.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString('utf8')) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger({ level: 'info', destination }) };
}

describe('logger', () => {
  it('writes JSON lines with level, time and message', () => {
    const { lines, logger } = capture();
    logger.info({ requestId: 'r1' }, 'hello');
    expect(lines[0]).toMatchObject({ level: 30, msg: 'hello', requestId: 'r1', service: 'plexmcp-server' });
    expect(String(lines[0]?.time)).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('redacts auth headers, keys, tokens, passwords and credentials at any depth it is given', () => {
    const { lines, logger } = capture();
    logger.info(
      {
        req: {
          headers: {
            authorization: 'ApiKey pmcp_secret1',
            'x-api-key': 'pmcp_secret2',
            cookie: 'c=secret3',
            host: 'h',
          },
        },
        key: 'pmcp_secret4',
        body: { credentials: { token: 'secret5' }, password: 'secret6' },
        config: { apiKeyHmacSecret: 'secret7', encryptionKey: 'secret8' },
        deep: { a: { b: { token: 'secret9' } } },
      },
      'request',
    );
    const text = JSON.stringify(lines[0]);
    expect(text).not.toMatch(/secret\d/);
    expect(text).toContain('[REDACTED]');
    expect(lines[0]).toMatchObject({ req: { headers: { host: 'h' } } });
  });

  it('writes nothing below its level', () => {
    const { lines, logger } = capture();
    logger.debug('hidden');
    expect(lines).toEqual([]);
  });
});

describe('logger redaction', () => {
  it('keeps an error an error (type, message, stack) while censoring a secret it carries, without changing it', () => {
    const { lines, logger } = capture();
    const err = Object.assign(new TypeError('upstream refused'), { credentials: { token: 'secret1' }, status: 502 });
    logger.error({ err, headers: { Authorization: 'Bearer secret2' } }, 'request failed');
    const line = lines[0] as { err: Record<string, unknown>; headers: Record<string, unknown> };
    expect(JSON.stringify(line)).not.toMatch(/secret\d/);
    expect(line.err).toMatchObject({
      type: 'TypeError',
      message: 'upstream refused',
      status: 502,
      credentials: '[REDACTED]',
    });
    expect(String(line.err.stack)).toContain('upstream refused');
    expect(line.headers).toEqual({ Authorization: '[REDACTED]' });
    expect(err.credentials).toEqual({ token: 'secret1' });
  });

  it('redacts inside arrays and leaves objects without secrets untouched', () => {
    const plain = { a: 1, b: { c: 'x' } };
    expect(redactSecrets(plain)).toBe(plain);
    expect(redactSecrets({ list: [{ password: 'p' }, 'ok'] })).toEqual({ list: [{ password: '[REDACTED]' }, 'ok'] });
  });
});
