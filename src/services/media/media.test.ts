import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import type { Account } from '../../domain/account.ts';
import { ROLES, type Role } from '../../domain/user.ts';
import { testRuntime } from '../../../test/support/runtime.ts';
import { canDoToMedia } from '../users/capabilities.ts';
import { sniffImageFormat } from './image-check.ts';
import { FileStore } from './file-store.ts';
import { MediaStoreUnavailable, type MediaStore } from './media-store.ts';
import { Invalid } from '../../domain/errors.ts';
import { MediaService } from './media.ts';

const account = (id: number, role: Role): Account => ({ id, role, email: `${id}@example.org`, slug: `u${id}`, name: `u${id}`, locale: 'ar', createdAt: '2026-01-01T00:00:00.000Z' });

describe('media service', () => {
  it('knows each accepted format by its bytes, and nothing else', async () => {
    const make = (f: 'jpeg' | 'png' | 'webp' | 'avif' | 'gif') => sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } }).toFormat(f).toBuffer();
    for (const f of ['jpeg', 'png', 'webp', 'avif', 'gif'] as const) assert.equal(sniffImageFormat(await make(f)), f);
    assert.equal(sniffImageFormat(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')), null);
    assert.equal(sniffImageFormat(Buffer.from('GIF8')), null, 'too short');
    assert.equal(sniffImageFormat(await sharp({ create: { width: 8, height: 8, channels: 3, background: '#888' } }).tiff().toBuffer()), null);
  });

  it('media capabilities: editors and administrators any image, authors their own, contributors none', () => {
    const expected: Record<Role, [boolean, boolean]> = { administrator: [true, true], editor: [true, true], author: [true, false], contributor: [false, false] };
    for (const role of ROLES) {
      for (const action of ['media.edit', 'media.delete'] as const) {
        assert.equal(canDoToMedia({ id: 7, role }, action, { uploaderId: 7 }), expected[role][0], `${role} ${action} own`);
        assert.equal(canDoToMedia({ id: 7, role }, action, { uploaderId: 8 }), expected[role][1], `${role} ${action} other's`);
        assert.equal(canDoToMedia({ id: 7, role }, action, { uploaderId: null }), expected[role][1], `${role} ${action} a departed uploader's`);
      }
    }
  });

  it('when the database write fails, the files written for the upload are removed', async () => {
    const rt = await testRuntime();
    const id = 1; // the failing write never reaches the users table
    const failing = { ...rt.repos, write: async () => { throw new Error('disk full'); } };
    const media = new MediaService({ repos: failing, clock: rt.clock, store: new FileStore(rt.config.mediaDir), maxBytes: 1024 * 1024 });
    const data = await sharp({ create: { width: 900, height: 600, channels: 3, background: '#345' } }).jpeg().toBuffer();
    await assert.rejects(media.upload(account(id, 'editor'), { data, tooLarge: false, alt: 'صورة', caption: '', credit: '' }), /disk full/);
    assert.deepEqual(readdirSync(rt.config.mediaDir), []);
    await rt.close();
  });

  it('when the store fails part-way through an upload, what was written is removed and no row is written', async () => {
    const rt = await testRuntime();
    const disk = new FileStore(rt.config.mediaDir);
    let puts = 0;
    // A store that takes four files, then stops answering.
    const failing: MediaStore = Object.assign(Object.create(disk) as FileStore, {
      put: async (key: string, data: Buffer, type: string) => {
        if (++puts > 4) throw new MediaStoreUnavailable('media store test');
        return disk.put(key, data, type);
      },
    });
    const media = new MediaService({ repos: rt.repos, clock: rt.clock, store: failing, maxBytes: 1024 * 1024 });
    const data = await sharp({ create: { width: 900, height: 600, channels: 3, background: '#345' } }).jpeg().toBuffer();
    const u = (await rt.repos.db.kysely.insertInto('users').values({ email: 'e@example.org', slug: 'e', display_name: 'e', role: 'editor', password_hash: null, bio: '', created_at: '2026-01-01T00:00:00.000Z' }).returning('id').executeTakeFirstOrThrow()).id;
    await assert.rejects(media.upload(account(u, 'editor'), { data, tooLarge: false, alt: 'صورة', caption: '', credit: '' }), MediaStoreUnavailable);
    assert.ok(puts > 4);
    const left: string[] = [];
    for await (const o of disk.list()) left.push(o.key);
    assert.deepEqual(left, []);
    assert.equal((await rt.repos.db.kysely.selectFrom('media').selectAll().execute()).length, 0);
    await rt.close();
  });

  it('reports every problem of a refused upload at once', async () => {
    const rt = await testRuntime();
    const media = new MediaService({ repos: rt.repos, clock: rt.clock, store: new FileStore(rt.config.mediaDir), maxBytes: 1024 });
    const err = await media.upload(account(1, 'author'), { data: Buffer.from('not an image at all'), tooLarge: false, alt: '', caption: 'x'.repeat(2001), credit: '' }).catch((e: unknown) => e);
    assert.ok(err instanceof Invalid);
    assert.deepEqual(err.problems, [
      { field: 'file', code: 'not_an_image' },
      { field: 'alt', code: 'required' },
      { field: 'caption', code: 'too_long', params: { max: 2000 } },
    ]);
    await assert.rejects(media.upload(account(1, 'contributor'), { data: null, tooLarge: false, alt: 'x', caption: '', credit: '' }), { code: 'forbidden' });
    await rt.close();
  });
});

describe('media in a folder (file: store)', () => {
  it('sweeps temporary files and folders a crash left behind, but not recent ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'khabar-sweep-'));
    const image = '0123456789abcdef0123-10x10';
    mkdirSync(join(dir, '.incoming-old'));
    mkdirSync(join(dir, '.incoming-new'));
    mkdirSync(join(dir, image));
    writeFileSync(join(dir, image, '.tmp-old'), 'x');
    writeFileSync(join(dir, image, '10.jpg'), 'x');
    // Ages set on the folders, against a fixed "now": nothing here depends on when it runs.
    const now = new Date('2026-03-01T12:00:00Z');
    const twoHoursAgo = new Date(now.getTime() - 2 * 3600_000);
    const aMinuteAgo = new Date(now.getTime() - 60_000);
    utimesSync(join(dir, '.incoming-old'), twoHoursAgo, twoHoursAgo);
    utimesSync(join(dir, '.incoming-new'), aMinuteAgo, aMinuteAgo);
    utimesSync(join(dir, image, '.tmp-old'), twoHoursAgo, twoHoursAgo);
    utimesSync(join(dir, image, '10.jpg'), twoHoursAgo, twoHoursAgo);
    assert.equal(await new FileStore(dir).sweep(now), 2);
    assert.deepEqual(readdirSync(dir).sort(), ['.incoming-new', image]);
    assert.deepEqual(readdirSync(join(dir, image)), ['10.jpg']);
    rmSync(dir, { recursive: true, force: true });
  });

  it('keeps only keys of the library\'s shape: no way out of the folder', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'khabar-keys-'));
    const store = new FileStore(dir);
    for (const key of ['../x/1.jpg', '0123456789abcdef0123-10x10/../../x', '0123456789abcdef0123-10x10/.tmp-x', 'a/b']) {
      await assert.rejects(store.put(key, Buffer.from('x'), 'image/jpeg'), /not a media key/, key);
    }
    await store.put('0123456789abcdef0123-10x10/10.jpg', Buffer.from('x'), 'image/jpeg');
    assert.deepEqual(await store.head('0123456789abcdef0123-10x10/10.jpg'), { key: '0123456789abcdef0123-10x10/10.jpg', size: 1 });
    await store.delete(['0123456789abcdef0123-10x10/10.jpg']);
    assert.deepEqual(readdirSync(dir), [], 'the image folder goes with its last file');
    rmSync(dir, { recursive: true, force: true });
  });
});
