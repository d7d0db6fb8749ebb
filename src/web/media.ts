import { createReadStream } from 'node:fs';
import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import type { VariantFormat } from '../domain/media.ts';
import { MediaFiles } from '../services/media/media-files.ts';
import { CONTENT_TYPES } from '../services/media/media-urls.ts';

/**
 * Uploaded images' variants at /media/<name>/<width>.<ext>. A URL is never reused for other
 * bytes (a new upload gets a new name), so answers are cacheable for a year. Only names of the
 * exact shape media-urls.ts makes reach the disk: `..`, encoded slashes and the stored original
 * (which keeps its EXIF) answer 404.
 */
export function registerMediaFiles(app: FastifyInstance, deps: { mediaDir: string }): void {
  const files = new MediaFiles(deps.mediaDir);
  app.withTypeProvider<TypeBoxTypeProvider>().get('/media/:name/:file', { schema: { params: Type.Object({ name: Type.String(), file: Type.String() }) } }, async (req, reply) => {
    const f = await files.find(req.params.name, req.params.file);
    if (!f) return app.khabarErrorPage(req, reply, 404);
    return reply
      .header('cache-control', 'public, max-age=31536000, immutable')
      .header('x-content-type-options', 'nosniff')
      .header('content-length', f.size)
      .type(CONTENT_TYPES[f.format as VariantFormat])
      .send(createReadStream(f.path));
  });
}
