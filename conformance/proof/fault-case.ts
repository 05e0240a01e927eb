/** One deliberately broken deployment of the proof: the fault the proxy applies and the findings it must cause. */
import type { Fault } from './fault-proxy.js';

export interface FaultCase {
  name: string;
  fault: Fault;
  /** Checks that must fail through this fault. */
  detectedBy: string[];
  /** For some of them, the kind of finding the failure must carry (check id → `Finding.kind`). */
  kinds?: Record<string, string>;
  /** Which target: a self-hosted server with writes and a known tool, or a rate-limited one. */
  target: 'self-hosted' | 'rate-limited';
}
