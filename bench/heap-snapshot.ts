/**
 * Heap snapshots of a bench child started with BENCH_HEAP_SNAPSHOTS=<dir> (`node --heapsnapshot-signal=SIGUSR2`), and
 * `npx tsx bench/heap-snapshot.ts <before> <after> [top]`: what the heap holds more of in the second snapshot, by
 * constructor (or kind, for strings, code and arrays), in count and bytes of the objects themselves.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Signals `pid` to write a snapshot into `dir` and resolves with its path once `url` answers again (the snapshot is
 * written on the child's main thread, so an answer means the file is complete). */
export async function takeHeapSnapshot(pid: number, dir: string, url: string): Promise<string> {
  const before = new Set(readdirSync(dir));
  process.kill(pid, 'SIGUSR2');
  for (;;) {
    await new Promise((r) => setTimeout(r, 200));
    const added = readdirSync(dir).find((f) => f.endsWith('.heapsnapshot') && !before.has(f));
    if (added === undefined) continue;
    // A long snapshot can outlast a connection attempt: ask again until the child answers.
    for (let attempt = 0; ; attempt += 1) {
      try {
        await fetch(`${url}/health`).then((r) => r.arrayBuffer());
        return join(dir, added);
      } catch (error) {
        if (attempt >= 30) throw error;
      }
    }
  }
}

interface Snapshot {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
}

/** Bytes and count per constructor or kind, and the total of every object's own size. */
export function heapByKind(file: string): { total: number; kinds: Map<string, { count: number; bytes: number }> } {
  const s = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const fields = s.snapshot.meta.node_fields;
  const types = s.snapshot.meta.node_types[0];
  const [type, name, size] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f)) as [number, number, number];
  const kinds = new Map<string, { count: number; bytes: number }>();
  let total = 0;
  for (let i = 0; i < s.nodes.length; i += fields.length) {
    const kind = types[s.nodes[i + type] ?? 0] ?? '?';
    const bytes = s.nodes[i + size] ?? 0;
    const label = ['object', 'closure', 'native'].includes(kind)
      ? `${kind} ${s.strings[s.nodes[i + name] ?? 0]}`
      : kind;
    const entry = kinds.get(label) ?? { count: 0, bytes: 0 };
    entry.count += 1;
    entry.bytes += bytes;
    total += bytes;
    kinds.set(label, entry);
  }
  return { total, kinds };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const [, , first, second, top = '20'] = process.argv;
  if (!first || !second) throw new Error('usage: heap-snapshot <before.heapsnapshot> <after.heapsnapshot> [top]');
  const [a, b] = [heapByKind(first), heapByKind(second)];
  const mb = (n: number) => `${(n / 2 ** 20).toFixed(1)} MB`;
  const rows = [...new Set([...a.kinds.keys(), ...b.kinds.keys()])]
    .map((label) => {
      const x = a.kinds.get(label) ?? { count: 0, bytes: 0 };
      const y = b.kinds.get(label) ?? { count: 0, bytes: 0 };
      return { label, bytes: y.bytes - x.bytes, count: y.count - x.count, now: y.bytes };
    })
    .sort((p, q) => q.bytes - p.bytes)
    .slice(0, Number(top));
  const lines = rows.map(
    (r) =>
      `${(r.bytes / 1024).toFixed(0).padStart(8)} kB ${String(r.count).padStart(8)} objects (now ${mb(r.now)})  ${r.label}`,
  );
  process.stdout.write(`heap objects ${mb(a.total)} -> ${mb(b.total)}; grown most:\n${lines.join('\n')}\n`);
}
