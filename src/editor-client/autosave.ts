import { fill, type RichEditorStrings } from './strings.ts';

export interface AutosaveOptions {
  form: HTMLFormElement;
  url: string;
  status: HTMLElement;
  strings: RichEditorStrings;
  /** The editor with its toolbar. */
  editor: HTMLElement;
  /** Writes the editor's HTML into the form's textarea before the form is read. */
  sync(): void;
  intervalMs?: number;
}

type Answer =
  /** editUrl and autosaveUrl come with the first save of a new article, which creates it. */
  | { ok: true; savedAt?: string; version?: string | number; editUrl?: string; autosaveUrl?: string }
  | { ok: false; error?: string; conflict?: unknown };

/**
 * Saves the draft in the background: every ~10 s and when the editor or a field loses focus,
 * if something changed since the last save, the whole form (with its _csrf and version) is
 * POSTed to the page's autosave URL, and the answer's new version goes back into the form, so
 * the next save (automatic or by hand) is not mistaken for someone else's. A conflict stops
 * autosaving: the server keeps both texts and a manual save shows the difference.
 */
export class Autosave {
  private edits = 0;
  private savedEdits = 0;
  private inFlight: Promise<void> | null = null;
  private stopped = false;
  private readonly timer: ReturnType<typeof setInterval>;

  constructor(private readonly o: AutosaveOptions) {
    const { form } = o;
    form.addEventListener('input', () => this.changed());
    form.addEventListener('change', () => this.changed());
    form.addEventListener('focusout', (ev) => {
      // Leaving the editor or a field saves; moving between the toolbar and the text does not.
      const to = ev.relatedTarget as Node | null;
      if (to && o.editor.contains(to) && o.editor.contains(ev.target as Node)) return;
      // Going to a submit button: the submit itself carries the text (and the version).
      if (to instanceof HTMLButtonElement && to.type === 'submit' && to.form === form) return;
      void this.saveNow();
    });
    form.addEventListener('submit', (ev) => {
      if (this.inFlight) {
        // The form's version is about to change: submit once the autosave has answered, or the
        // save would be refused as a conflict with our own autosave.
        ev.preventDefault();
        const submitter = (ev as SubmitEvent).submitter;
        void this.inFlight.then(() => form.requestSubmit(submitter));
        return;
      }
      // A normal submit carries the text: nothing left to save or to warn about.
      this.stop();
      this.savedEdits = this.edits;
    });
    window.addEventListener('beforeunload', (ev) => {
      if (this.dirty) ev.preventDefault();
    });
    this.timer = setInterval(() => void this.saveNow(), o.intervalMs ?? 10_000);
  }

  get dirty(): boolean {
    return this.edits !== this.savedEdits;
  }

  /** Something in the form (or the editor) changed. */
  changed(): void {
    this.edits++;
    if (!this.stopped && !this.inFlight) this.show(this.o.strings.unsaved);
  }

  /** Saves if there is something to save (waits for a save in progress first). */
  async saveNow(): Promise<void> {
    // A loop: several callers may have been waiting for the same save.
    while (this.inFlight) await this.inFlight;
    if (this.stopped || !this.dirty) return;
    this.inFlight = this.post().finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  private async post(): Promise<void> {
    const { form, strings: s } = this.o;
    this.o.sync();
    const at = this.edits;
    // urlencoded, like the form's own submit: the same route parser reads both.
    const body = new URLSearchParams();
    for (const [k, v] of new FormData(form)) if (typeof v === 'string') body.append(k, v);
    this.show(s.saving);
    let answer: Answer;
    try {
      const res = await fetch(form.dataset.autosaveUrl ?? this.o.url, {
        method: 'POST',
        body,
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
      });
      answer = (await res.json()) as Answer;
    } catch {
      this.show(s.saveFailed, true);
      return;
    }
    if (answer.ok) {
      this.savedEdits = at;
      if (answer.version !== undefined) versionInput(form).value = String(answer.version);
      // The article exists now: later saves, by hand or automatic, must update it, not create another.
      if (answer.editUrl && sameOrigin(answer.editUrl)) {
        // setAttribute: the form's buttons are named "action", which shadows form.action.
        form.setAttribute('action', answer.editUrl);
        history.replaceState(history.state, '', answer.editUrl);
      }
      if (answer.autosaveUrl && sameOrigin(answer.autosaveUrl)) form.dataset.autosaveUrl = answer.autosaveUrl;
      this.show(fill(s.savedAt, { time: clock(answer.savedAt) }));
      if (this.dirty) this.show(s.unsaved);
      return;
    }
    if (answer.conflict) {
      this.stop();
      this.show(s.saveConflict, true);
      return;
    }
    this.show(answer.error ? fill(s.saveRefused, { error: answer.error }) : s.saveFailed, true);
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  private show(text: string, error = false): void {
    this.o.status.textContent = text;
    this.o.status.classList.toggle('rich-status-error', error);
  }
}

/** HH:MM of an instant in the writer's own clock (Latin digits, as elsewhere in the newsroom). */
function clock(iso: string | undefined): string {
  const d = iso ? new Date(iso) : new Date();
  const t = Number.isNaN(d.getTime()) ? new Date() : d;
  return `${String(t.getHours()).padStart(2, '0')}:${String(t.getMinutes()).padStart(2, '0')}`;
}

function versionInput(form: HTMLFormElement): HTMLInputElement {
  const existing = form.elements.namedItem('version');
  if (existing instanceof HTMLInputElement) return existing;
  const input = document.createElement('input');
  input.type = 'hidden';
  input.name = 'version';
  form.prepend(input);
  return input;
}

function sameOrigin(url: string): boolean {
  try {
    return new URL(url, location.href).origin === location.origin;
  } catch {
    return false;
  }
}
