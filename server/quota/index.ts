export { PLAN_LIMITS, planLimits, type PlanLimits } from './plan-limits.js';
export { monthWindow, type MonthWindow } from './month-window.js';
export { createQuotaGuard, type MonthlyUsage, type QuotaGuard, type QuotaGuardOptions } from './quota-guard.js';
