/**
 * HEAD wherever GET (RFC 9110 §9.3.2; openapi.yaml, info.description "HEAD"): the same status and headers as the GET,
 * no body, on every GET route of the contract; `Allow` lists HEAD exactly where it lists GET.
 */
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContract } from '../../contract/index.js';
import { type Harness, startHarness } from '../support/harness.js';

// Headers that differ between any two requests, whatever the method.
const VARYING = new Set(['date', 'x-request-id', 'ratelimit', 'x-ratelimit-remaining', 'x-ratelimit-reset']);

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function send(h: Harness, method: string, path: string, key?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      new URL(path, h.baseUrl),
      { method, agent: false, headers: key ? { Authorization: `ApiKey ${key}` } : {} },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const stable = (headers: Answer['headers']) =>
  Object.fromEntries(Object.entries(headers).filter(([name]) => !VARYING.has(name)));

const operations = loadContract().operations;
const templates = [...new Set(operations.map((op) => op.path))];
const hasGet = (template: string) => operations.some((op) => op.path === template && op.method === 'GET');
const getPaths = templates.filter(hasGet).map((template) => template.replace(/\{[^}]+\}/g, 'x_1'));
const otherPaths = templates.filter((t) => !hasGet(t)).map((template) => template.replace(/\{[^}]+\}/g, 'x_1'));

describe('HEAD', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.close());

  it.each(getPaths)('HEAD %s answers as GET does, without a body', async (path) => {
    for (const key of [h.ownerKey, undefined]) {
      const get = await send(h, 'GET', path, key);
      const head = await send(h, 'HEAD', path, key);
      expect(head.status).toBe(get.status);
      expect(stable(head.headers)).toEqual(stable(get.headers));
      expect(head.headers['x-request-id']).toBeTruthy();
      expect(head.body).toBe('');
    }
  });

  it.each(getPaths)('405 on %s lists HEAD beside GET in Allow', async (path) => {
    const answer = await send(h, 'PUT', path, h.ownerKey);
    expect(answer.status).toBe(405);
    const allow = String(answer.headers.allow).split(', ');
    expect(allow).toContain('GET');
    expect(allow).toContain('HEAD');
  });

  it.each(otherPaths)('HEAD %s (no GET) is 405 and Allow has no HEAD', async (path) => {
    const answer = await send(h, 'HEAD', path, h.ownerKey);
    expect(answer.status).toBe(405);
    expect(String(answer.headers.allow).split(', ')).not.toContain('HEAD');
  });
});
