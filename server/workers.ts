/**
 * PLEXMCP_WORKERS: several server processes on one port, with node:cluster. The primary process only supervises: it
 * forks the workers (each runs the whole server: store connections, limiters, health rounds), the operating system
 * spreads connections over them, a worker that dies after it started is replaced, and SIGTERM or SIGINT stops every
 * worker gracefully (each finishes its in-flight requests). Config refuses more than one worker on the embedded
 * database, which one process holds; on PostgreSQL every worker is just another instance of the same deployment.
 */
import cluster, { type Worker } from 'node:cluster';

/** The message the primary sends a worker to stop it as SIGTERM would. */
export const WORKER_SHUTDOWN = 'plexmcp:shutdown';

/**
 * Runs `count` workers until a signal stops them; resolves with the exit code for the primary: 0 when every worker
 * stopped cleanly, 1 when one could not start (its own output says why) or did not stop cleanly.
 */
export function superviseWorkers(count: number, err: NodeJS.WritableStream = process.stderr): Promise<number> {
  return new Promise<number>((resolve) => {
    const started = new WeakSet<Worker>();
    let stopping = false;
    let code = 0;
    const stopAll = (exitCode: number) => {
      code = Math.max(code, exitCode);
      if (stopping) return;
      stopping = true;
      for (const worker of Object.values(cluster.workers ?? {})) {
        if (worker?.isConnected()) worker.send(WORKER_SHUTDOWN);
        else worker?.process.kill('SIGTERM');
      }
    };
    cluster.on('listening', (worker) => started.add(worker));
    cluster.on('exit', (worker, exitCode, signal) => {
      if (!stopping) {
        if (!started.has(worker)) {
          // It never listened (a database it cannot reach, a port in use): another would fail alike.
          err.write(`A worker could not start (exit ${exitCode ?? signal}); stopping the others\n`);
          stopAll(1);
        } else {
          err.write(`Worker ${worker.process.pid} exited (${signal ?? `exit ${exitCode}`}); starting another\n`);
          cluster.fork();
        }
      } else if (exitCode !== 0) {
        code = 1;
      }
      if (stopping && Object.keys(cluster.workers ?? {}).length === 0) resolve(code);
    });
    let signals = 0;
    const onSignal = (signal: NodeJS.Signals) => {
      signals += 1;
      if (signals > 1) {
        err.write(`${signal} again: killing the workers without waiting\n`);
        for (const worker of Object.values(cluster.workers ?? {})) worker?.process.kill('SIGKILL');
        resolve(1);
        return;
      }
      stopAll(0);
    };
    process.on('SIGTERM', onSignal);
    process.on('SIGINT', onSignal);
    for (let i = 0; i < count; i++) cluster.fork();
  });
}
