import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fixedClock } from '../platform/clock.ts';
import { REPORT_KINDS, type WxrReport } from '../services/importer/import-wxr.ts';
import { formatWxrReport, progressReporter, wxrExitCode } from './import-report.ts';

const report = (over: Partial<WxrReport> = {}): WxrReport => ({
  file: 'export.xml', edition: 'ar', wxrVersion: '1.2', dryRun: false, permalinks: { structure: '/%postname%/', detected: true },
  counts: Object.fromEntries(REPORT_KINDS.map((k) => [k, { imported: 0, updated: 0, skipped: 0 }])) as WxrReport['counts'],
  skipped: [], notes: [], externalImages: 0, attachmentsLeft: 0, unknownShortcodes: {}, ...over,
});

describe('the WordPress import’s report and progress', () => {
  it('exits 0 when all came over, 2 with skipped items, 1 when nothing was written', () => {
    const some = report();
    some.counts.post.imported = 3;
    assert.equal(wxrExitCode(some), 0);
    assert.equal(wxrExitCode({ ...some, skipped: [{ kind: 'comment', wpId: 4, title: '', reason: 'a pingback' }] }), 2);
    assert.equal(wxrExitCode(report({ skipped: [{ kind: 'nav_menu_item', wpId: 4, title: '', reason: 'x' }] })), 1);
  });

  it('prints a table per kind, then every skipped item and every note', () => {
    const r = report({ skipped: [{ kind: 'comment', wpId: 506, title: 'x', reason: 'a pingback' }], notes: [{ kind: 'post', wpId: 103, title: 'محمي', note: 'password-protected' }], externalImages: 3, unknownShortcodes: { contact_form: 2 } });
    r.counts.post = { imported: 5, updated: 1, skipped: 0 };
    const text = formatWxrReport(r);
    assert.match(text, /^posts\s+5\s+1\s+0$/m);
    assert.match(text, /images still at the old site's address: 3/);
    assert.match(text, /\[contact_form\] ×2/);
    assert.match(text, /^ {2}comment 506 “x”: a pingback$/m);
    assert.match(text, /^ {2}post 103 “محمي”: password-protected$/m);
  });

  it('writes a plain line every tenth of the way off a terminal, a bar with rate and time left on one', () => {
    const clock = fixedClock('2025-01-01T00:00:00Z');
    let out = '';
    const plain = progressReporter({ write: (s: string) => (out += s) }, false, clock);
    for (let done = 1; done <= 100; done++) {
      clock.advance(10);
      plain.update({ done, total: 100 });
    }
    plain.end();
    assert.equal(out.split('\n').filter(Boolean).length, 11, 'the first batch, then each tenth');
    assert.match(out, /khabar: import: 100\/100 items \(100\/s, 0:00 left\)\n$/);
    out = '';
    const clock2 = fixedClock('2025-01-01T00:00:00Z');
    const bar = progressReporter({ write: (s: string) => (out += s) }, true, clock2);
    clock2.advance(1000);
    bar.update({ done: 50, total: 200 });
    assert.equal(out, `\r[${'#'.repeat(8)}${'.'.repeat(22)}] 50/200 items, 50/s, 0:03 left `);
    bar.end();
    assert.ok(out.endsWith('\n'));
  });

  it('says the time left in whole minutes and seconds, never «1:60»', () => {
    let out = '';
    const clock = fixedClock('2025-01-01T00:00:00Z');
    const plain = progressReporter({ write: (s: string) => (out += s) }, false, clock);
    // 1,001 items in 1 s, 120,000 to go: 119.88 s left, which is 2:00.
    clock.advance(1000);
    plain.update({ done: 1001, total: 121_001 });
    assert.match(out, /\(1001\/s, 2:00 left\)\n$/);
  });
});
