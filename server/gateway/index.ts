export type * from './types.js';
export { createGateway, type GatewayOptions } from './gateway.js';
export { createCircuitBreaker, type CircuitBreaker, type CircuitBreakerOptions, type CircuitState } from './circuit-breaker.js';
export { systemClock, type Clock } from './clock.js';
