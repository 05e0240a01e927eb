/** A small RFC 8288 `Link` header parser: `<uri>; rel="next", <uri>; rel="last"`. */
export function parseLinkHeader(value: string | undefined, base: string): Map<string, URL> {
  const links = new Map<string, URL>();
  if (!value) return links;
  for (const part of value.split(/,(?=\s*<)/)) {
    const m = /^\s*<([^>]*)>(.*)$/.exec(part);
    if (!m) continue;
    const rel = /;\s*rel\s*=\s*"?([^";]+)"?/i.exec(m[2] ?? '');
    if (!rel?.[1]) continue;
    try {
      for (const r of rel[1].trim().split(/\s+/)) links.set(r.toLowerCase(), new URL(m[1] ?? '', base));
    } catch {
      // An unparseable URI is reported by the caller as a missing relation.
    }
  }
  return links;
}
