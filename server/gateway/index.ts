/** The gateway to upstream MCP servers, and the helpers `POST /mcp` and the health checker build on. */

export { type Clock, systemClock } from '../clock.js';
export {
  type CircuitBreaker,
  type CircuitBreakerOptions,
  type CircuitPermit,
  type CircuitState,
  createCircuitBreaker,
} from './circuit-breaker.js';
export { createGateway, type GatewayOptions } from './gateway.js';
export { createHealthChecker, type HealthChecker, type HealthCheckerOptions } from './health-checker.js';
export {
  assertValidArguments,
  convenienceResult,
  findTool,
  type InvocationMeta,
  resolveTool,
  suggestTool,
  toInvokeResult,
  toolNotFound,
  validateArguments,
} from './invocation.js';
export type * from './types.js';
