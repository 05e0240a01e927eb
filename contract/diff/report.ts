/** The guard's verdict as text, for `npm run contract:diff` and the release command. */
import type { ContractComparison } from './compare.js';
import type { ChangeKind } from './model.js';
import { KIND_TITLES, lineText, summarize } from './summary.js';

const ORDER: ChangeKind[] = [
  'breaking',
  'violation',
  'unclassified',
  'removed-after-sunset',
  'deprecated',
  'additive',
  'documentation',
];

export function renderReport(comparison: ContractComparison, title: string): string {
  const out = [title];
  for (const kind of ORDER) {
    const lines = summarize(comparison.changes.filter((c) => c.kind === kind));
    if (!lines.length) continue;
    out.push('', `${KIND_TITLES[kind]} (${lines.length}):`, ...lines.map((l) => `  - ${lineText(l, 4)}`));
  }
  if (!comparison.changes.length) out.push('', 'No change.');
  out.push(
    '',
    comparison.refused.length
      ? `Refused: ${comparison.refused.length} change(s) would break clients of the released contract.`
      : 'Backward compatible with the released contract.',
  );
  return out.join('\n');
}
