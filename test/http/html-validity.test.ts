import assert from 'node:assert/strict';
import { execFile, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { isCi } from '../../src/config.ts';
import { AR_ARTICLE, EN_ARTICLE, EN_ARTICLE_ID, commentSite, reader, type CommentSite } from '../support/comments.ts';
import { testSite, type TestSite } from '../support/app.ts';

/** The Nu HTML Checker's jar (npm vnu-jar), or null when the package is not installed. */
function vnuJar(): string | null {
  try {
    return join(createRequire(import.meta.url).resolve('vnu-jar/package.json'), '..', 'build', 'dist', 'vnu.jar');
  } catch {
    return null;
  }
}

/** Why the checker cannot run here, or null when it can (a Java runtime and the jar). */
function missing(): string | null {
  if (!vnuJar()) return 'the vnu-jar package is not installed';
  try {
    execFileSync('java', ['-version'], { stdio: 'ignore' });
    return null;
  } catch {
    return 'no java on PATH (Debian: apt-get install default-jre-headless)';
  }
}

interface NuMessage {
  type: string;
  url: string;
  lastLine?: number;
  message: string;
  extract?: string;
}

/** Every page through one run of the checker (the JVM starts once): its errors, one line each. */
async function nuErrors(pages: Map<string, string>): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'khabar-vnu-'));
  try {
    const files = [...pages].map(([name, html], i) => {
      const file = join(dir, `${i}-${name.replace(/[^a-z0-9]+/gi, '-')}.html`);
      writeFileSync(file, html);
      return file;
    });
    const stderr = await new Promise<string>((resolve, reject) => {
      // Exit status 1 means "errors found": the JSON report says which.
      execFile('java', ['-Xss4m', '-jar', vnuJar()!, '--format', 'json', '--errors-only', ...files], { maxBuffer: 32 * 1024 * 1024 }, (err, _out, errOut) => {
        if (err && typeof err.code !== 'number') reject(err);
        else resolve(errOut);
      });
    });
    const report = JSON.parse(stderr) as { messages: NuMessage[] };
    return report.messages.filter((m) => m.type === 'error').map((m) => `${m.url.split('/').pop()}:${m.lastLine ?? '?'}: ${m.message} [${(m.extract ?? '').trim().slice(0, 120)}]`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const reason = missing();

if (reason && isCi()) {
  it('the Nu HTML Checker runs', () => {
    throw new Error(`${reason}; CI=true, so the HTML checks must run`);
  });
} else {
  describe('every kind of public page is valid HTML (the Nu HTML Checker, 0 errors)', { skip: reason ?? false }, () => {
    let demo: TestSite;
    let s: CommentSite;
    const pages = new Map<string, string>();
    const get = async (site: TestSite, url: string, cookies: Record<string, string> = {}) => {
      const res = await site.app.fastify.inject({ url, cookies });
      assert.equal(res.statusCode, 200, url);
      return res.body;
    };

    before(async () => {
      // The demo: home pages with photos, section pages, articles with photo, caption and credit.
      demo = await testSite({ demo: true });
      for (const edition of ['ar', 'en']) {
        const home = await get(demo, `/${edition}/`);
        pages.set(`${edition}-home`, home);
        const lead = /<section class="lead[^"]*"[^>]*>.*?<h2><a href="([^"]+)"/s.exec(home)?.[1];
        assert.ok(lead, `the ${edition} home page has a lead story`);
        pages.set(`${edition}-article`, await get(demo, lead));
        pages.set(`${edition}-section`, await get(demo, `/${edition}/category/economy/`));
      }
      // Comments: an approved one, a held one shown to its author, and a refused form shown again.
      s = await commentSite();
      for (const [url, id] of [[AR_ARTICLE, undefined], [EN_ARTICLE, EN_ARTICLE_ID]] as const) {
        const ok = await s.post({ ...reader(1), comment: 'Approved, with a link: https://example.org/a' }, { url, ...(id && { articleId: id }) });
        await s.comments.setStatus(Number(/#comment-(\d+)$/.exec(ok.location ?? '')?.[1]), 'approved');
        const held = await s.post({ ...reader(2), comment: 'Held for moderation.' }, { url, ...(id && { articleId: id }) });
        const edition = url.split('/')[1]!;
        pages.set(`${edition}-comments-held`, await get(s, url, held.cookies));
        const refused = await s.post({ author: '', email: 'not-an-address', comment: '' }, { url, ...(id && { articleId: id }) });
        assert.equal(refused.status, 400);
        pages.set(`${edition}-comment-form-refused`, refused.body);
      }
    });
    after(async () => {
      await demo?.close();
      await s?.close();
    });

    it('home, article, section and comment pages of both editions', async () => {
      assert.equal(pages.size, 10);
      assert.deepEqual(await nuErrors(pages), []);
    });
  });
}
