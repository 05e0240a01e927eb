/**
 * Matches a concrete request path to an OpenAPI path template (OpenAPI 3.1 §4.8.8: literal paths win over templated
 * ones, and a template variable matches one path segment).
 */
export interface RouteMatch {
  kind: 'operation' | 'wrong-method' | 'unknown-route';
  template?: string;
  /** The documented methods of the matched path, upper case. */
  allowed: string[];
  params: Record<string, string>;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

interface Compiled {
  template: string;
  regex: RegExp;
  names: string[];
  templated: number;
  methods: string[];
}

export class RouteTable {
  private readonly routes: Compiled[];

  constructor(paths: Record<string, unknown>) {
    this.routes = Object.entries(paths).map(([template, item]) => {
      const names: string[] = [];
      const pattern = template
        .split('/')
        .map((segment) =>
          segment.replace(/\{([^}]+)\}|[^{}]+/g, (m, name: string | undefined) => {
            if (name) {
              names.push(name);
              return '([^/]+)';
            }
            return m.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
          }),
        )
        .join('/');
      const methods = Object.keys((item ?? {}) as object)
        .filter((k) => METHODS.includes(k))
        .map((m) => m.toUpperCase());
      return { template, regex: new RegExp(`^${pattern}$`), names, templated: names.length, methods };
    });
    this.routes.sort((a, b) => a.templated - b.templated);
  }

  match(method: string, pathname: string): RouteMatch {
    const path = pathname.length > 1 ? pathname.replace(/\/+$/, '') : pathname;
    for (const route of this.routes) {
      const m = route.regex.exec(path);
      if (!m) continue;
      const params: Record<string, string> = {};
      route.names.forEach((name, i) => {
        params[name] = decodeURIComponent(m[i + 1] ?? '');
      });
      const kind = route.methods.includes(method.toUpperCase()) ? 'operation' : 'wrong-method';
      return { kind, template: route.template, allowed: route.methods, params };
    }
    return { kind: 'unknown-route', allowed: [], params: {} };
  }
}
