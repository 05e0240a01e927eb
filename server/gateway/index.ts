/** The gateway to upstream MCP servers, and the helpers `POST /mcp` and the health checker build on. */
export type * from './types.js';
export { createGateway, type GatewayOptions } from './gateway.js';
export { createCircuitBreaker, type CircuitBreaker, type CircuitBreakerOptions, type CircuitPermit, type CircuitState } from './circuit-breaker.js';
export { createHealthChecker, type HealthChecker, type HealthCheckerOptions } from './health-checker.js';
export {
  assertValidArguments,
  convenienceResult,
  findTool,
  resolveTool,
  suggestTool,
  toInvokeResult,
  toolNotFound,
  validateArguments,
  type InvocationMeta,
} from './invocation.js';
export { systemClock, type Clock } from './clock.js';
