/** Reproductions of a failing case: a curl line for a request curl can send, the exact bytes for every case. */
import type { FuzzCase, HttpCase } from './wire.js';

/** Bash ANSI-C quoting, every byte outside printable ASCII (and the quote and backslash) as \xHH. */
export function ansiC(bytes: Buffer): string {
  let out = '';
  for (const byte of bytes) {
    out +=
      byte >= 0x20 && byte < 0x7f && byte !== 0x27 && byte !== 0x5c
        ? String.fromCharCode(byte)
        : `\\x${byte.toString(16).padStart(2, '0')}`;
  }
  return `$'${out}'`;
}

function curlLine(c: HttpCase, baseUrl: string): string {
  const parts = ['curl -sS -i --path-as-is', `-X ${ansiC(Buffer.from(c.method, 'latin1'))}`];
  parts.push(ansiC(Buffer.from(new URL(baseUrl).origin + c.target, 'latin1')));
  for (const [name, value] of c.headers) parts.push(`-H ${ansiC(Buffer.from(`${name}: ${value}`, 'latin1'))}`);
  if (c.body === undefined) return parts.join(' ');
  // Through printf, so that NUL bytes survive (a shell string cannot hold them).
  const body = ansiC(c.body).slice(2, -1);
  return `printf '%b' '${body.replaceAll("'", '\\x27')}' | ${parts.join(' ')} --data-binary @-`;
}

/** Lines that reproduce `c` against `baseUrl`. */
export function reproduction(c: FuzzCase, bytes: Buffer, baseUrl: string): string[] {
  const { hostname, port } = new URL(baseUrl);
  const raw = `printf '%b' '${ansiC(bytes).slice(2, -1)}' | nc -q 5 ${hostname} ${port || 80}`;
  return c.kind === 'http' ? [`curl: ${curlLine(c, baseUrl)}`, `raw:  ${raw}`] : [`raw:  ${raw}`];
}
