/**
 * The journal's record format. One record is one committed transaction: the statements it ran, with their bound
 * parameters, in order. Replaying them against the state the transaction started from gives the same state, because
 * every value the store writes is a bound parameter computed in JavaScript (no `datetime('now')`, `random()` or the
 * like in its SQL).
 *
 * A record is a 16-byte header followed by a JSON payload:
 *
 *   offset 0  u32 LE  payload length in bytes
 *   offset 4  u32 LE  CRC-32 (ISO-HDLC, as zlib) of bytes 8.. to the end of the payload
 *   offset 8  u64 LE  sequence number (1, 2, 3, … across the life of the database)
 *   offset 16 payload JSON: [[sql], [sql, [param, …]], …]
 *
 * `[sql]` is a script run with `exec` (migrations), `[sql, params]` one statement run with `run`. A parameter is
 * `null`, a finite number other than -0, a string, or an object for what JSON cannot carry exactly:
 * `{"b": base64}` for a Uint8Array and `{"n": "NaN" | "Infinity" | "-Infinity" | "-0"}`. JSON escapes lone
 * surrogates, so every JavaScript string round-trips.
 */
import { crc32 } from 'node:zlib';
import type { SqlValue } from 'sql.js';

export const HEADER_BYTES = 16;
/** A larger length than this is read as damage, not as a record (no transaction of this store comes near it). */
export const MAX_PAYLOAD_BYTES = 256 * 1024 * 1024;

export type JournalStatement = readonly [sql: string] | readonly [sql: string, params: readonly SqlValue[]];

export interface JournalRecord {
  seq: number;
  statements: readonly JournalStatement[];
}

type EncodedParam = null | number | string | { b: string } | { n: string };

function encodeParam(value: SqlValue): EncodedParam {
  if (value instanceof Uint8Array)
    return { b: Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64') };
  if (typeof value === 'number' && (!Number.isFinite(value) || Object.is(value, -0)))
    return { n: Object.is(value, -0) ? '-0' : String(value) };
  return value;
}

function decodeParam(value: unknown): SqlValue {
  if (value === null || typeof value === 'string' || typeof value === 'number') return value;
  if (typeof value === 'object' && 'b' in value && typeof value.b === 'string')
    return new Uint8Array(Buffer.from(value.b, 'base64'));
  if (typeof value === 'object' && 'n' in value && typeof value.n === 'string')
    return value.n === '-0' ? -0 : Number(value.n);
  throw new Error('unreadable parameter');
}

export function encodeRecord(record: JournalRecord): Buffer {
  const payload = Buffer.from(
    JSON.stringify(record.statements.map((s) => (s.length === 1 ? [s[0]] : [s[0], s[1].map(encodeParam)]))),
    'utf8',
  );
  const buffer = Buffer.allocUnsafe(HEADER_BYTES + payload.length);
  buffer.writeUInt32LE(payload.length, 0);
  buffer.writeBigUInt64LE(BigInt(record.seq), 8);
  payload.copy(buffer, HEADER_BYTES);
  buffer.writeUInt32LE(crc32(buffer.subarray(8)), 4);
  return buffer;
}

export type DecodeResult =
  | { kind: 'record'; record: JournalRecord; bytes: number }
  /** Fewer bytes than the header or its length announce: what a crash during an append leaves. */
  | { kind: 'torn' }
  | { kind: 'corrupt'; reason: string };

/** Reads the record starting at `offset`. */
export function decodeRecord(buffer: Buffer, offset: number): DecodeResult {
  const available = buffer.length - offset;
  if (available < HEADER_BYTES) return { kind: 'torn' };
  const length = buffer.readUInt32LE(offset);
  if (length > MAX_PAYLOAD_BYTES) return { kind: 'corrupt', reason: `length ${length} is implausible` };
  if (available < HEADER_BYTES + length) return { kind: 'torn' };
  const checksum = buffer.readUInt32LE(offset + 4);
  if (crc32(buffer.subarray(offset + 8, offset + HEADER_BYTES + length)) !== checksum)
    return { kind: 'corrupt', reason: 'checksum mismatch' };
  const seq = Number(buffer.readBigUInt64LE(offset + 8));
  try {
    const parsed: unknown = JSON.parse(buffer.toString('utf8', offset + HEADER_BYTES, offset + HEADER_BYTES + length));
    if (!Array.isArray(parsed)) throw new Error('payload is not a list');
    const statements = parsed.map((entry: unknown): JournalStatement => {
      if (!Array.isArray(entry) || typeof entry[0] !== 'string') throw new Error('unreadable statement');
      if (entry.length === 1) return [entry[0]];
      if (!Array.isArray(entry[1])) throw new Error('unreadable parameters');
      return [entry[0], entry[1].map(decodeParam)];
    });
    return { kind: 'record', record: { seq, statements }, bytes: HEADER_BYTES + length };
  } catch (error) {
    return { kind: 'corrupt', reason: (error as Error).message };
  }
}
