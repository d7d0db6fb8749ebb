// The limit: a bare Fastify server, in its own process as Khabar's is, that answers each request
// with the exact bytes Khabar sent for it (status, headers, body — compressed as Khabar chose),
// held in memory. Started by bench/limit.ts with the file of captured answers as its argument;
// prints its port on stdout. Plain JavaScript, so nothing but Fastify runs per request.
import { readFileSync } from 'node:fs';
import Fastify from 'fastify';

const answers = new Map();
for (const a of JSON.parse(readFileSync(process.argv[2], 'utf8'))) {
  answers.set(`${a.method} ${a.path}`, { status: a.status, headers: a.headers, body: Buffer.from(a.body, 'base64') });
}

const app = Fastify();
// Bodies (the comment POST's form) are read and dropped, not parsed: whatever the content type.
app.removeAllContentTypeParsers();
app.addContentTypeParser('*', (_req, payload, done) => {
  payload.on('data', () => {});
  payload.on('end', () => done(null));
});
app.all('/*', (req, reply) => {
  const a = answers.get(`${req.method} ${req.url}`);
  if (!a) return reply.code(404).send();
  return reply.code(a.status).headers(a.headers).send(a.body);
});
await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${app.server.address().port}\n`);
for (const signal of ['SIGTERM', 'SIGINT']) process.once(signal, () => void app.close().then(() => process.exit(0)));
