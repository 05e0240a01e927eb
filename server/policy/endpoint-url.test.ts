import { describe, expect, it } from 'vitest';
import { endpointUrlProblem, isPrivateHost } from './endpoint-url.js';

describe('isPrivateHost', () => {
  it.each([
    'localhost',
    'api.localhost',
    '127.0.0.1',
    '127.8.9.10',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '[::1]',
    '[fd00::1]',
    '[fe80::1]',
    '[::ffff:127.0.0.1]',
    '[::ffff:7f00:1]',
  ])('%s is private', (host) => {
    expect(isPrivateHost(host)).toBe(true);
  });

  it.each(['example.com', '8.8.8.8', '172.32.0.1', '192.169.0.1', '[2606:4700::1111]', '100.128.0.1'])(
    '%s is public',
    (host) => {
      expect(isPrivateHost(host)).toBe(false);
    },
  );
});

describe('endpointUrlProblem', () => {
  const shared = { allowPrivate: false };
  it('accepts a public https URL', () => {
    expect(endpointUrlProblem('https://mcp.example.com/mcp', shared)).toBeUndefined();
  });
  it('refuses schemes other than http and https', () => {
    expect(endpointUrlProblem('ftp://mcp.example.com/', shared)).toMatch(/http or https/);
    expect(endpointUrlProblem('file:///etc/passwd', shared)).toMatch(/http or https/);
  });
  it('refuses loopback on a shared deployment and allows it when private URLs are allowed', () => {
    expect(endpointUrlProblem('http://127.0.0.1:3001/mcp', shared)).toMatch(/loopback/);
    expect(endpointUrlProblem('http://127.0.0.1:3001/mcp', { allowPrivate: true })).toBeUndefined();
  });
  it('refuses URLs that carry credentials', () => {
    expect(endpointUrlProblem('https://user:pass@mcp.example.com/', shared)).toMatch(/credentials/);
  });
});
