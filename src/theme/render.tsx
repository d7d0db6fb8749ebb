import type { ComponentChildren } from 'preact';
import { renderToString } from 'preact-render-to-string';
import { Layout } from './layout.tsx';
import type { LayoutVM } from './view-models.ts';

/** A whole HTML document. Preact escapes every text and attribute value by default. */
export function renderDocument(layout: LayoutVM, body: ComponentChildren): string {
  return `<!doctype html>${renderToString(<Layout vm={layout}>{body}</Layout>)}`;
}
