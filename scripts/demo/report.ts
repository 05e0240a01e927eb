/**
 * What the demo prints: a compact conformance reporter (a dot per passing check, evidence under failures, skips with
 * their reasons at the end) and the commands to try next.
 */
import type { CheckResult, Reporter, RunReport } from '../../conformance/model.js';
import { findingLines } from '../../conformance/reporters/evidence.js';

export function compactReporter(write: (text: string) => void): Reporter {
  let onDots = false;
  const endDots = () => {
    if (onDots) write('\n');
    onDots = false;
  };
  return {
    onStart(info) {
      write(
        `  ${info.total} checks, writes allowed (created resources are prefixed ${info.runPrefix} and removed)\n  `,
      );
    },
    onCheckEnd(r: CheckResult) {
      if (r.outcome === 'pass' || r.outcome === 'skip') {
        write(r.outcome === 'pass' ? '.' : 's');
        onDots = true;
        return;
      }
      endDots();
      write(`  ${r.outcome.toUpperCase()} ${r.id} ${r.title}\n`);
      for (const f of r.findings.slice(0, 3))
        write(
          `${findingLines(f)
            .map((l) => `      ${l}`)
            .join('\n')}\n`,
        );
      write('  ');
    },
    onEnd(report: RunReport) {
      endDots();
      const c = report.counts;
      write(
        `  ${c.pass} passed, ${c.fail} failed, ${c.warn} warned, ${c.skip} skipped in ${(report.durationMs / 1000).toFixed(1)} s (${report.exchanges.length} requests)\n`,
      );
      for (const r of report.results.filter((x) => x.outcome === 'skip'))
        write(`  skipped ${r.id}: ${r.reason ?? ''}\n`);
      for (const e of report.cleanupErrors) write(`  cleanup could not remove: ${e}\n`);
    },
  };
}

/** Shell-quotes a JSON body for a POSIX shell. */
const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

/** Commands a user can paste against the server at `url` with `apiKey`. */
export function curlCommands(url: string, apiKey: string, mcpId: string): string[] {
  const auth = '-H "Authorization: ApiKey $PLEXMCP_API_KEY"';
  // Each answer on its own line: the API's JSON bodies end without a newline.
  const nl = " -w '\\n'";
  const invoke = JSON.stringify({ mcp_id: mcpId, tool: 'get_weather', arguments: { location: 'Lisbon' } });
  return [
    `export PLEXMCP_URL=${url} PLEXMCP_API_KEY=${apiKey}`,
    `curl -s${nl} "$PLEXMCP_URL/health"`,
    `curl -s${nl} ${auth} "$PLEXMCP_URL/v1/organization"`,
    `curl -s${nl} ${auth} "$PLEXMCP_URL/v1/mcps"`,
    `curl -s${nl} ${auth} -H 'Content-Type: application/json' -d ${quote(invoke)} "$PLEXMCP_URL/mcp"`,
    `curl -s${nl} ${auth} "$PLEXMCP_URL/v1/usage"`,
    'curl -s "$PLEXMCP_URL/openapi.json" | head -c 300; echo',
    '# reference docs in a browser: $PLEXMCP_URL/docs',
  ];
}
