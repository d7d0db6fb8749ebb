import type { Editor } from '@tiptap/core';
import type { RichEditorStrings } from './strings.ts';

export interface Tool {
  name: string;
  label: keyof RichEditorStrings;
  /** A longer description for the tooltip and the accessible name, when the label is short. */
  hint?: keyof RichEditorStrings;
  run(): void;
  active?(): boolean;
  enabled?(): boolean;
}

/**
 * The formatting toolbar: groups of buttons in reading order (so in an Arabic page they run from
 * the right), one tab stop for the whole bar with the arrow keys moving between buttons (the
 * ARIA toolbar pattern), and pressed/disabled states following the selection.
 */
export function createToolbar(editor: Editor, groups: Tool[][], s: RichEditorStrings): HTMLElement {
  const bar = document.createElement('div');
  bar.className = 'rich-toolbar';
  bar.setAttribute('role', 'toolbar');
  bar.setAttribute('aria-label', s.toolbar);
  const buttons: { tool: Tool; el: HTMLButtonElement }[] = [];
  for (const group of groups) {
    const g = document.createElement('span');
    g.className = 'rich-toolbar-group';
    for (const tool of group) {
      const el = document.createElement('button');
      el.type = 'button';
      el.className = `rich-tool rich-tool-${tool.name}`;
      el.textContent = s[tool.label];
      if (tool.hint) {
        el.title = s[tool.hint];
        el.setAttribute('aria-label', s[tool.hint]);
      }
      el.tabIndex = buttons.length === 0 ? 0 : -1;
      // mousedown would take the focus (and the selection) away from the editor.
      el.addEventListener('mousedown', (ev) => ev.preventDefault());
      el.addEventListener('click', () => tool.run());
      g.append(el);
      buttons.push({ tool, el });
    }
    bar.append(g);
  }

  bar.addEventListener('keydown', (ev) => {
    const i = buttons.findIndex((b) => b.el === document.activeElement);
    if (i < 0) return;
    const rtl = getComputedStyle(bar).direction === 'rtl';
    const step = { ArrowRight: rtl ? -1 : 1, ArrowLeft: rtl ? 1 : -1 }[ev.key];
    let next: number | undefined;
    if (step) next = (i + step + buttons.length) % buttons.length;
    else if (ev.key === 'Home') next = 0;
    else if (ev.key === 'End') next = buttons.length - 1;
    if (next === undefined) return;
    ev.preventDefault();
    buttons[i]!.el.tabIndex = -1;
    buttons[next]!.el.tabIndex = 0;
    buttons[next]!.el.focus();
  });

  const refresh = () => {
    for (const { tool, el } of buttons) {
      if (tool.active) el.setAttribute('aria-pressed', String(tool.active()));
      // aria-disabled keeps the button focusable in the toolbar's arrow-key order.
      const enabled = tool.enabled ? tool.enabled() : true;
      el.setAttribute('aria-disabled', String(!enabled));
    }
  };
  editor.on('transaction', refresh);
  refresh();
  return bar;
}
