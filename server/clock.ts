/**
 * The server's one time source. Everything that needs "now" (routes, use cases, stages, the store's writers, the
 * gateway's breaker and health checker) is handed a `Clock`, so tests move time without waiting and no component reads
 * the system time behind the others' back.
 */
export type Clock = () => Date;

/** The system time. */
export const systemClock: Clock = () => new Date();
