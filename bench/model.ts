/** What a scenario receives and what it hands back for results.json and the markdown table. */
import type { BenchConfig, ScenarioId } from './config.js';

export interface ScenarioContext {
  config: BenchConfig;
  /** A fresh temporary directory for this scenario's databases and logs. */
  dir: string;
  log(line: string): void;
}

/** One line of the table: a measured figure, what it is compared with, and the target it answers to. */
export interface Row {
  measure: string;
  /** Our figure, formatted. */
  subject: string;
  /** The baseline's figure, formatted ('' when there is none). */
  baseline: string;
  /** The figure the target is about (a ratio, a difference, a rate). */
  result: string;
  /** The target in words ('' when the figure is informational). */
  target: string;
  /** Whether the target was met; null when there is no target. */
  met: boolean | null;
}

export interface ScenarioResult {
  id: ScenarioId;
  title: string;
  /** Every figure, unformatted (results.json). */
  figures: Record<string, unknown>;
  rows: Row[];
  notes: string[];
}

export type Scenario = (ctx: ScenarioContext) => Promise<ScenarioResult>;

export const fmt = {
  rate: (n: number) => (Number.isFinite(n) ? `${Math.round(n).toLocaleString('en-US')}/s` : 'n/a'),
  ms: (n: number) => (Number.isFinite(n) ? `${n < 10 ? n.toFixed(2) : n.toFixed(1)} ms` : 'n/a'),
  ratio: (n: number) => (Number.isFinite(n) ? `${n.toFixed(2)}x` : 'n/a'),
  s: (n: number) => (Number.isFinite(n) ? `${n.toFixed(1)} s` : 'n/a'),
};
