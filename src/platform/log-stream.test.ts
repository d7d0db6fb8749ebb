import assert from 'node:assert/strict';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { BufferedLogStream } from './log-stream.ts';

describe('BufferedLogStream (the server log, written in chunks)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-log-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  let n = 0;
  const open = () => {
    const file = join(dir, `log-${++n}`);
    return { file, fd: openSync(file, 'w'), read: () => readFileSync(file, 'utf8') };
  };
  const line = (i: number) => `{"level":30,"msg":"line ${i}"}\n`;

  it('holds info lines back until a chunk is full, and writes every line, in order, by end()', async () => {
    const { fd, read } = open();
    const log = new BufferedLogStream(fd, { minLength: 4096, maxDelayMs: 60_000 });
    log.lastLevel = 30;
    log.write(line(0));
    assert.equal(read(), '', 'one short line is not a system call');
    for (let i = 1; i < 2000; i++) log.write(line(i));
    await log.end();
    closeSync(fd);
    assert.deepEqual(read().trimEnd().split('\n'), Array.from({ length: 2000 }, (_, i) => line(i).trimEnd()));
  });

  it('writes an error at once, with the lines before it', () => {
    const { fd, read } = open();
    const log = new BufferedLogStream(fd, { minLength: 4096, maxDelayMs: 60_000 });
    log.lastLevel = 30;
    log.write(line(1));
    log.lastLevel = 50;
    log.write('{"level":50,"msg":"failed"}\n');
    assert.equal(read(), `${line(1)}{"level":50,"msg":"failed"}\n`);
    closeSync(fd);
  });

  it('writes an error that comes while a chunk is in flight right after that chunk', async () => {
    const { fd, read } = open();
    const log = new BufferedLogStream(fd, { minLength: 64, maxDelayMs: 60_000 });
    log.lastLevel = 30;
    for (let i = 0; i < 3; i++) log.write(line(i)); // past minLength: a chunk is in flight
    log.lastLevel = 50;
    log.write('{"level":50,"msg":"failed"}\n');
    await log.end();
    closeSync(fd);
    assert.equal(read(), `${line(0)}${line(1)}${line(2)}{"level":50,"msg":"failed"}\n`);
  });

  it('keeps lines of any length and script whole, across chunks', async () => {
    const { fd, read } = open();
    const log = new BufferedLogStream(fd, { minLength: 64, maxDelayMs: 60_000 });
    const lines = [line(1), `{"url":"/ar/${'خبر-'.repeat(100)}"}\n`, line(2), `{"msg":"${'x'.repeat(1000)}"}\n`, `{"msg":"😀 ${'عربي'.repeat(30)}"}\n`];
    for (const l of lines) log.write(l);
    await log.end();
    closeSync(fd);
    assert.equal(read(), lines.join(''));
  });

  it('flushSync() writes what is left when the process exits', () => {
    const { fd, read } = open();
    const log = new BufferedLogStream(fd, { minLength: 4096, maxDelayMs: 60_000 });
    log.write(line(7));
    log.flushSync();
    assert.equal(read(), line(7));
    closeSync(fd);
  });
});
