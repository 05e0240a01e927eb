/**
 * Headers every response carries. API responses are JSON that must never be sniffed, framed, cached or rendered as a
 * document; handlers that serve something else (the contract, the docs page) override what they need.
 */
import type { NextFunction, Request, Response } from 'express';

const HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  // Responses carry organisation data and key material: no shared or private cache may keep them (RFC 9111 §5.2.2.5).
  'Cache-Control': 'no-store',
};

export function securityHeaders() {
  return function securityHeadersStage(_req: Request, res: Response, next: NextFunction): void {
    for (const [name, value] of Object.entries(HEADERS)) res.setHeader(name, value);
    res.removeHeader('X-Powered-By');
    next();
  };
}
