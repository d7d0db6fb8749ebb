import { Extension, Node } from '@tiptap/core';
import { addColumnAfter, addRowAfter, deleteTable, goToNextCell, isInTable, tableEditing } from '@tiptap/pm/tables';

/**
 * Tables as the sanitiser keeps them (table, tbody, tr, th, td): the first row of headers, plain
 * text (with emphasis and links) in each cell. prosemirror-tables gives cell selection and
 * Tab / Shift+Tab between cells; Tab in the last cell adds a row, as in word processors.
 */
const ROLES: Record<string, string> = { table: 'table', tableRow: 'row', tableCell: 'cell', tableHeader: 'header_cell' };

const cellAttrs = () => ({
  colspan: { default: 1, parseHTML: (el: HTMLElement) => Number(el.getAttribute('colspan') ?? 1) || 1, renderHTML: (a: { colspan: number }) => (a.colspan > 1 ? { colspan: a.colspan } : {}) },
  rowspan: { default: 1, parseHTML: (el: HTMLElement) => Number(el.getAttribute('rowspan') ?? 1) || 1, renderHTML: (a: { rowspan: number }) => (a.rowspan > 1 ? { rowspan: a.rowspan } : {}) },
  colwidth: { default: null, rendered: false },
});

const TableCell = Node.create({
  name: 'tableCell',
  content: 'inline*',
  isolating: true,
  addAttributes: cellAttrs,
  parseHTML: () => [{ tag: 'td' }],
  renderHTML: ({ HTMLAttributes }) => ['td', HTMLAttributes, 0],
});

const TableHeader = Node.create({
  name: 'tableHeader',
  content: 'inline*',
  isolating: true,
  addAttributes: cellAttrs,
  parseHTML: () => [{ tag: 'th' }],
  renderHTML: ({ HTMLAttributes }) => ['th', HTMLAttributes, 0],
});

const TableRow = Node.create({
  name: 'tableRow',
  content: '(tableCell | tableHeader)+',
  parseHTML: () => [{ tag: 'tr' }],
  renderHTML: () => ['tr', 0],
});

const Table = Node.create({
  name: 'table',
  group: 'block',
  content: 'tableRow+',
  isolating: true,
  parseHTML: () => [{ tag: 'table' }],
  renderHTML: () => ['table', ['tbody', 0]],
  addProseMirrorPlugins: () => [tableEditing()],
  addKeyboardShortcuts() {
    return {
      Tab: () => {
        const { state, view } = this.editor;
        if (!isInTable(state)) return false;
        if (goToNextCell(1)(state, view.dispatch)) return true;
        // The last cell: a new row, and the caret in its first cell.
        if (!addRowAfter(state, view.dispatch)) return false;
        return goToNextCell(1)(view.state, view.dispatch);
      },
      'Shift-Tab': () => (isInTable(this.editor.state) ? goToNextCell(-1)(this.editor.state, this.editor.view.dispatch) || true : false),
    };
  },
});

const TableRoles = Extension.create({
  name: 'tableRoles',
  extendNodeSchema: (ext) => (ROLES[ext.name] ? { tableRole: ROLES[ext.name] } : {}),
});

export const TableExtensions = [TableRoles, Table, TableRow, TableHeader, TableCell];

/** A rows × cols table whose first row is headers, as JSON the editor inserts. */
export function tableContent(rows = 3, cols = 3) {
  const cells = (type: string) => Array.from({ length: cols }, () => ({ type }));
  return { type: 'table', content: Array.from({ length: rows }, (_, r) => ({ type: 'tableRow', content: cells(r === 0 ? 'tableHeader' : 'tableCell') })) };
}

export { addColumnAfter, addRowAfter, deleteTable, isInTable };
