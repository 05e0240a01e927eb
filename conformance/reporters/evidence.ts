/** Evidence in words: the request, what was received, what the contract documents. Bodies are excerpts. */
import { formatCitation } from '../citation.js';
import type { Exchange, Finding } from '../model.js';

const EXCERPT = 400;
/** A reproduce line longer than this (a body at a large limit) is cut in text; the json report has it whole. */
const REPRODUCE_SHOWN = 2000;

export function excerpt(text: string | undefined, max = EXCERPT): string {
  if (!text) return '';
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length <= max ? flat : `${flat.slice(0, max)}… (${text.length} characters)`;
}

function headerLine(headers: Record<string, string>, names?: string[]): string {
  const entries = Object.entries(headers).filter(([k]) => !names || names.includes(k.toLowerCase()));
  return entries.map(([k, v]) => `${k}: ${excerpt(v, 120)}`).join('; ');
}

/** The response headers worth showing: the contract's own and the ones that explain a status. */
const SHOWN = [
  'content-type',
  'x-request-id',
  'allow',
  'retry-after',
  'www-authenticate',
  'location',
  'link',
  'ratelimit-policy',
  'ratelimit',
  'x-ratelimit-limit',
  'x-ratelimit-remaining',
  'x-ratelimit-reset',
];

export function describeExchange(e: Exchange): { request: string; received: string } {
  const body = e.request.body !== undefined ? ` body(${e.request.bodySize} B): ${excerpt(e.request.body, 200)}` : '';
  const request = `${e.request.method} ${e.request.url} [${headerLine(e.request.headers)}]${body}`;
  const received = e.response
    ? `${e.response.status} [${headerLine(e.response.headers, SHOWN)}] body: ${excerpt(e.response.body) || '(empty)'}`
    : `no response: ${e.networkError ?? 'unknown error'}`;
  const resent = e.resentAfter ? ` (sent twice: the first connection closed before any answer: ${e.resentAfter})` : '';
  return { request, received: `${received}${resent}` };
}

/** A finding as indented lines for terminals and JUnit. */
export function findingLines(f: Finding): string[] {
  const lines = [`${f.severity === 'fail' ? '✗' : '!'} ${f.kind ? `[${f.kind}] ` : ''}${f.message}`];
  if (f.exchange) {
    const d = describeExchange(f.exchange);
    lines.push(`    request:    ${d.request}`, `    received:   ${d.received}`);
  }
  if (f.documented) lines.push(`    documented: ${formatCitation(f.documented)}`);
  if (f.reproduce) lines.push(`    reproduce:  ${excerpt(f.reproduce, REPRODUCE_SHOWN)}`);
  return lines;
}
