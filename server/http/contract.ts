/**
 * The contract, loaded once from openapi.yaml: its text (served at /openapi.yaml), its parsed document (for the
 * validator and /openapi.json) and the route table derived from its paths (for 404 and 405 before authentication).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { packageInfo } from '../package-root.js';

export interface Contract {
  readonly yaml: string;
  readonly document: ContractDocument;
}

export interface ContractOperation {
  operationId?: string;
  security?: unknown[];
}

export interface ContractDocument {
  openapi: string;
  info: { title: string; version: string };
  paths: Record<string, Record<string, ContractOperation | unknown>>;
  [key: string]: unknown;
}

/** openapi.yaml at the package root (the same from the sources and from the compiled package in dist/). */
export const CONTRACT_PATH = join(packageInfo().root, 'openapi.yaml');
export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

let cached: Contract | undefined;

/** Reads openapi.yaml once per process; the file is immutable while the server runs. */
export function loadContract(): Contract {
  if (cached) return cached;
  const yaml = readFileSync(CONTRACT_PATH, 'utf8');
  cached = { yaml, document: parse(yaml) as ContractDocument };
  return cached;
}
