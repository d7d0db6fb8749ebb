import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import { loadConfig } from './config.ts';
import { trustProxyOption } from './web/app.ts';

describe('TRUST_PROXY names the proxies whose X-Forwarded-For entries count', () => {
  it('is off by default and with false', () => {
    assert.equal(loadConfig({}).trustProxy, false);
    assert.equal(loadConfig({ TRUST_PROXY: 'false' }).trustProxy, false);
  });

  it('refuses true (every client could choose its own address), naming the forms that work', () => {
    assert.throws(() => loadConfig({ TRUST_PROXY: 'true' }), /TRUST_PROXY=true would let every client choose its own address; name the proxies instead: TRUST_PROXY=10\.0\.0\.5,10\.1\.0\.0\/16 .*TRUST_PROXY=1/);
    assert.throws(() => loadConfig({ TRUST_PROXY: 'yes' }), /would let every client choose/);
  });

  it('takes addresses and networks of either family, or a number of hops', () => {
    assert.deepEqual(loadConfig({ TRUST_PROXY: '10.0.0.5, 10.1.0.0/16,::1,fd00::/8' }).trustProxy, ['10.0.0.5', '10.1.0.0/16', '::1', 'fd00::/8']);
    assert.equal(loadConfig({ TRUST_PROXY: '2' }).trustProxy, 2);
    for (const bad of ['10.0.0.300', '10.0.0.0/33', 'proxy.example.org', '10.0.0.0/8/1', '::1/129', '11']) {
      assert.throws(() => loadConfig({ TRUST_PROXY: bad }), /TRUST_PROXY must/, bad);
    }
  });

  const ipBehind = async (trust: string, remoteAddress: string, forwarded: string) => {
    const app = Fastify({ trustProxy: trustProxyOption(loadConfig({ TRUST_PROXY: trust }).trustProxy) });
    app.get('/', async (req) => req.ip);
    const res = await app.inject({ url: '/', remoteAddress, headers: { 'x-forwarded-for': forwarded } });
    await app.close();
    return res.body;
  };

  it('counts only what a trusted proxy appended: the left-most entry, which the client writes, never decides', async () => {
    // The client sent "1.2.3.4"; the proxy at 10.0.0.5 appended the address it saw.
    assert.equal(await ipBehind('10.0.0.5', '10.0.0.5', '1.2.3.4, 203.0.113.9'), '203.0.113.9');
    // A request that did not come through the listed proxy: its header is ignored.
    assert.equal(await ipBehind('10.0.0.5', '198.51.100.7', '1.2.3.4'), '198.51.100.7');
    // One hop in front: the entry that hop appended.
    assert.equal(await ipBehind('1', '10.9.9.9', '1.2.3.4, 203.0.113.9'), '203.0.113.9');
    // Two proxies in a network: both trusted, the client's own address is the one before them.
    assert.equal(await ipBehind('10.0.0.0/8', '10.0.0.5', '1.2.3.4, 203.0.113.9, 10.0.0.6'), '203.0.113.9');
  });

  it('sizes the PostgreSQL pool and statement timeout from the environment, with clear refusals', () => {
    const c = loadConfig({ DATABASE_POOL_SIZE: '25', DATABASE_STATEMENT_TIMEOUT: '5000' });
    assert.equal(c.databasePoolSize, 25);
    assert.equal(c.databaseStatementTimeoutMs, 5000);
    assert.equal(loadConfig({}).databasePoolSize, 10);
    assert.throws(() => loadConfig({ DATABASE_POOL_SIZE: '0' }), /DATABASE_POOL_SIZE must be a whole number of connections from 1 to 1000 \(got "0"\)/);
    assert.throws(() => loadConfig({ DATABASE_STATEMENT_TIMEOUT: '5s' }), /DATABASE_STATEMENT_TIMEOUT must be a whole number of milliseconds/);
  });

  it('COMMENTS_PER_MINUTE sets the site-wide comment ceiling (600 unless said otherwise)', () => {
    assert.equal(loadConfig({}).commentsPerMinute, 600);
    assert.equal(loadConfig({ COMMENTS_PER_MINUTE: '5000' }).commentsPerMinute, 5000);
    assert.throws(() => loadConfig({ COMMENTS_PER_MINUTE: 'lots' }), /COMMENTS_PER_MINUTE must be a whole number of comments/);
  });

  it('PURGE names where each write purges: Varnish addresses, or a CDN with its credentials from the environment', () => {
    assert.deepEqual(loadConfig({}).purge, { kind: 'none' });
    assert.deepEqual(loadConfig({ PURGE: 'varnish:http://10.0.0.7:6081,http://10.0.0.8:6081' }).purge, { kind: 'varnish', urls: ['http://10.0.0.7:6081', 'http://10.0.0.8:6081'] });
    assert.deepEqual(loadConfig({ PURGE: 'fastly', FASTLY_API_TOKEN: 't', FASTLY_SERVICE_ID: 's' }).purge, { kind: 'fastly', token: 't', serviceId: 's', apiBase: 'https://api.fastly.com' });
    assert.throws(() => loadConfig({ PURGE: 'cloudflare', CLOUDFLARE_API_TOKEN: 't' }), /PURGE=cloudflare needs CLOUDFLARE_ZONE_ID/);
    assert.throws(() => loadConfig({ PURGE: 'akamai' }), /PURGE must be none, varnish:URL\[,URL…\], cloudflare or fastly \(got "akamai"\)/);
    assert.throws(() => loadConfig({ PURGE: 'varnish:' }), /PURGE=varnish: needs the address of each Varnish/);
  });
});

describe('MEDIA_STORE names where images are kept', () => {
  it('is the folder MEDIA_DIR (./data/media) by default, and file:<dir> names one', () => {
    const d = loadConfig({});
    assert.equal(d.mediaBucket, null);
    assert.match(d.mediaDir, /\/data\/media$/);
    assert.equal(loadConfig({ MEDIA_DIR: '/srv/m' }).mediaDir, '/srv/m');
    const f = loadConfig({ MEDIA_STORE: 'file:/srv/images', MEDIA_DIR: '/srv/m' });
    assert.deepEqual([f.mediaDir, f.mediaBucket], ['/srv/images', null]);
  });

  it('s3://bucket/prefix with the S3_* and AWS_* variables', () => {
    const c = loadConfig({ MEDIA_STORE: 's3://news-media/khabar/', S3_ENDPOINT: 'http://127.0.0.1:9000/', S3_REGION: 'eu-west-1', S3_FORCE_PATH_STYLE: 'true', AWS_ACCESS_KEY_ID: 'k', AWS_SECRET_ACCESS_KEY: 's', MEDIA_PUBLIC_URL: 'https://cdn.example.org/m/' });
    assert.deepEqual(c.mediaBucket, { bucket: 'news-media', prefix: 'khabar', endpoint: 'http://127.0.0.1:9000', region: 'eu-west-1', forcePathStyle: true, credentials: { accessKeyId: 'k', secretAccessKey: 's' } });
    assert.equal(c.mediaPublicUrl, 'https://cdn.example.org/m');
    assert.deepEqual(loadConfig({ MEDIA_STORE: 's3://news-media' }).mediaBucket, { bucket: 'news-media', prefix: '', endpoint: null, region: 'us-east-1', forcePathStyle: false, credentials: null });
  });

  it('refuses what it cannot use, naming the variable', () => {
    assert.throws(() => loadConfig({ MEDIA_STORE: 'ftp://x' }), /MEDIA_STORE must be file:<folder> or s3:\/\/bucket\/prefix/);
    assert.throws(() => loadConfig({ MEDIA_STORE: 's3://bucket/../x' }), /MEDIA_STORE: the key prefix/);
    assert.throws(() => loadConfig({ MEDIA_STORE: 's3://bucket', AWS_ACCESS_KEY_ID: 'k' }), /AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY go together/);
    assert.throws(() => loadConfig({ S3_FORCE_PATH_STYLE: 'maybe' }), /S3_FORCE_PATH_STYLE must be true or false/);
    assert.throws(() => loadConfig({ MEDIA_PUBLIC_URL: 'cdn.example.org' }), /MEDIA_PUBLIC_URL must be a full URL/);
  });
});
