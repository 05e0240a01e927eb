/** The whole run as one JSON document (findings keep their evidence; the full traffic goes to --har instead). */
import type { Reporter, RunReport } from '../model.js';

export function reportToJson(report: RunReport): string {
  const { exchanges, ...rest } = report;
  return `${JSON.stringify({ tool: 'plexmcp-conformance', ...rest, requestCount: exchanges.length }, null, 2)}\n`;
}

/**
 * @example
 * jsonReporter({ write: (s) => fs.writeFileSync(reportPath, s) });
 */
export function jsonReporter(options: { write: (text: string) => void | Promise<void> }): Reporter {
  return {
    async onEnd(report) {
      await options.write(reportToJson(report));
    },
  };
}
