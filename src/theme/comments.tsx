import { Pagination } from './parts.tsx';
import type { CommentFormVM, CommentsSectionVM, CommentSegmentVM, CommentVM } from './view-models.ts';

/** The comment form's id (WordPress's); the layout ties the form token's input to it. */
export const COMMENT_FORM_ID = 'commentform';

/**
 * The comment section under an article, in WordPress's markup and ids (#comments, #comment-N,
 * #respond, #commentform) so links and habits carry over. Everything a reader typed is text:
 * Preact escapes it, and bodies arrive as text and link segments, never as HTML.
 */
export function CommentsSection({ vm }: { vm: CommentsSectionVM }) {
  return (
    <section id="comments" class="comments-area" aria-labelledby="comments-title">
      <h2 class="section-title comments-title" id="comments-title">
        {vm.heading}
      </h2>
      {vm.comments.length > 0 && (
        <ol class="comment-list">
          {vm.comments.map((c) => (
            <CommentItem c={c} />
          ))}
        </ol>
      )}
      <Pagination vm={vm.pagination} />
      {vm.closedText && <p class="no-comments">{vm.closedText}</p>}
      {vm.form && <CommentForm f={vm.form} />}
    </section>
  );
}

function Avatar({ a }: { a: CommentVM['avatar'] }) {
  const d = a.cells.map((on, i) => (on ? `M${i % 5} ${Math.floor(i / 5)}h1v1h-1z` : '')).join('');
  return (
    <svg class="avatar" width="40" height="40" viewBox="0 0 5 5" aria-hidden="true" focusable="false">
      <rect width="5" height="5" fill={`hsl(${a.hue} 40% 93%)`} />
      <path d={d} fill={`hsl(${a.hue} 55% 38%)`} />
    </svg>
  );
}

function Segment({ s }: { s: CommentSegmentVM }) {
  if (s.kind === 'text') return <>{s.text}</>;
  return (
    <a href={s.url} rel="nofollow ugc noopener">
      {s.text}
    </a>
  );
}

function CommentItem({ c }: { c: CommentVM }) {
  return (
    <li id={`comment-${c.id}`} class={`comment depth-${c.depth}${c.pendingText ? ' is-pending' : ''}`}>
      <article class="comment-body">
        <footer class="comment-meta">
          <Avatar a={c.avatar} />
          <b class="fn">
            {c.authorUrl ? (
              <a href={c.authorUrl} rel="external nofollow ugc noopener">
                <bdi>{c.authorName}</bdi>
              </a>
            ) : (
              <bdi>{c.authorName}</bdi>
            )}
          </b>
          <a class="comment-date" href={c.permalink}>
            <time dateTime={c.date.iso}>{c.date.text}</time>
          </a>
        </footer>
        {c.pendingText && <p class="comment-awaiting-moderation">{c.pendingText}</p>}
        <div class="comment-content">
          {c.paragraphs.map((lines) => (
            <p dir="auto">
              {lines.map((segs, i) => (
                <>
                  {i > 0 && <br />}
                  {segs.map((s) => (
                    <Segment s={s} />
                  ))}
                </>
              ))}
            </p>
          ))}
        </div>
        {c.reply && (
          <div class="reply">
            <a class="comment-reply-link" href={c.reply.url} aria-label={c.reply.ariaLabel} data-replyto={c.id}>
              {c.reply.label}
            </a>
          </div>
        )}
      </article>
      {c.children.length > 0 && (
        <ol class="children">
          {c.children.map((x) => (
            <CommentItem c={x} />
          ))}
        </ol>
      )}
    </li>
  );
}

const Required = () => (
  <span class="required" aria-hidden="true">
    *
  </span>
);

function FieldInput({ x }: { x: CommentFormVM['fields'][number] }) {
  const a = {
    id: x.id, name: x.name, value: x.value, maxLength: x.maxLength, autocomplete: x.autocomplete, dir: 'auto' as const,
    required: x.required, 'aria-required': x.required ? ('true' as const) : undefined, 'aria-invalid': x.error ? ('true' as const) : undefined,
    'aria-describedby': [x.error ? `${x.id}-error` : '', x.name === 'email' ? 'email-notes' : ''].filter(Boolean).join(' ') || undefined,
  };
  // One literal type per branch: Preact types <input> by its type attribute.
  if (x.type === 'email') return <input type="email" {...a} />;
  if (x.type === 'url') return <input type="url" {...a} />;
  return <input type="text" {...a} />;
}

function CommentForm({ f }: { f: CommentFormVM }) {
  const commentError = f.comment.error ? 'comment-error' : undefined;
  return (
    <div id="respond" class="comment-respond">
      <h3 id="reply-title" class="comment-reply-title">
        {f.heading}{' '}
        {f.cancelReply && (
          <small hidden={f.cancelReply.hidden || undefined}>
            <a id="cancel-comment-reply-link" href={f.cancelReply.url}>
              {f.cancelReply.label}
            </a>
          </small>
        )}
      </h3>
      <form action={f.action} method="post" id={COMMENT_FORM_ID} class="comment-form">
        {(f.message || f.errors.length > 0) && (
          <div class="form-errors" id="comment-errors" role="alert" tabindex={-1}>
            {f.message && <p>{f.message}</p>}
            {f.errors.length > 0 && (
              <ul>
                {f.errors.map((e) => (
                  <li>
                    <a href={e.url}>{e.label}</a>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )}
        <p class="comment-notes">
          <span id="email-notes">{f.emailNote}</span>{' '}
          <span class="required-field-message">
            {f.requiredNote} <span class="required">*</span>
          </span>
        </p>
        <p class="comment-form-comment">
          <label for="comment">
            {f.comment.label} <Required />
          </label>
          <textarea
            id="comment" name="comment" cols={45} rows={8} maxLength={f.comment.maxLength} required aria-required="true"
            aria-invalid={f.comment.error ? 'true' : undefined} aria-describedby={commentError} dir="auto"
          >
            {f.comment.value}
          </textarea>
          {f.comment.error && (
            <span class="field-error" id="comment-error">
              {f.comment.error}
            </span>
          )}
        </p>
        {f.fields.map((x) => (
          <p class={`comment-form-${x.name}`}>
            <label for={x.id}>
              {x.label} {x.required && <Required />}
            </label>
            <FieldInput x={x} />
            {x.error && (
              <span class="field-error" id={`${x.id}-error`}>
                {x.error}
              </span>
            )}
          </p>
        ))}
        <div class="comment-form-extra" aria-hidden="true">
          <label for={f.trap.name}>{f.trap.label}</label>
          <input id={f.trap.name} name={f.trap.name} type="text" value="" tabindex={-1} autocomplete="off" />
        </div>
        <p class="form-submit">
          <input name="submit" type="submit" id="submit" class="submit" value={f.submitLabel} />
          <input type="hidden" name="comment_post_ID" value={String(f.articleId)} id="comment_post_ID" />
          <input type="hidden" name="comment_parent" id="comment_parent" value={String(f.parentId)} />
          {f.held && <input type="hidden" name="held" value={f.held} />}
        </p>
      </form>
    </div>
  );
}
