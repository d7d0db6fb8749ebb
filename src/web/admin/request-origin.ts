import type { FastifyReply, FastifyRequest } from 'fastify';
import { Forbidden } from '../../domain/errors.ts';

/** A state-changing newsroom request sent from another site (refused before anything else runs). */
export class ForeignRequest extends Forbidden {
  constructor(why: string) {
    super(`cross-site request refused: ${why}`);
  }
}

/**
 * OWASP's defence in depth beside the CSRF token: a browser says where a request comes from,
 * with Fetch Metadata (`Sec-Fetch-Site`) or, older ones, `Origin`. Anything but this site itself
 * is refused — 'same-site' too, as a sibling host (another edition's, a subdomain) is not the
 * newsroom. A request with neither header (a non-browser client) is left to the CSRF token.
 * The newsroom's own origin is SITE_URL's, or the one the request was addressed to (through
 * TRUST_PROXY, the proxy's scheme and host).
 */
export function checkOrigin(siteUrl: string) {
  const site = new URL(siteUrl).origin;
  return async (req: FastifyRequest, _reply: FastifyReply) => {
    const fetchSite = req.headers['sec-fetch-site'];
    if (typeof fetchSite === 'string') {
      if (fetchSite === 'same-origin' || fetchSite === 'none') return;
      throw new ForeignRequest(`Sec-Fetch-Site: ${fetchSite}`);
    }
    const origin = req.headers.origin;
    if (origin === undefined) return;
    if (origin === site || origin === `${req.protocol}://${req.host}`) return;
    throw new ForeignRequest(`Origin: ${origin}`);
  };
}

/** Methods that change something: every one of them is checked. */
export const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
