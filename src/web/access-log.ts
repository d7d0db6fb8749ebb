import { type FastifyReply, type FastifyRequest, LogController } from 'fastify';

/**
 * The access log: one line per answered request (at level info), in place of Fastify's two
 * ("incoming request", then "request completed" with the request and response serialised):
 * method, url, status, `responseTime` in milliseconds and `bytes`, the body as sent (compressed
 * when it was). A response that failed on its way out stays an error line, as Fastify writes it.
 * The stream behind the logger decides when lines reach the disk (platform/log-stream.ts).
 */
export class AccessLog extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply, metadata?: Record<string, unknown>): void {
    if (error) return super.requestCompleted(error, request, reply, metadata);
    request.log.info({
      method: request.method,
      url: request.url,
      statusCode: reply.statusCode,
      responseTime: Math.round(reply.elapsedTime * 100) / 100,
      bytes: Number(reply.getHeader('content-length') ?? 0),
    });
  }
}
