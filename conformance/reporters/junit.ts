/** JUnit XML (the de-facto schema CI systems read): one testcase per check, failure/skipped elements, evidence as text. */
import { formatCitation } from '../citation.js';
import type { Reporter, RunReport } from '../model.js';
import { findingLines } from './evidence.js';

/** Escapes XML text and attribute values, dropping characters XML 1.0 cannot carry. */
export function xmlEscape(value: string): string {
  return (
    value
      // biome-ignore lint/suspicious/noControlCharactersInRegex: XML 1.0 §2.2 Char: tab, LF and CR are the only control characters allowed.
      .replace(/[^\x09\x0A\x0D\x20-\uD7FF\uE000-\uFFFD]/gu, '')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
  );
}

export function reportToJunit(report: RunReport): string {
  const c = report.counts;
  const failures = report.strict ? c.fail + c.warn + c.skip : c.fail;
  const skipped = report.strict ? 0 : c.skip;
  const seconds = (ms: number) => (ms / 1000).toFixed(3);
  const cases = report.results.map((r) => {
    const head = `    <testcase classname="plexmcp.${xmlEscape(r.id.split('-')[0] ?? 'CHECK')}" name="${xmlEscape(`${r.id} ${r.title}`)}" time="${seconds(r.durationMs)}">`;
    const body: string[] = [];
    const text = r.findings.flatMap(findingLines).join('\n');
    if (r.outcome === 'fail') {
      const first = r.findings.find((f) => f.severity === 'fail');
      body.push(
        `      <failure message="${xmlEscape(first?.message ?? 'failed')}" type="${xmlEscape(r.id)}">${xmlEscape(`${formatCitation(r.requirement)}\n${text}`)}</failure>`,
      );
    } else if (report.strict && (r.outcome === 'skip' || r.outcome === 'warn')) {
      // --strict: a check that verified nothing or was inconclusive fails the run, so CI shows it as a failure.
      body.push(
        `      <failure message="${xmlEscape(`--strict: ${r.outcome}${r.reason ? `: ${r.reason}` : ''}`)}" type="${xmlEscape(r.id)}">${xmlEscape(`${r.requirement}\n${text}`)}</failure>`,
      );
    } else if (r.outcome === 'skip') {
      body.push(`      <skipped message="${xmlEscape(r.reason ?? 'skipped')}"/>`);
    } else if (r.outcome === 'warn') {
      body.push(`      <system-out>${xmlEscape(`WARN\n${text}`)}</system-out>`);
    }
    return [head, ...body, '    </testcase>'].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="plexmcp-conformance" tests="${report.results.length}" failures="${failures}" skipped="${skipped}" time="${seconds(report.durationMs)}">`,
    `  <testsuite name="${xmlEscape(report.baseUrl)}" tests="${report.results.length}" failures="${failures}" errors="0" skipped="${skipped}" timestamp="${report.startedAt}" time="${seconds(report.durationMs)}">`,
    '    <properties>',
    `      <property name="seed" value="${report.seed}"/>`,
    `      <property name="max-examples" value="${report.maxExamples}"/>`,
    '    </properties>',
    ...cases,
    '  </testsuite>',
    '</testsuites>',
    '',
  ].join('\n');
}

/**
 * @example
 * junitReporter({ write: (s) => fs.writeFileSync('conformance.xml', s) });
 */
export function junitReporter(options: { write: (text: string) => void | Promise<void> }): Reporter {
  return {
    async onEnd(report) {
      await options.write(reportToJunit(report));
    },
  };
}
