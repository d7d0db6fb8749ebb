import type { Config } from '../config.ts';
import { COMMENT_STATUSES, type CommentModeration } from '../domain/comment.ts';
import { Invalid } from '../domain/errors.ts';
import { CommentService } from '../services/comments/comments.ts';
import { DIGEST_DEFAULT_MINUTES, DIGEST_MINUTES, digestMinutes, setDigestMinutes } from '../services/comments/moderator-notices.ts';
import { POLICY_KEYS, policySettings } from '../services/comments/policy.ts';
import { openRuntime } from './bootstrap.ts';
import { type Command, type OptionValues, str, UsageError } from './command-line.ts';
import { recordCli } from './cli-audit.ts';
import { changeList, settingPairs, settingText } from './editions.ts';

/** Words filled into lines of at most 94 characters, each indented. */
function wrap(text: string, indent: number): string {
  const lines: string[] = [];
  for (const word of text.split(' ')) {
    const last = lines.length - 1;
    if (last >= 0 && lines[last]!.length + 1 + word.length <= 94) lines[last] += ` ${word}`;
    else lines.push(`${' '.repeat(indent)}${word}`);
  }
  return lines.join('\n');
}

const ACTIONS = { approve: 'approved', spam: 'spam', trash: 'trash' } as const satisfies Record<string, CommentModeration>;
const SUBCOMMANDS = ['list', 'approve', 'spam', 'trash', 'delete', 'erase', 'akismet', 'policy', 'digest'];

function commentId(v: string | undefined): number {
  if (!v || !/^[1-9]\d{0,15}$/.test(v)) throw new UsageError('give the comment id, e.g. khabar comments approve 12', 'comments');
  return Number(v);
}

/** `khabar comments …`: moderation until the newsroom has its screen for it. */
export async function commentsCommand(config: Config, args: string[], opts: { status?: string; json?: boolean; email?: string }): Promise<string> {
  const [sub = 'list', arg, ...rest] = args;
  if (!SUBCOMMANDS.includes(sub)) throw new UsageError(`unknown comments command "${sub}"`, 'comments');
  if (sub === 'policy' && !arg) throw new UsageError('comments policy needs an EDITION, e.g. khabar comments policy ar', 'comments');
  if (sub === 'akismet' && !arg) throw new UsageError('comments akismet needs the comment-check URL, or off', 'comments');
  if (sub === 'erase' && !opts.email) throw new UsageError('comments erase needs --email', 'comments');
  if (sub === 'digest' && rest.length) throw new UsageError('comments digest takes one MINUTES at most', 'comments');
  const changes = sub === 'policy' ? settingPairs(rest, 'comments') : [];
  const rt = await openRuntime(config);
  try {
    const service = new CommentService({ repos: rt.repos, clock: rt.clock, secret: rt.secret });
    switch (sub) {
      case 'list': {
        const status = opts.status as CommentModeration | undefined;
        if (status !== undefined && !COMMENT_STATUSES.includes(status)) throw new Invalid('--status', 'one_of', { options: COMMENT_STATUSES.join(', ') });
        const rows = await service.list({ ...(status && { status }), limit: 200 });
        if (opts.json) {
          return JSON.stringify(rows.map(({ emailHash: _h, ...c }) => c), null, 2);
        }
        if (!rows.length) return 'no comments';
        return rows
          .map((c) => `#${c.id} [${c.status}] article ${c.articleId}${c.parentId ? ` reply to #${c.parentId}` : ''} · ${c.createdAt} · ${c.authorName} <${c.authorEmail}> · ${c.ip}\n    ${c.body.replace(/\s+/g, ' ').slice(0, 120)}`)
          .join('\n');
      }
      case 'approve':
      case 'spam':
      case 'trash': {
        const id = commentId(arg);
        await service.setStatus(id, ACTIONS[sub]);
        await recordCli(rt, { action: `comment.${sub}`, target: `comment ${id}` });
        return `comment ${id} is now ${ACTIONS[sub]}`;
      }
      case 'delete': {
        const id = commentId(arg);
        await service.delete(id);
        await recordCli(rt, { action: 'comment.delete', target: `comment ${id}` });
        return `comment ${id} deleted`;
      }
      case 'erase': {
        const n = await service.erase(opts.email!);
        // The address is not kept: erasing someone's data must not leave it in the trail.
        await recordCli(rt, { action: 'comment.erase', detail: `${n} comments` });
        return `erased ${n} comment${n === 1 ? '' : 's'} of that address`;
      }
      case 'akismet': {
        await service.setSpamService(arg === 'off' ? null : arg!);
        // On or off only: the URL carries the service's key.
        await recordCli(rt, { action: 'settings.akismet', detail: arg === 'off' ? 'off' : 'on' });
        return arg === 'off' ? 'spam service off' : 'spam service on';
      }
      case 'digest': {
        if (arg === undefined) return `moderator digest: at most one e-mail per moderator every ${await digestMinutes(rt.repos)} minutes`;
        const minutes = await setDigestMinutes(rt.repos, arg);
        await recordCli(rt, { action: 'settings.comments-digest', detail: `${minutes} minutes` });
        return `moderator digest: at most one e-mail per moderator every ${minutes} minutes`;
      }
      default: {
        // policy: shown (after the changes, if any) under the names and spelling it is set by.
        const p = policySettings(changes.length ? await service.updatePolicy(arg!, changes) : await service.policy(arg!));
        if (changes.length) await recordCli(rt, { action: 'settings.comments-policy', target: arg!, detail: changeList(changes) });
        if (opts.json) return JSON.stringify(p, null, 2);
        return Object.entries(p).map(([k, v]) => `${k}=${settingText(v)}`).join('\n');
      }
    }
  } finally {
    await rt.close();
  }
}

export const commentsCommandSpec: Command = {
  name: 'comments',
  summary: 'moderate comments; each edition’s comment rules',
  help: `usage: khabar comments list [--status S] [--json]
       khabar comments approve|spam|trash|delete ID
       khabar comments erase --email E
       khabar comments akismet URL|off
       khabar comments policy EDITION [key=value …] [--json]
       khabar comments digest [MINUTES]

list         the newest comments (S: ${COMMENT_STATUSES.join(', ')}), as JSON with --json
approve, spam, trash, delete
             moderate one comment
erase        erase every comment of one e-mail address (on its owner's request)
akismet      use an Akismet-compatible spam service (off by default; when it fails,
             comments are held for a moderator, never lost)
policy       show an edition's comment rules as key=value, or change some and show them:
${wrap(POLICY_KEYS.join(', '), 13)}
             (word lists and notify: comma-separated)
digest       show or set how often moderators (and the policies' notify addresses) are
             e-mailed about held comments: at most one digest each per MINUTES
             (${DIGEST_MINUTES.min}–${DIGEST_MINUTES.max}; ${DIGEST_DEFAULT_MINUTES} unless set), with the count and the newest

e.g. khabar comments policy ar hold-all=false max-links=2 block-words="كلمة,أخرى"`,
  options: {
    status: { type: 'string', arg: 'S', help: 'list: only comments with this status' },
    email: { type: 'string', arg: 'E', help: 'erase: the address whose comments go' },
    json: { type: 'boolean', help: 'list, policy: as JSON' },
  },
  run: (config, args, v: OptionValues) =>
    commentsCommand(config, args, { ...(str(v.status) !== undefined && { status: str(v.status) }), ...(v.json === true && { json: true }), ...(str(v.email) !== undefined && { email: str(v.email) }) }),
};
