import type { Problem, ProblemCode, ProblemParams } from '../../domain/errors.ts';
import type { CommentField } from '../../domain/comment.ts';
import { LIMITS } from './policy.ts';
import { cleanLine, cleanText } from './text.ts';

export interface CleanFields {
  authorName: string;
  authorEmail: string;
  authorUrl: string;
  body: string;
}

// WordPress's is_email() in spirit: one @, a dot in the domain, no spaces.
const EMAIL = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[^\s@<>()[\]\\,;:"]{2,}$/;

/** The website field as WordPress keeps it: http(s) only, a bare host gets http://. */
function cleanUrl(raw: string): string | null {
  if (!raw) return '';
  const withScheme = /^[a-z][a-z0-9+.-]*:/i.test(raw) ? raw : `http://${raw}`;
  try {
    const u = new URL(withScheme);
    if ((u.protocol !== 'http:' && u.protocol !== 'https:') || !u.hostname.includes('.')) return null;
    return u.href;
  } catch {
    return null;
  }
}

/**
 * Cleans and checks the four fields; every problem is collected at once, per field (the form's
 * names), so the form can show each message beside its field.
 */
export function validateFields(raw: CleanFields): { fields: CleanFields; problems: Problem[] } {
  const found: Problem[] = [];
  const problems = { add: (field: CommentField, code: ProblemCode, params?: ProblemParams) => void found.push({ field, code, ...(params && { params }) }) };
  const authorName = cleanLine(raw.authorName);
  const authorEmail = cleanLine(raw.authorEmail);
  const urlIn = cleanLine(raw.authorUrl);
  const body = cleanText(raw.body);

  if (!authorName) problems.add('author', 'required');
  else if ([...authorName].length > LIMITS.author) problems.add('author', 'too_long', { max: LIMITS.author });

  if (!authorEmail) problems.add('email', 'required');
  else if (authorEmail.length > LIMITS.email) problems.add('email', 'too_long', { max: LIMITS.email });
  else if (!EMAIL.test(authorEmail)) problems.add('email', 'email_address');

  const authorUrl = cleanUrl(urlIn);
  if (authorUrl === null) problems.add('url', 'website');
  else if (authorUrl.length > LIMITS.url) problems.add('url', 'too_long', { max: LIMITS.url });

  if (!body) problems.add('comment', 'required');
  else if ([...body].length > LIMITS.comment) problems.add('comment', 'too_long', { max: LIMITS.comment });

  return { fields: { authorName, authorEmail, authorUrl: authorUrl ?? '', body }, problems: found };
}
