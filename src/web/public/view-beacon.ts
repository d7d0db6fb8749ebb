import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { MostRead } from '../../services/popularity/most-read.ts';

/** Where an article page reports that it was read (its own render counts nothing: a CDN may serve it). */
export const viewBeaconPath = (articleId: number) => `/views/${articleId}`;

/** A reader opens a few pages a minute; more from one address is a script inflating "most read". */
const BEACONS_PER_MINUTE = 60;

// The smallest transparent GIF, for the <noscript> image.
const PIXEL = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/**
 * The view beacon: site.js POSTs it once per page view (navigator.sendBeacon); without JavaScript
 * the page's <noscript> image GETs it. Never stored by any cache, so every view reaches an
 * instance even when the page itself came from the CDN. Ids that name no article are dropped when
 * the counts are written.
 */
export function registerViewBeacon(app: FastifyInstance, deps: { mostRead: MostRead }): void {
  const typed = app.withTypeProvider<TypeBoxTypeProvider>();
  const schema = { params: Type.Object({ id: Type.String({ pattern: '^[1-9][0-9]{0,15}$' }) }) };
  const config = { rateLimit: { max: BEACONS_PER_MINUTE, timeWindow: 60_000 } };
  typed.post('/views/:id', { schema, config }, async (req, reply) => {
    await deps.mostRead.record(Number(req.params.id));
    return reply.code(204).header('cache-control', 'no-store').send();
  });
  typed.get('/views/:id', { schema, config }, async (req, reply) => {
    await deps.mostRead.record(Number(req.params.id));
    return reply.header('cache-control', 'no-store').type('image/gif').send(PIXEL);
  });
}
