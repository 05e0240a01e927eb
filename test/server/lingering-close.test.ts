/**
 * Refused requests whose body was not read close in stages (RFC 9112 §9.6; openapi.yaml, info.description
 * "Connections"): the answer, a half-close, then the rest of the body read and discarded within a bound, so a client
 * still uploading receives its 401 or 413 instead of a reset.
 */
import { connect, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { LINGER_MAX_BYTES } from '../../server/http/unread-body.js';
import { type Harness, startHarness } from '../support/harness.js';

let h: Harness;
afterEach(() => h.close());

const MIB = 1024 * 1024;

describe('a refused upload still receives its answer', () => {
  it.each([
    ['no key: 401 unauthorized', 401, 'unauthorized', 0],
    ['a body over the limit: 413 payload_too_large', 413, 'payload_too_large', 1],
  ])('%s, through fetch, while the client is still sending', async (_name, status, code, authorized) => {
    h = await startHarness({ overrides: { maxRequestBodyBytes: 4 * MIB } });
    for (let round = 0; round < 5; round++) {
      const response = await fetch(`${h.baseUrl}/v1/mcps`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(authorized ? { authorization: `ApiKey ${h.ownerKey}` } : {}),
        },
        body: Buffer.alloc(8 * MIB, 0x20),
      });
      expect(response.status).toBe(status);
      expect(response.headers.get('x-request-id')).toMatch(/^req_/);
      expect(response.headers.get('connection')).toBe('close');
      expect(await response.json()).toMatchObject({ success: false, error: { code } });
    }
  });

  it('a client that reads only once it has sent its body finds the answer, not a reset', async () => {
    h = await startHarness();
    const answered = new Promise<void>((resolve) =>
      h.server.once('request', (_req, res) => res.once('close', () => resolve())),
    );
    const socket = connect(Number(new URL(h.baseUrl).port), '127.0.0.1');
    const length = 6 * MIB;
    socket.write(
      `POST /v1/mcps HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`,
    );
    // The whole body is sent before reading anything: a server that closes at once leaves most of it unread, and its
    // TCP stack answers the rest with a reset.
    await writeAll(socket, Buffer.alloc(length, 0x20));
    await answered;
    const received = await readToEnd(socket);
    expect(received.error).toBeUndefined();
    expect(received.text).toMatch(/^HTTP\/1\.1 401 /);
    expect(received.text).toMatch(/\r\nConnection: close\r\n/i);
    expect(received.text).toMatch(/"code":"unauthorized"/);
  });

  it('lingers within its bound: a client that never stops sending is cut after the byte bound', async () => {
    h = await startHarness();
    const sockets: Socket[] = [];
    h.server.on('connection', (socket: Socket) => sockets.push(socket));
    const socket = connect(Number(new URL(h.baseUrl).port), '127.0.0.1');
    socket.on('error', () => {});
    socket.write(
      `POST /v1/mcps HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: ${1024 * MIB}\r\n\r\n`,
    );
    let received = '';
    socket.on('data', (chunk: Buffer) => (received += chunk.toString('latin1')));
    const chunk = Buffer.alloc(256 * 1024, 0x20);
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    let open = true;
    void closed.then(() => (open = false));
    while (open) if (!socket.write(chunk)) await Promise.race([new Promise((r) => socket.once('drain', r)), closed]);
    expect(received).toMatch(/^HTTP\/1\.1 401 /);
    // Read and discarded at most the bound, plus what arrived before the answer and one read's worth.
    expect(sockets[0]!.bytesRead).toBeLessThan(LINGER_MAX_BYTES + 8 * MIB);
  });
});

async function writeAll(socket: Socket, data: Buffer): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.write(data, (error) => (error ? reject(error) : resolve()));
  });
}

async function readToEnd(socket: Socket): Promise<{ text: string; error: string | undefined }> {
  let text = '';
  let error: string | undefined;
  socket.on('data', (chunk: Buffer) => (text += chunk.toString('latin1')));
  socket.on('error', (e: NodeJS.ErrnoException) => (error = e.code ?? e.message));
  await new Promise<void>((resolve) => socket.once('close', () => resolve()));
  return { text, error };
}
