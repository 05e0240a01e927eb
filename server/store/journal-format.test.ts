import { describe, expect, it } from 'vitest';
import { decodeRecord, encodeRecord, HEADER_BYTES, type JournalRecord } from './journal-format.js';

const awkward: JournalRecord = {
  seq: 2 ** 40 + 3,
  statements: [
    ['CREATE TABLE t (a, b, c)'],
    ['INSERT INTO t VALUES (?, ?, ?)', [null, 0, '']],
    [
      'INSERT INTO t VALUES (?, ?, ?)',
      [new Uint8Array([0, 1, 2, 255, 128]), -0, 'é \u{1F600} \uD800 lone surrogate, "quotes", \n newline'],
    ],
    ['INSERT INTO t VALUES (?, ?, ?)', [Number.MAX_SAFE_INTEGER, 0.1 + 0.2, Number.NaN]],
    ['INSERT INTO t VALUES (?, ?, ?)', [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, 5e-324]],
    ['INSERT INTO t VALUES (?, ?, ?)', [new Uint8Array(0), -1.5, '{"b":"not a blob"}']],
  ],
};

describe('journal record format', () => {
  it('round-trips statements and every kind of parameter exactly', () => {
    const bytes = encodeRecord(awkward);
    const decoded = decodeRecord(bytes, 0);
    expect(decoded.kind).toBe('record');
    if (decoded.kind !== 'record') return;
    expect(decoded.bytes).toBe(bytes.length);
    expect(decoded.record.seq).toBe(awkward.seq);
    expect(decoded.record.statements).toEqual(awkward.statements);
    // toEqual treats -0 and 0 alike and a Buffer like a Uint8Array: check the exact kinds too.
    const third = decoded.record.statements[2]?.[1];
    expect(Object.is(third?.[1], -0)).toBe(true);
    expect(third?.[0]).toBeInstanceOf(Uint8Array);
    expect(typeof decoded.record.statements[5]?.[1]?.[2]).toBe('string');
  });

  it('reads consecutive records from one buffer', () => {
    const a = encodeRecord({ seq: 1, statements: [['DELETE FROM t']] });
    const b = encodeRecord({ seq: 2, statements: [['INSERT INTO t VALUES (?)', ['x']]] });
    const both = Buffer.concat([a, b]);
    const first = decodeRecord(both, 0);
    expect(first.kind === 'record' && first.record.seq).toBe(1);
    const second = decodeRecord(both, a.length);
    expect(second.kind === 'record' && second.record.seq).toBe(2);
  });

  it('calls every strict prefix of a record torn, never a record', () => {
    const bytes = encodeRecord(awkward);
    for (let length = 0; length < bytes.length; length++) {
      expect(decodeRecord(bytes.subarray(0, length), 0).kind).toBe('torn');
    }
  });

  it('calls a record with any flipped byte after the length corrupt', () => {
    const bytes = encodeRecord(awkward);
    for (let at = 4; at < bytes.length; at += 7) {
      const damaged = Buffer.from(bytes);
      damaged[at] = (damaged[at] ?? 0) ^ 0x10;
      expect(decodeRecord(damaged, 0).kind, `byte ${at}`).toBe('corrupt');
    }
  });

  it('calls a record whose length field is damaged torn or corrupt, never a record', () => {
    const bytes = encodeRecord(awkward);
    for (const length of [0, 1, bytes.length - HEADER_BYTES - 1, 0xffffffff]) {
      const damaged = Buffer.from(bytes);
      damaged.writeUInt32LE(length, 0);
      expect(['torn', 'corrupt']).toContain(decodeRecord(damaged, 0).kind);
    }
  });
});
