import type { Config } from '../config.ts';
import { COMMENT_STATUSES, type CommentModeration } from '../domain/comment.ts';
import { Invalid } from '../domain/errors.ts';
import { CommentService } from '../services/comments/comments.ts';
import { POLICY_KEYS } from '../services/comments/policy.ts';
import { openRuntime } from './bootstrap.ts';

export const COMMENTS_USAGE = `  comments list [--status S] [--json]
                     the newest comments (S: pending, approved, spam, trash)
  comments approve|spam|trash|delete ID
                     moderate one comment
  comments erase --email E
                     erase every comment of one e-mail address (on its owner's request)
  comments akismet URL|off
                     use an Akismet-compatible spam service (off by default; if it fails,
                     comments are held for a moderator, never lost)
  comments policy EDITION [key=value …]
                     show or change an edition's comment rules: ${POLICY_KEYS.join(', ')}`;

const ACTIONS = { approve: 'approved', spam: 'spam', trash: 'trash' } as const satisfies Record<string, CommentModeration>;

function commentId(v: string | undefined): number {
  if (!v || !/^[1-9]\d{0,15}$/.test(v)) throw new Invalid('comments', 'give the comment id, e.g. khabar comments approve 12');
  return Number(v);
}

/** `khabar comments …`: moderation until the newsroom has its screen for it. */
export async function commentsCommand(config: Config, args: string[], opts: { status?: string; json?: boolean; email?: string }): Promise<string> {
  const rt = await openRuntime(config);
  try {
    const service = new CommentService({ repos: rt.repos, clock: rt.clock, secret: rt.secret });
    const [sub = 'list', arg, ...rest] = args;
    switch (sub) {
      case 'list': {
        const status = opts.status as CommentModeration | undefined;
        if (status !== undefined && !COMMENT_STATUSES.includes(status)) throw new Invalid('--status', `must be one of ${COMMENT_STATUSES.join(', ')}`);
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
        return `comment ${id} is now ${ACTIONS[sub]}`;
      }
      case 'delete': {
        const id = commentId(arg);
        await service.delete(id);
        return `comment ${id} deleted`;
      }
      case 'erase': {
        if (!opts.email) throw new Invalid('--email', 'name the address: khabar comments erase --email reader@example.org');
        const n = await service.erase(opts.email);
        return `erased ${n} comment${n === 1 ? '' : 's'} of that address`;
      }
      case 'akismet': {
        if (!arg) throw new Invalid('comments', 'give the comment-check URL, or off');
        await service.setSpamService(arg === 'off' ? null : arg);
        return arg === 'off' ? 'spam service off' : 'spam service on';
      }
      case 'policy': {
        if (!arg) throw new Invalid('comments', 'name the edition: khabar comments policy ar [key=value …]');
        const changes = rest.map((p): [string, string] => {
          const i = p.indexOf('=');
          if (i < 1) throw new Invalid(p, 'write settings as key=value');
          return [p.slice(0, i), p.slice(i + 1)];
        });
        const p = changes.length ? await service.updatePolicy(arg, changes) : await service.policy(arg);
        return JSON.stringify(p, null, 2);
      }
      default:
        throw new Invalid('comments', `unknown subcommand "${sub}"\n${COMMENTS_USAGE}`);
    }
  } finally {
    await rt.close();
  }
}
