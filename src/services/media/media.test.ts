import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import type { Account } from '../../domain/account.ts';
import { ROLES, type Role } from '../../domain/user.ts';
import { testRuntime } from '../../../test/support/runtime.ts';
import { canDoToMedia } from '../users/capabilities.ts';
import { sniffImageFormat } from './image-check.ts';
import { MediaFiles } from './media-files.ts';
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
    const media = new MediaService({ repos: failing, clock: rt.clock, mediaDir: rt.config.mediaDir, maxBytes: 1024 * 1024 });
    const data = await sharp({ create: { width: 900, height: 600, channels: 3, background: '#345' } }).jpeg().toBuffer();
    await assert.rejects(media.upload(account(id, 'editor'), { data, tooLarge: false, alt: 'صورة', caption: '', credit: '' }), /disk full/);
    assert.deepEqual(readdirSync(rt.config.mediaDir), []);
    await rt.close();
  });

  it('reports every problem of a refused upload at once', async () => {
    const rt = await testRuntime();
    const media = new MediaService({ repos: rt.repos, clock: rt.clock, mediaDir: rt.config.mediaDir, maxBytes: 1024 });
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

describe('media files', () => {
  it('sweeps temporary folders a crash left behind, but not recent ones', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'khabar-sweep-'));
    mkdirSync(join(dir, '.incoming-old'));
    mkdirSync(join(dir, '.incoming-new'));
    mkdirSync(join(dir, '0123456789abcdef0123-10x10'));
    // Ages set on the folders, against a fixed "now": nothing here depends on when it runs.
    const now = new Date('2026-03-01T12:00:00Z');
    const twoHoursAgo = new Date(now.getTime() - 2 * 3600_000);
    const aMinuteAgo = new Date(now.getTime() - 60_000);
    utimesSync(join(dir, '.incoming-old'), twoHoursAgo, twoHoursAgo);
    utimesSync(join(dir, '.incoming-new'), aMinuteAgo, aMinuteAgo);
    assert.equal(await new MediaFiles(dir).sweep(now), 1);
    assert.deepEqual(readdirSync(dir).sort(), ['.incoming-new', '0123456789abcdef0123-10x10']);
    rmSync(dir, { recursive: true, force: true });
  });
});
