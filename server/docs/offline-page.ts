/**
 * Makes the Redocly page fit to serve from the API's own origin with nothing fetched from elsewhere, and derives a
 * Content-Security-Policy for it. The page carries its scripts inline (`--inlineBundle`); two things still reach
 * out: Redoc's attribution logo (an <img> from cdn.redoc.ly) and the browser's automatic /favicon.ico request, which
 * this API answers with a JSON 404. Both are replaced by data: URLs, so the page works offline and logs no errors.
 */
import { createHash } from 'node:crypto';

const REDOC_LOGO = /https:\/\/cdn\.redoc\.ly\/redoc\/logo-mini(?:-full)?\.svg/g;

/** A text wordmark in place of the remote logo; the "API docs by" attribution stays. */
const LOCAL_LOGO = `data:image/svg+xml,${encodeURIComponent(
  '<svg xmlns="http://www.w3.org/2000/svg" width="52" height="14"><text x="0" y="11" font-family="sans-serif" font-size="11" fill="#0044D4">Redocly</text></svg>',
)}`;

/** An empty icon: the browser asks for none (HTML Living Standard, "link type icon"). */
const NO_FAVICON = '<link rel="icon" href="data:,">';

export function offlinePage(html: string): string {
  const withLogo = html.replace(REDOC_LOGO, LOCAL_LOGO);
  return /<link rel="icon"/i.test(withLogo) ? withLogo : withLogo.replace(/<head>/i, `<head>\n  ${NO_FAVICON}`);
}

/**
 * A policy that lets exactly this page's inline scripts run (by SHA-256 hash, CSP Level 3 §8.3), its inline styles
 * apply (styled-components writes <style> elements at run time, so those cannot be hashed), data: images and fonts
 * load, and Redoc's search index run in a blob: worker. Nothing else: no other origin, no framing, no forms.
 */
export function docsContentSecurityPolicy(html: string): string {
  const hashes = [...html.matchAll(/<script(?:\s[^>]*)?>([\s\S]*?)<\/script>/gi)].map(
    (match) =>
      `'sha256-${createHash('sha256')
        .update(match[1] ?? '', 'utf8')
        .digest('base64')}'`,
  );
  return [
    "default-src 'none'",
    `script-src ${hashes.length ? [...new Set(hashes)].join(' ') : "'none'"}`,
    "style-src 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    'worker-src blob:',
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
