import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Unavailable } from '../domain/errors.ts';
import type { MediaService } from '../services/media/media.ts';

/**
 * Uploaded images' variants at /media/<name>/<width>.<ext>, streamed from the media store
 * (a folder or a bucket: every instance serves every image). A URL is never reused for other
 * bytes (a new upload gets a new name), so answers are cacheable for a year. Only names of the
 * exact shape media-urls.ts makes reach the store: `..`, encoded slashes and the stored original
 * (which keeps its EXIF) answer 404. A store that does not answer costs that image a 503, not
 * the page.
 */
export function registerMediaFiles(app: FastifyInstance, deps: { media: MediaService }): void {
  app.withTypeProvider<TypeBoxTypeProvider>().get('/media/:name/:file', { schema: { params: Type.Object({ name: Type.String(), file: Type.String() }) } }, async (req, reply) => {
    let f;
    try {
      f = await deps.media.file(req.params.name, req.params.file);
    } catch (e) {
      if (!(e instanceof Unavailable)) throw e;
      req.log.warn({ err: e }, 'media store unavailable');
      return reply.code(503).header('retry-after', '5').header('cache-control', 'no-store').type('text/plain; charset=utf-8').send('503: the image store is unavailable; try again in a moment\n');
    }
    if (!f) return app.khabarErrorPage(req, reply, 404);
    return reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .header('content-length', f.size)
      .type(f.type)
      .send(f.body);
  });
}
