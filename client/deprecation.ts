/**
 * Deprecation notices: what a response says about its operation's deprecation, read from the headers the API sends
 * (openapi.yaml, "Versioning"): `Deprecation` (RFC 9745), `Sunset` (RFC 8594) and `Link: <…>; rel="deprecation"`.
 */

/**
 * One deprecated operation, as `onDeprecation` receives it.
 *
 * @example
 * const notice: DeprecationNotice = {
 *   operation: 'GET /v1/mcps',
 *   deprecatedSince: new Date('2026-12-01T00:00:00Z'),
 *   sunset: new Date('2027-06-30T00:00:00Z'),
 *   link: 'https://api.plexmcp.com/docs#section/Migration-guides',
 * };
 */
export interface DeprecationNotice {
  /** The method and the path template called: `GET /v1/mcps/{mcp_id}`. */
  readonly operation: string;
  /** When the deprecation took effect (`Deprecation: @<epoch>`); absent when the header carries no date. */
  readonly deprecatedSince?: Date;
  /** From when the operation may stop working (`Sunset`); absent when not announced. */
  readonly sunset?: Date;
  /** The migration notes (`Link` with `rel="deprecation"`), resolved against the response's URL. */
  readonly link?: string;
}

/** Link-values of an RFC 8288 `Link` field: `<target>; param=value; …`, commas inside `<…>` or quotes kept. */
function linkValues(field: string): { target: string; rel: string[] }[] {
  const out: { target: string; rel: string[] }[] = [];
  for (const match of field.matchAll(/<([^>]*)>((?:\s*;\s*[^;,=]+(?:=(?:"[^"]*"|[^;,]*))?)*)/g)) {
    const rel = /;\s*rel\s*=\s*(?:"([^"]*)"|([^;,\s]+))/i.exec(match[2] ?? '');
    out.push({ target: match[1] ?? '', rel: (rel?.[1] ?? rel?.[2] ?? '').toLowerCase().split(/\s+/) });
  }
  return out;
}

/**
 * The notice a response carries, or undefined when it announces no deprecation (no `Deprecation` header).
 *
 * @example
 * const notice = deprecationNotice('GET /v1/mcps', response);
 * if (notice?.sunset) console.warn(`${notice.operation} stops working on ${notice.sunset.toISOString()}`);
 */
export function deprecationNotice(operation: string, response: Response): DeprecationNotice | undefined {
  const header = response.headers.get('deprecation');
  if (header === null) return undefined;
  // RFC 9745 §2.1: an sf-date, `@` and an integer of seconds since the epoch.
  const since = /^\s*@(-?\d+)\s*$/.exec(header);
  const sunsetHeader = response.headers.get('sunset');
  const sunset = sunsetHeader ? new Date(sunsetHeader) : undefined;
  const target = linkValues(response.headers.get('link') ?? '').find((l) => l.rel.includes('deprecation'))?.target;
  let link: string | undefined;
  if (target !== undefined) {
    try {
      link = new URL(target, response.url || undefined).href;
    } catch {
      link = target;
    }
  }
  return {
    operation,
    ...(since ? { deprecatedSince: new Date(Number(since[1]) * 1000) } : {}),
    ...(sunset && !Number.isNaN(sunset.getTime()) ? { sunset } : {}),
    ...(link !== undefined ? { link } : {}),
  };
}
