/** The success envelope every handler answers with (`{ success: true, data }`). */
import type { components } from '../../generated/schema.js';

export type Pagination = components['schemas']['Pagination'];

export function ok<T>(data: T): { success: true; data: T } {
  return { success: true, data };
}

export function okList<T>(data: T[], pagination: Pagination): { success: true; data: T[]; pagination: Pagination } {
  return { success: true, data, pagination };
}
