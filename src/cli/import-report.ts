import type { Clock } from '../platform/clock.ts';
import { REPORT_KINDS, type WxrProgress, type WxrReport } from '../services/importer/import-wxr.ts';

/** 0: everything came over; 2: finished with skipped items; 1: nothing was written (all skipped). */
export function wxrExitCode(r: WxrReport): number {
  const written = REPORT_KINDS.some((k) => r.counts[k].imported + r.counts[k].updated > 0);
  if (!written && r.skipped.length) return 1;
  return r.skipped.length ? 2 : 0;
}

const PLURAL: Record<string, string> = { post: 'posts', page: 'pages', attachment: 'attachments', category: 'sections', tag: 'tags', author: 'authors', comment: 'comments' };

/** The report as a person reads it: a table per kind, then every skipped item and every note. */
export function formatWxrReport(r: WxrReport): string {
  const rows = REPORT_KINDS.map((k) => [PLURAL[k]!, r.counts[k].imported, r.counts[k].updated, r.counts[k].skipped] as const);
  const w = Math.max(...rows.map((x) => x[0].length), 5);
  const num = (n: number) => String(n).padStart(9);
  const lines = [
    `${r.dryRun ? 'dry run (nothing was written): ' : ''}${r.file} (WXR ${r.wxrVersion}) into edition ${r.edition}`,
    '',
    `${'kind'.padEnd(w)} ${'imported'.padStart(9)} ${'updated'.padStart(9)} ${'skipped'.padStart(9)}`,
    ...rows.map(([k, i, u, s]) => `${k.padEnd(w)} ${num(i)} ${num(u)} ${num(s)}`),
    '',
    r.permalinks.structure
      ? `old permalinks: ${r.permalinks.structure} (${r.permalinks.detected ? 'detected from the export' : 'as given'}), kept for the edition`
      : 'old permalinks: not detected (give --permalinks STRUCTURE to keep the old post addresses answering)',
  ];
  if (r.attachmentsLeft) lines.push(`attachments left on the old site: ${r.attachmentsLeft} (no --uploads: their alt text and captions still came over with featured images)`);
  if (r.externalImages) lines.push(`images still at the old site's address: ${r.externalImages} (import with --uploads DIR to bring them into the media library)`);
  const shortcodes = Object.entries(r.unknownShortcodes);
  if (shortcodes.length) lines.push(`shortcodes kept as text: ${shortcodes.map(([s, n]) => `[${s}] ×${n}`).join(', ')}`);
  // Kinds outside the table (menu items, other post types, terms of other taxonomies) are listed too.
  const other = r.skipped.filter((s) => !(REPORT_KINDS as readonly string[]).includes(s.kind)).length;
  if (other) lines.push(`other things not brought over: ${other} (listed below)`);
  if (r.skipped.length) {
    lines.push('', `skipped (${r.skipped.length}):`);
    for (const s of r.skipped) lines.push(`  ${s.kind} ${s.wpId}${s.title ? ` “${s.title}”` : ''}: ${s.reason}`);
  }
  if (r.notes.length) {
    lines.push('', `brought over differently (${r.notes.length}):`);
    for (const n of r.notes) lines.push(`  ${n.kind} ${n.wpId}${n.title ? ` “${n.title}”` : ''}: ${n.note}`);
  }
  return lines.join('\n');
}

/**
 * Progress on standard error: a bar redrawn in place on a terminal (items, items/s, time left),
 * otherwise a plain line every tenth of the way (a log file gets a few lines, not thousands).
 */
export function progressReporter(out: { write(s: string): unknown }, tty: boolean, clock: Clock): { update: (p: WxrProgress) => void; end: () => void } {
  const start = clock.now().getTime();
  let lastTenth = -1;
  let lastDraw = 0;
  let drawn = false;
  const line = (p: WxrProgress) => {
    const secs = Math.max(0.001, (clock.now().getTime() - start) / 1000);
    const rate = p.done / secs;
    // Rounded once, to whole seconds: rounding the seconds alone turned 119.9 s into «1:60».
    const left = rate > 0 ? Math.max(0, Math.round((p.total - p.done) / rate)) : 0;
    const eta = `${Math.floor(left / 60)}:${String(left % 60).padStart(2, '0')}`;
    return { rate: Math.round(rate), eta };
  };
  return {
    update(p) {
      if (tty) {
        const now = clock.now().getTime();
        if (now - lastDraw < 100 && p.done < p.total) return;
        lastDraw = now;
        const { rate, eta } = line(p);
        const width = 30;
        const filled = p.total ? Math.round((p.done / p.total) * width) : 0;
        out.write(`\r[${'#'.repeat(filled)}${'.'.repeat(width - filled)}] ${p.done}/${p.total} items, ${rate}/s, ${eta} left `);
        drawn = true;
      } else {
        const tenth = p.total ? Math.floor((p.done / p.total) * 10) : 10;
        if (tenth === lastTenth) return;
        lastTenth = tenth;
        const { rate, eta } = line(p);
        out.write(`khabar: import: ${p.done}/${p.total} items (${rate}/s, ${eta} left)\n`);
      }
    },
    end() {
      if (drawn) out.write('\n');
    },
  };
}
