/** A per-call deadline, also ended early by the caller's own AbortSignal. */
import { DeadlineExceeded } from './upstream-errors.js';

export class CallCancelled extends Error {
  constructor() {
    super('The call was cancelled before the MCP server answered');
    this.name = 'CallCancelled';
  }
}

export interface Deadline {
  readonly signal: AbortSignal;
  /** Why the call ended early, if it did. */
  readonly reason: DeadlineExceeded | CallCancelled | undefined;
  /** `work`, or a rejection with `reason` as soon as the deadline passes or the caller cancels. */
  race<T>(work: Promise<T>): Promise<T>;
  dispose(): void;
}

export function startDeadline(timeoutMs: number, callerSignal?: AbortSignal): Deadline {
  const controller = new AbortController();
  let reason: DeadlineExceeded | CallCancelled | undefined;
  const end = (why: DeadlineExceeded | CallCancelled) => {
    if (reason) return;
    reason = why;
    controller.abort(why);
  };
  const ended = new Promise<never>((_, reject) => {
    controller.signal.addEventListener('abort', () => reject(reason), { once: true });
  });
  ended.catch(() => undefined);
  const timer = setTimeout(() => end(new DeadlineExceeded(timeoutMs)), timeoutMs);
  timer.unref();
  const onCallerAbort = () => end(new CallCancelled());
  if (callerSignal?.aborted) onCallerAbort();
  else callerSignal?.addEventListener('abort', onCallerAbort, { once: true });
  return {
    signal: controller.signal,
    get reason() {
      return reason;
    },
    race: (work) => Promise.race([work, ended]),
    dispose() {
      clearTimeout(timer);
      callerSignal?.removeEventListener('abort', onCallerAbort);
    },
  };
}
