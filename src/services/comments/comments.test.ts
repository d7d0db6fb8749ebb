import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Comment } from '../../domain/comment.ts';
import { Invalid } from '../../domain/errors.ts';
import { problemLines } from '../../platform/i18n/problems.ts';
import { AkismetChecker } from './akismet.ts';
import { emailHash, identiconOf } from './avatar.ts';
import { fixedClock } from '../../platform/clock.ts';
import type { Repositories } from '../../storage/repositories.ts';
import { CommentService } from './comments.ts';
import { checkFormToken, issueFormToken } from './form-token.ts';
import { applyPolicySetting, decideStatus, DEFAULT_POLICY, parsePolicy, type ModerationFacts } from './policy.ts';
import { bodyParagraphs, cleanText, countLinks, findListedWord } from './text.ts';
import { buildThread } from './thread.ts';
import { validateFields } from './validate.ts';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const T0 = new Date('2024-05-01T09:00:00Z');
const at = (s: number) => new Date(T0.getTime() + s * 1000);
const limits = { minFillSeconds: 3, maxAgeSeconds: 86400 };

describe('the form token', () => {
  it('is valid between the minimum fill time and the maximum age, for its article only', () => {
    const t = issueFormToken(SECRET, 7, T0);
    assert.equal(checkFormToken(SECRET, 7, t, at(1), limits), 'early');
    assert.equal(checkFormToken(SECRET, 7, t, at(3), limits), 'ok');
    assert.equal(checkFormToken(SECRET, 7, t, at(86401), limits), 'expired');
    assert.equal(checkFormToken(SECRET, 8, t, at(5), limits), 'invalid');
    assert.equal(checkFormToken('another-secret-another-secret-another', 7, t, at(5), limits), 'invalid');
    assert.equal(checkFormToken(SECRET, 7, t.replace(/^\d+/, (n) => String(Number(n) - 100)), at(5), limits), 'invalid');
    assert.equal(checkFormToken(SECRET, 7, 'garbage', at(5), limits), 'invalid');
  });

  it('remembers a verified signature, not a verdict: the age rules still apply, and other tokens are checked', () => {
    const verified = new Set<string>();
    const t = issueFormToken(SECRET, 7, T0);
    assert.equal(checkFormToken(SECRET, 7, t, at(5), limits, verified), 'ok');
    assert.equal(verified.size, 1);
    assert.equal(checkFormToken(SECRET, 7, t, at(1), limits, verified), 'early');
    assert.equal(checkFormToken(SECRET, 7, t, at(86401), limits, verified), 'expired');
    assert.equal(checkFormToken(SECRET, 8, t, at(5), limits, verified), 'invalid', 'bound to its article');
    const forged = t.slice(0, -1) + (t.endsWith('A') ? 'B' : 'A');
    assert.equal(checkFormToken(SECRET, 7, forged, at(5), limits, verified), 'invalid');
    assert.equal(checkFormToken(SECRET, 7, ` ${t} `, at(5), limits, verified), 'ok');
    assert.equal(verified.size, 1, 'only verified tokens are kept');
  });

  it('is the one issued in the same second for the same article (kept, not signed per response)', () => {
    const clock = fixedClock(T0.toISOString());
    const service = new CommentService({ repos: {} as Repositories, clock, secret: SECRET });
    const first = service.formToken(7);
    assert.equal(first, issueFormToken(SECRET, 7, T0));
    clock.advance(999);
    assert.equal(service.formToken(7), first);
    assert.equal(service.formToken(8), issueFormToken(SECRET, 8, T0));
    clock.advance(1);
    assert.equal(service.formToken(7), issueFormToken(SECRET, 7, at(1)));
  });
});

describe('moderation policy', () => {
  const facts = (o: Partial<ModerationFacts> = {}): ModerationFacts => ({
    authorName: 'سارة', authorEmail: 's@example.org', authorUrl: '', body: 'تعليق', ip: '10.0.0.1', userAgent: 'UA',
    trapped: false, known: true, spamVerdict: null, ...o,
  });

  it('holds a first comment and approves a known commenter (WordPress’s default)', () => {
    assert.equal(decideStatus(DEFAULT_POLICY, facts({ known: false })).status, 'pending');
    assert.equal(decideStatus(DEFAULT_POLICY, facts()).status, 'approved');
  });

  it('holds at the link limit, for hold words, and for everything under "hold all"', () => {
    assert.equal(decideStatus(DEFAULT_POLICY, facts({ body: 'http://a.example http://b.example' })).status, 'pending');
    assert.equal(decideStatus(DEFAULT_POLICY, facts({ body: 'http://a.example only' })).status, 'approved');
    assert.equal(decideStatus({ ...DEFAULT_POLICY, holdWords: ['مراجعة'] }, facts({ body: 'مُراجَعَة' })).status, 'pending');
    assert.equal(decideStatus({ ...DEFAULT_POLICY, holdAll: true }, facts()).status, 'pending');
  });

  it('bins block words, marks honeypot and spam-service spam, and fails open to pending', () => {
    assert.equal(decideStatus({ ...DEFAULT_POLICY, blockWords: ['كازينو'] }, facts({ authorName: 'كـــازينو' })).status, 'trash');
    assert.equal(decideStatus(DEFAULT_POLICY, facts({ trapped: true })).status, 'spam');
    assert.equal(decideStatus(DEFAULT_POLICY, facts({ spamVerdict: 'spam' })).status, 'spam');
    assert.equal(decideStatus(DEFAULT_POLICY, facts({ spamVerdict: 'unknown' })).status, 'pending');
    assert.equal(decideStatus(DEFAULT_POLICY, facts({ spamVerdict: 'ham' })).status, 'approved');
  });

  it('is stored as JSON over the defaults and changed by validated key=value settings', () => {
    const p = applyPolicySetting(applyPolicySetting(DEFAULT_POLICY, 'max-links', '3'), 'block-words', 'أ, ب\nج');
    assert.equal(p.maxLinks, 3);
    assert.deepEqual(p.blockWords, ['أ', 'ب', 'ج']);
    assert.deepEqual(parsePolicy(JSON.stringify(p)), p);
    assert.equal(parsePolicy('{"maxLinks":"many"}').maxLinks, 2);
    assert.throws(() => applyPolicySetting(DEFAULT_POLICY, 'thread-depth', '99'), /thread-depth/);
    assert.throws(() => applyPolicySetting(DEFAULT_POLICY, 'colour', 'red'), (e: unknown) =>
      e instanceof Invalid && e.problems[0]?.field === 'colour' && e.problems[0].code === 'not_a_setting' && /Not a setting \(known: .*max-links/.test(problemLines(e.problems).join('')));
  });
});

describe('word matching on normalised Arabic', () => {
  it('sees through tashkeel, tatweel, hamza/alef forms, ى/ي, ة/ه and invisible characters', () => {
    for (const text of ['الإعلانُ المدفوعُ', 'الاعلان المدفوع', 'الإعـــلان المدفوعة', 'ال\u200Bإعلان المدفوع', 'آلإعلان']) {
      assert.ok(findListedWord(['إعلان'], [text]), text);
    }
    assert.ok(findListedWord(['مستشفى'], ['مستشفي قريب']));
    assert.ok(findListedWord(['Casino'], ['best CASINO here']));
    assert.equal(findListedWord(['كازينو'], ['مقال عادي']), null);
  });
});

describe('plain-text bodies', () => {
  it('keeps paragraphs and line breaks, links http(s) URLs only, and drops bidi overrides', () => {
    const p = bodyParagraphs('سطر أول\nسطر ثانٍ\n\nانظر https://example.org/a?b=1، ثم javascript:alert(1)\n\n\u202Eevil');
    assert.equal(p.length, 3);
    assert.equal(p[0]!.lines.length, 2);
    assert.deepEqual(p[1]!.lines[0], [
      { kind: 'text', text: 'انظر ' },
      { kind: 'link', url: 'https://example.org/a?b=1', text: 'https://example.org/a?b=1' },
      { kind: 'text', text: '، ثم javascript:alert(1)' },
    ]);
    assert.deepEqual(p[2]!.lines[0], [{ kind: 'text', text: 'evil' }]);
    assert.equal(countLinks('www.a.example and https://b.example. and ftp://c.example'), 2);
    assert.equal(cleanText('a\r\nb\u0007'), 'a\nb');
  });

  it('validates WordPress’s fields and limits, reporting every problem at once', () => {
    const { problems, fields } = validateFields({ authorName: ' ', authorEmail: 'bad', authorUrl: 'example.org/x', body: 'ب'.repeat(65526) });
    assert.deepEqual(problems.map((p) => p.field).sort(), ['author', 'comment', 'email']);
    assert.equal(fields.authorUrl, 'http://example.org/x');
    assert.deepEqual(validateFields({ authorName: 'a', authorEmail: 'a@b.co', authorUrl: 'javascript:alert(1)', body: 'x' }).problems, [{ field: 'url', code: 'website' }]);
  });
});

describe('threads', () => {
  const c = (id: number, parentId: number | null): Comment => ({
    id, parentId, articleId: 1, authorName: 'a', authorUrl: '', body: 'b', status: 'approved', createdAt: at(id).toISOString(), emailHash: 'h',
  });

  it('nests to the depth limit, then keeps deeper replies at the limit', () => {
    const chain = [c(1, null), c(2, 1), c(3, 2), c(4, 3)];
    const t = buildThread(chain, [], { depth: 3, perPage: 50, page: 1 });
    const d3 = t.roots[0]!.children[0]!.children[0]!;
    assert.equal(d3.depth, 3);
    assert.deepEqual(d3.children, []);
    assert.deepEqual(t.roots[0]!.children[0]!.children.map((n) => n.comment.id), [3, 4]);
  });

  it('pages top-level threads and counts approved comments only', () => {
    const t = buildThread([c(1, null), c(2, null), c(3, 2), c(4, null)], [{ ...c(5, null), status: 'pending' }], { depth: 5, perPage: 2, page: 2 });
    assert.equal(t.count, 4);
    assert.equal(t.pages, 2);
    assert.deepEqual(t.roots.map((n) => n.comment.id), [4, 5]);
  });
});

describe('avatars and the spam-service adapter', () => {
  it('draws a mirrored identicon from a keyed hash that differs per secret', () => {
    const h = emailHash(SECRET, ' Reader@Example.org ');
    assert.equal(h, emailHash(SECRET, 'reader@example.org'));
    assert.notEqual(h, emailHash(`${SECRET}x`, 'reader@example.org'));
    const a = identiconOf(SECRET, h);
    assert.equal(a.cells.length, 25);
    for (let r = 0; r < 5; r++) assert.equal(a.cells[r * 5], a.cells[r * 5 + 4]);
  });

  it('answers spam/ham from an Akismet-compatible service, and unknown when it fails', async () => {
    const input = { articleUrl: '', authorName: 'a', authorEmail: 'a@b.co', authorUrl: '', body: 'x', ip: '', userAgent: '', lang: 'ar' };
    const answering = (text: string, status = 200) => new AkismetChecker({ endpoint: 'http://127.0.0.1:9/check', site: 'http://news.test', fetch: async () => new Response(text, { status }) });
    assert.equal(await answering('true').check(input), 'spam');
    assert.equal(await answering('false').check(input), 'ham');
    assert.equal(await answering('invalid').check(input), 'unknown');
    assert.equal(await answering('false', 500).check(input), 'unknown');
    const down = new AkismetChecker({ endpoint: 'http://127.0.0.1:9/check', site: 'x', fetch: async () => { throw new Error('ECONNREFUSED'); } });
    assert.equal(await down.check(input), 'unknown');
  });
});
