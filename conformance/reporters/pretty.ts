/** Human progress: one line per check as it finishes, findings with evidence under failures, a summary at the end. */
import type { CheckResult, Reporter, RunReport } from '../model.js';
import { findingLines } from './evidence.js';

const MARK: Record<CheckResult['outcome'], string> = { pass: 'PASS', fail: 'FAIL', warn: 'WARN', skip: 'SKIP' };
const COLOUR: Record<CheckResult['outcome'], string> = {
  pass: '\x1b[32m',
  fail: '\x1b[31m',
  warn: '\x1b[33m',
  skip: '\x1b[90m',
};

/**
 * @example
 * await runConformance(config, { reporters: [prettyReporter({ write: (s) => process.stdout.write(s), colour: true })] });
 */
export function prettyReporter(options: {
  write: (text: string) => void;
  colour?: boolean;
  maxFindings?: number;
}): Reporter {
  const { write } = options;
  const paint = (outcome: CheckResult['outcome'], text: string) =>
    options.colour ? `${COLOUR[outcome]}${text}\x1b[0m` : text;
  const maxFindings = options.maxFindings ?? 5;
  let index = 0;
  let total = 0;
  return {
    onStart(info) {
      total = info.total;
      write(
        `plexmcp-conformance: ${info.total} checks against ${info.baseUrl} (created resources are prefixed ${info.runPrefix})\n` +
          `generated inputs: --seed ${info.seed} --max-examples ${info.maxExamples} (the same seed generates the same requests)\n\n`,
      );
    },
    onCheckEnd(r) {
      index++;
      const width = String(total).length;
      const tail =
        r.outcome === 'skip'
          ? ` — ${r.reason ?? ''}`
          : r.outcome === 'pass' && r.verified.what.length
            ? ` — verified ${r.verified.what.join(', ')}`
            : '';
      write(
        `[${String(index).padStart(width)}/${total}] ${paint(r.outcome, MARK[r.outcome])} ${r.id.padEnd(10)} ${r.title} (${r.durationMs} ms)${tail}\n`,
      );
      if (r.outcome === 'fail' || r.outcome === 'warn') {
        for (const f of r.findings.slice(0, maxFindings))
          write(
            `${findingLines(f)
              .map((l) => `      ${l}`)
              .join('\n')}\n`,
          );
        if (r.findings.length > maxFindings)
          write(`      … and ${r.findings.length - maxFindings} more (use --reporter json for all)\n`);
        if (r.reason) write(`      stopped: ${r.reason}\n`);
      }
    },
    onEnd(report: RunReport) {
      const c = report.counts;
      write(
        `\n--seed ${report.seed}\n${c.pass} passed, ${c.fail} failed, ${c.warn} warned, ${c.skip} skipped in ${(report.durationMs / 1000).toFixed(1)} s (${report.exchanges.length} requests)\n`,
      );
      if (report.strict && c.warn + c.skip > 0)
        write(`--strict: ${c.warn + c.skip} warned or skipped checks fail the run\n`);
      for (const e of report.cleanupErrors) write(`cleanup could not remove: ${e}\n`);
    },
  };
}
