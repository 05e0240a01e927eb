/**
 * Kill -9 cycles against the real server on one database: concurrent clients create MCPs and API keys and patch the
 * organisation over HTTP, the server is killed with SIGKILL mid-load, restarted on the same files, and the data is
 * checked against what the clients were told. Every write answered 2xx must be there, whole; anything there must be
 * something a client sent; a write in flight at the kill may be there or not, but once absent never comes back.
 */
import { listJournalFiles } from '../../server/store/journal-scan.js';
import { OWNER_KEY, type ServerProcess, startServer } from './server-process.js';

type Outcome = 'acked' | 'inflight' | 'lost';

interface Sent {
  kind: 'mcp' | 'key';
  name: string;
  /** The fields the server must hold for it. */
  endpoint?: string;
  description: string;
  outcome: Outcome;
  id?: string;
  /** An API key's secret, to check it still authenticates. */
  secret?: string;
  cycle: number;
}

export interface CrashCycleOptions {
  databasePath: string;
  cycles: number;
  clients?: number;
  /** Acknowledged writes to wait for in each cycle before the kill (more makes longer cycles). */
  writesBeforeKill?: number;
  log?: (line: string) => void;
}

export interface CrashCycleReport {
  cycles: number;
  acknowledged: number;
  inflightKept: number;
  inflightLost: number;
  recoveryWarnings: string[];
  /** The highest journal generation found after a kill: above 1 means checkpoints ran under the load. */
  highestJournalGeneration: number;
}

const json = { 'Content-Type': 'application/json', Authorization: `ApiKey ${OWNER_KEY}` };

export async function runCrashCycles(options: CrashCycleOptions): Promise<CrashCycleReport> {
  const log = options.log ?? (() => {});
  const clients = options.clients ?? 16;
  const sent = new Map<string, Sent>();
  /** The organisation description: the writes one client made in order, and how far they were acknowledged. */
  const descriptions: string[] = [];
  let descriptionsAcked = 0;
  const report: CrashCycleReport = {
    cycles: 0,
    acknowledged: 0,
    inflightKept: 0,
    inflightLost: 0,
    recoveryWarnings: [],
    highestJournalGeneration: 0,
  };
  let server = await startServer(options.databasePath);
  try {
    for (let cycle = 0; cycle < options.cycles; cycle++) {
      const t0 = Date.now();
      await verify(server, cycle);
      const t1 = Date.now();
      let stop = false;
      let acked = 0;
      const enough = new Promise<void>((resolve) => {
        const check = setInterval(() => {
          if (acked >= (options.writesBeforeKill ?? 40)) {
            clearInterval(check);
            resolve();
          }
        }, 5);
      });
      const worker = async (index: number) => {
        for (let n = 0; !stop; n++) {
          if (index === 0) {
            const description = `c${cycle}-${n}`;
            descriptions.push(description);
            if (!(await send('/v1/organization', 'PATCH', { description }))) return;
            descriptionsAcked = descriptions.length;
          } else {
            const kind = index % 2 === 1 ? 'mcp' : 'key';
            const entry: Sent = {
              kind,
              name: `${kind}-c${cycle}-w${index}-n${n}`,
              description: `d${cycle}.${index}.${n}`,
              outcome: 'inflight',
              cycle,
            };
            if (kind === 'mcp') entry.endpoint = `https://mcp-${cycle}-${index}-${n}.example.com/mcp`;
            sent.set(entry.name, entry);
            const body =
              kind === 'mcp'
                ? { name: entry.name, endpoint_url: entry.endpoint, description: entry.description }
                : { name: entry.name, description: entry.description };
            const answer = await send(kind === 'mcp' ? '/v1/mcps' : '/v1/api-keys', 'POST', body);
            if (!answer) return;
            entry.outcome = 'acked';
            entry.id = answer.id as string;
            if (kind === 'key') entry.secret = answer.key as string;
          }
          acked++;
        }
      };
      /** The `data` of a 2xx answer; undefined when the server is gone (the write is in flight). Throws on other errors. */
      const send = async (
        path: string,
        method: string,
        body: unknown,
      ): Promise<Record<string, unknown> | undefined> => {
        let res: Response;
        try {
          res = await fetch(`${server.url}${path}`, { method, headers: json, body: JSON.stringify(body) });
        } catch {
          return undefined;
        }
        let text: string;
        try {
          text = await res.text();
        } catch {
          // The status came but the body was cut off: not an answer the client could rely on.
          return undefined;
        }
        if (res.status >= 300) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
        return (JSON.parse(text) as { data: Record<string, unknown> }).data;
      };
      const workers = Array.from({ length: clients }, (_, i) => worker(i));
      const failed = Promise.all(workers).then(() => {
        throw new Error('the clients stopped before the kill');
      });
      await Promise.race([enough, failed]);
      // A little more load, so the kill lands among writes in flight rather than right after a round number.
      await new Promise((resolve) => setTimeout(resolve, 20 + Math.floor(Math.random() * 150)));
      await server.kill9();
      const t2 = Date.now();
      for (const file of listJournalFiles(options.databasePath)) {
        report.highestJournalGeneration = Math.max(report.highestJournalGeneration, file.generation);
      }
      stop = true;
      await Promise.all(workers);
      report.acknowledged += acked;
      report.cycles++;
      server = await startServer(options.databasePath);
      const timing = `verify ${t1 - t0} ms, load ${t2 - t1} ms, restart ${Date.now() - t2} ms`;
      const warnings = server
        .stderr()
        .split('\n')
        .filter((line) => line.includes('storage:'));
      report.recoveryWarnings.push(...warnings);
      log(
        `cycle ${cycle + 1}/${options.cycles}: ${acked} writes acknowledged before kill -9 (pid ${server.pid} recovered${warnings.length ? `, ${warnings.length} warning(s)` : ''}; ${timing})`,
      );
    }
    await verify(server, options.cycles);
    // A graceful stop checkpoints; the database must read back the same after it.
    const code = await server.stop();
    if (code !== 0) throw new Error(`graceful stop exited ${code}: ${server.stderr()}`);
    server = await startServer(options.databasePath);
    await verify(server, options.cycles + 1);
    return report;
  } finally {
    await server.kill9();
  }

  async function verify(target: ServerProcess, cycle: number): Promise<void> {
    const present = new Map<string, Record<string, unknown>>();
    for (const [kind, path] of [
      ['mcp', '/v1/mcps'],
      ['key', '/v1/api-keys'],
    ] as const) {
      for (let page = 1; ; page++) {
        const res = await fetch(`${target.url}${path}?page=${page}&per_page=100`, { headers: json });
        if (res.status !== 200) throw new Error(`listing ${path} answered ${res.status}`);
        const body = (await res.json()) as { data: Record<string, unknown>[]; pagination: { total_pages: number } };
        for (const item of body.data) {
          const name = String(item.name);
          if (!name.startsWith(`${kind}-`)) continue;
          if (present.has(name)) throw new Error(`${name} is present twice`);
          present.set(name, item);
        }
        if (page >= body.pagination.total_pages) break;
      }
    }
    for (const [name, item] of present) {
      const entry = sent.get(name);
      if (!entry) throw new Error(`after restart ${cycle}: ${name} is present but no client sent it`);
      if (entry.outcome === 'lost')
        throw new Error(`after restart ${cycle}: ${name} was absent after an earlier restart and is back`);
      if (entry.outcome === 'acked' && item.id !== entry.id)
        throw new Error(`${name} has id ${String(item.id)}, acknowledged as ${entry.id}`);
      if (
        item.description !== entry.description ||
        (entry.endpoint !== undefined && item.endpoint_url !== entry.endpoint)
      ) {
        throw new Error(`${name} is not whole: ${JSON.stringify(item)}`);
      }
      if (entry.outcome === 'inflight') {
        entry.outcome = 'acked';
        entry.id = String(item.id);
        report.inflightKept++;
      }
    }
    for (const entry of sent.values()) {
      if (present.has(entry.name)) continue;
      if (entry.outcome === 'acked')
        throw new Error(`after restart ${cycle}: ${entry.name} (acknowledged, cycle ${entry.cycle}) is missing`);
      if (entry.outcome === 'inflight') {
        entry.outcome = 'lost';
        report.inflightLost++;
      }
    }
    const org = await fetch(`${target.url}/v1/organization`, { headers: json });
    const description = ((await org.json()) as { data: { description: string | null } }).data.description;
    // The last acknowledged description, or one sent after it that was in flight at the kill.
    const allowed = descriptions.slice(Math.max(0, descriptionsAcked - 1));
    if (descriptionsAcked === 0) allowed.push(null as unknown as string);
    if (!allowed.includes(description as string)) {
      throw new Error(
        `after restart ${cycle}: organisation description ${description}, expected one of ${allowed.join(', ')}`,
      );
    }
    const kept = descriptions.indexOf(description as string);
    if (kept >= 0) {
      descriptions.splice(kept + 1);
      descriptionsAcked = descriptions.length;
    }
    // Keys acknowledged in the last cycle still authenticate (their hashes survived whole).
    const recentKeys = [...sent.values()]
      .filter((e) => e.kind === 'key' && e.secret && e.cycle === cycle - 1)
      .slice(0, 3);
    for (const key of recentKeys) {
      const res = await fetch(`${target.url}/v1/organization`, { headers: { Authorization: `ApiKey ${key.secret}` } });
      if (res.status !== 200) throw new Error(`acknowledged key ${key.name} answers ${res.status} after restart`);
    }
  }
}
