/**
 * `npx tsx bench/profile-summary.ts <file.cpuprofile> [top]`: the CPU per component of the request path (see
 * profile-components.ts), then the functions with the most self time and the most inclusive time, in a V8 CPU profile
 * (what `node --cpu-prof`, or BENCH_CPU_PROF=<dir> npm run bench, writes).
 */
import { readFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { components, type Profile, type ProfileNode } from './profile-components.js';

export function summarize(profile: Profile, top = 25): string {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  const label = (n: ProfileNode) =>
    `${n.callFrame.functionName || '(anonymous)'} ${n.callFrame.url.replace(/^.*\/node_modules\//, '').replace(/^file:\/\/.*?\/(?=(server|contract|bench)\/)/, '')}:${n.callFrame.lineNumber + 1}`;
  let all = 0;
  profile.samples.forEach((id, i) => {
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    all += dt;
    const node = byId.get(id);
    if (!node) return;
    self.set(label(node), (self.get(label(node)) ?? 0) + dt);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const n = byId.get(cur);
      if (!n) break;
      const l = label(n);
      if (!seen.has(l)) total.set(l, (total.get(l) ?? 0) + dt);
      seen.add(l);
    }
  });
  const list = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1])
      .slice(0, top)
      .map(([l, ms]) => `${ms.toFixed(0).padStart(8)} ms ${((ms / all) * 100).toFixed(1).padStart(5)}%  ${l}`);
  const parts = components(profile);
  const byComponent = parts.rows.map(
    (r) =>
      `${r.ms.toFixed(0).padStart(8)} ms ${r.pct === undefined ? '      ' : `${r.pct.toFixed(1).padStart(5)}%`}  ${r.name}`,
  );
  return [
    `total ${all.toFixed(0)} ms`,
    `components (percent of ${parts.busyMs.toFixed(0)} ms busy, idle and start-up apart):`,
    ...byComponent,
    'self:',
    ...list(self),
    'inclusive:',
    ...list(total),
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = process.argv[2];
  if (!file) throw new Error('usage: profile-summary <file.cpuprofile> [top]');
  process.stdout.write(
    `${summarize(JSON.parse(readFileSync(file, 'utf8')) as Profile, Number(process.argv[3] ?? 25))}\n`,
  );
}
