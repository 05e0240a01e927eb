/** What a fuzz run prints: seed, duration, answers by status, 5xx, envelope coverage, then each failure. */
import type { RunReport } from './runner.js';

export function formatReport(report: RunReport, command: string): string {
  const statuses = Object.entries(report.byStatus)
    .sort(([a], [b]) => Number(a) - Number(b))
    .map(([status, count]) => `${status}×${count}`)
    .join(' ');
  const share = report.answers === 0 ? 100 : (100 * report.enveloped) / report.answers;
  const lines = [
    `seed ${report.seed}: ${report.cases} cases in ${(report.durationMs / 1000).toFixed(1)} s, ${report.answers} answers`,
    `  by status: ${statuses || 'none'}`,
    `  5xx: ${report.serverErrors}; in the envelope with X-Request-Id: ${report.enveloped}/${report.answers} (${share.toFixed(2)}%); closed without an answer as they should: ${report.unanswered}`,
    `  failures: ${report.failures.length}`,
  ];
  for (const failure of report.failures.slice(0, 50)) {
    lines.push(
      `\ncase ${failure.index}: ${failure.problem}`,
      `  replay: ${command} --seed ${report.seed} --case ${failure.index}`,
    );
    for (const line of failure.reproduction) lines.push(`  ${line.length > 2_000 ? `${line.slice(0, 2_000)}…` : line}`);
  }
  if (report.failures.length > 50) lines.push(`\n…and ${report.failures.length - 50} more failures`);
  return lines.join('\n');
}
