export { type MonthWindow, monthWindow } from './month-window.js';
export { PLAN_LIMITS, type PlanLimits, planLimits } from './plan-limits.js';
export {
  createQuotaGuard,
  type MonthlyUsage,
  type QuotaGuard,
  type QuotaGuardOptions,
  type QuotaReservation,
} from './quota-guard.js';
