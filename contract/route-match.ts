/**
 * Matches a request path to the contract's path templates. OpenAPI 3.1 §4.8.8 (Path Templating Matching): a concrete
 * path wins over a templated one, so `/v1/organization/members/invite` is never taken for `{user_id}`, whatever the
 * order of the paths in the file. Between two matching templates, the one whose first differing segment is literal
 * wins; a template variable matches one whole segment (never a `/`). One trailing slash is tolerated, as Express's
 * non-strict routing does.
 */
import type { ContractOperation } from './operations.js';

export interface RouteMatch {
  /** `operation`: path and method documented; `wrong-method`: the path only; `unknown-route`: neither. */
  kind: 'operation' | 'wrong-method' | 'unknown-route';
  /** The matched path template. */
  template?: string;
  /** The documented methods of the matched path, upper case (HEAD only where documented: RFC 9110 §9.3.2). */
  allowed: string[];
  /** Path variables, percent-decoded (left as sent when the encoding is malformed). */
  params: Record<string, string>;
  /** The operation, when `kind` is `operation`. */
  operation?: ContractOperation;
  /** True when every operation on the path needs no key. */
  public: boolean;
}

interface Route {
  template: string;
  segments: { literal: boolean; regex: RegExp; names: string[] }[];
  operations: ContractOperation[];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function compileSegment(segment: string): { literal: boolean; regex: RegExp; names: string[] } {
  const names: string[] = [];
  const source = segment.replace(/\{([^}]+)\}|[^{}]+/g, (m, name: string | undefined) => {
    if (name === undefined) return escapeRegExp(m);
    names.push(name);
    return '([^/]+)';
  });
  return { literal: names.length === 0, regex: new RegExp(`^${source}$`), names };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Negative when `a` is tried first: fewer segments first (only routes of the request's length can match), then the
 * route with a literal segment where the other has a template, leftmost difference first.
 */
function bySpecificity(a: Route, b: Route): number {
  if (a.segments.length !== b.segments.length) return a.segments.length - b.segments.length;
  for (let i = 0; i < Math.min(a.segments.length, b.segments.length); i++) {
    const [x, y] = [a.segments[i]!.literal, b.segments[i]!.literal];
    if (x !== y) return x ? -1 : 1;
  }
  return 0;
}

export class RouteTable {
  private readonly routes: Route[];

  constructor(operations: readonly ContractOperation[]) {
    const byPath = new Map<string, ContractOperation[]>();
    for (const op of operations) byPath.set(op.path, [...(byPath.get(op.path) ?? []), op]);
    // A stable sort: templates equally specific keep the file order (the specification calls them ambiguous).
    this.routes = [...byPath.entries()]
      .map(([template, ops]) => ({ template, segments: template.split('/').map(compileSegment), operations: ops }))
      .sort(bySpecificity);
  }

  /** The templates, most specific first (the order `match` tries them in). */
  get templates(): string[] {
    return this.routes.map((route) => route.template);
  }

  match(method: string, pathname: string): RouteMatch {
    const path = pathname.length > 1 && pathname.endsWith('/') ? pathname.slice(0, -1) : pathname;
    const parts = path.split('/');
    for (const route of this.routes) {
      if (route.segments.length !== parts.length) continue;
      const params: Record<string, string> = {};
      const matched = route.segments.every((segment, i) => {
        const m = segment.regex.exec(parts[i]!);
        if (!m) return false;
        segment.names.forEach((name, j) => {
          params[name] = safeDecode(m[j + 1] ?? '');
        });
        return true;
      });
      if (!matched) continue;
      const allowed = route.operations.map((op) => op.method);
      const operation = route.operations.find((op) => op.method === method.toUpperCase());
      return {
        kind: operation ? 'operation' : 'wrong-method',
        template: route.template,
        allowed,
        params,
        ...(operation ? { operation } : {}),
        public: route.operations.every((op) => op.public),
      };
    }
    return { kind: 'unknown-route', allowed: [], params: {}, public: false };
  }
}
