import { Type, type TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { adminTranslator } from '../../platform/i18n/admin-strings.ts';
import { problemMessage } from '../../platform/i18n/problems.ts';
import { AuditPage, type AuditPageVM } from '../../theme/admin/audit-pages.tsx';
import { type AdminCss, type AdminDeps, adminUrls, sendPage } from './context.ts';
import { dateText } from './editor-presenter.ts';
import { accountOf } from './route-contract.ts';

const optional = Type.Optional(Type.String());
const AuditQuery = Type.Object({ actor: optional, action: optional, since: optional, until: optional, before: optional }, { additionalProperties: true });
const PAGE = 50;

/** A day typed in a filter (YYYY-MM-DD, UTC) as the instant it starts; null when it is no day. */
function dayStart(v: string): string | null {
  if (!/^\d{4}-\d\d-\d\d$/.test(v)) return null;
  const t = Date.parse(`${v}T00:00:00Z`);
  return Number.isNaN(t) ? null : new Date(t).toISOString();
}

/** /admin/audit: the trail for administrators, with filters and paging. There is no route that changes it. */
export function registerAuditRoutes(fastify: FastifyInstance, deps: AdminDeps & { css: AdminCss }): void {
  const admin = fastify.withTypeProvider<TypeBoxTypeProvider>();
  const { audit } = deps.services;
  admin.get('/audit', { config: { can: 'audit.view' }, schema: { querystring: AuditQuery } }, async (req, reply) => {
    const me = accountOf(req);
    const t = adminTranslator(me.locale);
    const q = { actor: (req.query.actor ?? '').trim().slice(0, 320), action: (req.query.action ?? '').slice(0, 64), since: (req.query.since ?? '').trim(), until: (req.query.until ?? '').trim() };
    const since = q.since ? dayStart(q.since) : undefined;
    const until = q.until ? dayStart(q.until) : undefined;
    const bad = (v: string | null | undefined) => (v === null ? problemMessage(me.locale, { field: '', code: 'date_time', params: {} }) : null);
    const before = /^[1-9]\d{0,15}$/.test(req.query.before ?? '') ? Number(req.query.before) : undefined;
    const invalid = since === null || until === null;
    const page = invalid ? { items: [], more: false } : await audit.list({
      ...(q.actor && { actor: q.actor.toLowerCase() }), ...(q.action && { action: q.action }),
      ...(since && { since }),
      // "Until 2026-03-01" includes that whole day.
      ...(until && { until: new Date(Date.parse(until) + 86_400_000).toISOString() }),
      ...(before && { before }), limit: PAGE,
    });
    const filters = { actor: q.actor || undefined, action: q.action || undefined, since: q.since || undefined, until: q.until || undefined };
    const last = page.items.at(-1);
    const vm: AuditPageVM = {
      notices: [],
      action: adminUrls.audit(),
      actor: { id: 'au-actor', name: 'actor', label: t('au_actor'), value: q.actor, type: 'search', dir: 'ltr' },
      actionFilter: { id: 'au-action', name: 'action', label: t('au_action') },
      actions: [{ value: '', label: t('au_anyAction'), selected: !q.action }, ...(await audit.actions()).map((a) => ({ value: a, label: a, selected: a === q.action }))],
      since: { id: 'au-since', name: 'since', label: t('au_since'), value: q.since, hint: t('au_dateHint'), dir: 'ltr', error: bad(since) },
      until: { id: 'au-until', name: 'until', label: t('au_until'), value: q.until, hint: t('au_dateHint'), dir: 'ltr', error: bad(until) },
      rows: page.items.map((e) => ({ at: { iso: e.at, text: `${dateText(e.at, me.locale, 'UTC')} UTC` }, actor: e.actor || '—', action: e.action, target: e.target, detail: e.detail, ip: e.ip })),
      olderUrl: page.more && last ? adminUrls.audit({ ...filters, before: String(last.id) }) : null,
      newestUrl: before ? adminUrls.audit(filters) : null,
    };
    return sendPage(req, reply, deps, invalid ? 400 : 200, { title: t('au_title'), current: 'manage', here: adminUrls.audit(filters) }, <AuditPage vm={vm} t={t} />);
  });
}
