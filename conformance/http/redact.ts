/**
 * Redaction of API keys from everything the suite records (evidence, reports, HAR files), so that a report can be
 * shared without leaking credentials. Keys are matched three ways: by value (the configured and created keys), by the
 * documented shape (`pmcp_` + base62, openapi.yaml "Authentication") and by the `key` field of a creation response.
 */
const SECRET_HEADERS = new Set(['authorization', 'x-api-key', 'proxy-authorization', 'cookie', 'set-cookie']);
const KEY_SHAPE = /pmcp_[A-Za-z0-9]{8,}/g;
const KEY_FIELD = /("key"\s*:\s*")([^"]+)(")/g;
export const REDACTED = '[REDACTED]';

export class Redactor {
  private readonly secrets = new Set<string>();

  constructor(secrets: Iterable<string | undefined> = []) {
    for (const s of secrets) this.add(s);
  }

  /** Remembers a secret so that every later record hides it. */
  add(secret: string | undefined): void {
    if (secret && secret.length >= 6) this.secrets.add(secret);
  }

  /**
   * A key of the documented shape becomes `pmcp_REDACTEDxxxx…` of the same length: still base62, so the oracle can
   * judge a redacted creation response against ApiKeyCreated's `key` pattern without ever holding the secret.
   */
  text(input: string): string {
    let out = input.replace(KEY_SHAPE, (key) => `pmcp_REDACTED${'x'.repeat(Math.max(0, key.length - 13))}`);
    for (const s of this.secrets) out = out.split(s).join(REDACTED);
    return out.replace(KEY_FIELD, (whole, open: string, value: string, close: string) =>
      value.startsWith('pmcp_REDACTED') ? whole : `${open}${REDACTED}${close}`,
    );
  }

  /** Header values of credential headers keep only their scheme (`ApiKey [REDACTED]`). */
  headers(input: Record<string, string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [name, value] of Object.entries(input)) {
      if (!SECRET_HEADERS.has(name.toLowerCase())) {
        out[name] = this.text(value);
        continue;
      }
      const space = value.indexOf(' ');
      out[name] =
        name.toLowerCase() === 'authorization' && space > 0 ? `${value.slice(0, space)} ${REDACTED}` : REDACTED;
    }
    return out;
  }
}
