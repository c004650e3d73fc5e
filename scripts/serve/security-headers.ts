// The headers every response carries. Pages may load only this server's stylesheet and images and
// frame only this server; archived content gets the strictest policy plus a CSP sandbox, so even
// opened directly (not through the sandboxed iframe) it can run nothing and fetch nothing outside.

/** The policy of the browser's own pages: no script at all, only same-origin styles, images, frames. */
export const PAGE_CSP = [
  "default-src 'none'", "img-src 'self' data:", "style-src 'self'", "frame-src 'self'", "form-action 'self'",
  "base-uri 'none'", "frame-ancestors 'none'",
].join('; ');

/** The policy of archived pages: inline styles only, images from the archive only, sandboxed, no forms. */
export const ARCHIVED_CSP = [
  "default-src 'none'", "img-src 'self' data:", "style-src 'unsafe-inline'", "form-action 'none'",
  "base-uri 'none'", "frame-ancestors 'self'", 'sandbox',
].join('; ');

/** Archived images shown as they are: nothing may load from them, and opened alone they are sandboxed. */
export const FILE_CSP = "default-src 'none'; frame-ancestors 'self'; sandbox";

/** Headers shared by every response, with the given content security policy. */
export function securityHeaders(csp: string): Record<string, string> {
  return {
    'Content-Security-Policy': csp,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'X-DNS-Prefetch-Control': 'off',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), interest-cohort=()',
    'Cache-Control': 'no-store',
  };
}
