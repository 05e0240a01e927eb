/**
 * Words for a change: where it is (request body, a response, a parameter, and the field inside it) and what happened.
 * The library's own sentence is kept where it has one; some of its changes come without one, or with a bare index.
 */
import type { LibraryDiff } from './library.js';

type Path = LibraryDiff['path'];

/** `error.code`, `data[].status`: the fields a schema path passes through. */
export function fieldOf(path: Path): string {
  let field = '';
  for (let i = 0; i < path.length; i++) {
    if (path[i] === 'properties' && path[i + 1] !== undefined) field += `${field ? '.' : ''}${String(path[++i])}`;
    else if (path[i] === 'items') field += '[]';
  }
  return field;
}

/** `Response 404 body`, `Request body`, `query parameter`… of an operation-level path. */
export function placeOf(path: Path): string {
  if (path[3] === 'responses')
    return path[5] === 'content' ? `Response ${String(path[4])} body` : `Response ${String(path[4])}`;
  if (path[3] === 'requestBody') return 'Request body';
  if (path[3] === 'parameters') return 'parameter';
  return String(path[3] ?? path[0]);
}

const quote = (v: unknown) => JSON.stringify(v);

/** What changed, in words. */
export function messageOf(d: LibraryDiff): string {
  const last = d.path.at(-1);
  const field = fieldOf(d.path);
  const where = `${placeOf(d.path)}${field ? ` \`${field}\`` : ''}`;
  if (d.path.at(-2) === 'enum' && typeof last === 'number') {
    if (d.action === 'add') return `${where} may also be ${quote(d.after)}`;
    if (d.action === 'remove') return `${where} is no longer ${quote(d.before)}`;
  }
  if (d.path.at(-2) === 'required' && typeof last === 'number') {
    const name = quote(d.action === 'add' ? d.after : d.before);
    return d.action === 'add' ? `${where}: ${name} is now required` : `${where}: ${name} is no longer required`;
  }
  const text = d.description?.trim();
  if (text && /^\[\w+\] \S/.test(text) && !/^\[\w+\] in /.test(text) && !/annotation \(\d+\)/.test(text)) return text;
  const verb = { add: 'Added', remove: 'Removed', replace: 'Replaced', rename: 'Renamed' }[d.action];
  const value = d.action === 'remove' ? d.before : d.after;
  const shown = typeof value === 'object' ? '' : ` ${quote(value)}`;
  return `[${verb}] ${String(last)}${shown} in ${where}`;
}
