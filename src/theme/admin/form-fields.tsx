import type { Option } from './view-models.ts';

/** One form control as the page shows it: what was typed (or stored) and, after a refusal, why. */
export interface FieldVM {
  id: string;
  name: string;
  label: string;
  value: string;
  error?: string | null;
  hint?: string;
  type?: 'text' | 'url' | 'email' | 'number' | 'password' | 'search';
  required?: boolean;
  /** Slugs, e-mails and URLs read left to right even in an Arabic form. */
  dir?: 'ltr' | 'rtl' | 'auto';
  /** Text in another language than the page's (an edition's own name for an author). */
  lang?: string;
  autocomplete?: string;
  /** The id of a datalist of suggestions. */
  list?: string;
}

function describedBy(f: { id: string; error?: string | null; hint?: string }): string | undefined {
  const ids = [f.error ? `${f.id}-error` : '', f.hint ? `${f.id}-hint` : ''].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** The message beside a refused field (nothing when it was not refused). */
export function FieldError({ id, error }: { id: string; error: string | null | undefined }) {
  return error ? (
    <p class="field-error" id={id}>
      {error}
    </p>
  ) : null;
}

/** The message beside a refused field, and its hint. */
function After({ f }: { f: { id: string; error?: string | null; hint?: string } }) {
  return (
    <>
      <FieldError id={`${f.id}-error`} error={f.error} />
      {f.hint && (
        <p class="hint" id={`${f.id}-hint`}>
          {f.hint}
        </p>
      )}
    </>
  );
}

export function TextField({ f }: { f: FieldVM }) {
  return (
    <div class="field">
      <label for={f.id}>{f.label}</label>
      <input
        id={f.id}
        name={f.name}
        // Preact types each input type separately; the attributes used here suit every one of ours.
        type={(f.type ?? 'text') as 'text'}
        value={f.value}
        required={f.required}
        dir={f.dir}
        lang={f.lang}
        autocomplete={f.autocomplete}
        list={f.list}
        aria-invalid={f.error ? 'true' : undefined}
        aria-describedby={describedBy(f)}
      />
      <After f={f} />
    </div>
  );
}

export function TextAreaField({ f, rows = 3 }: { f: FieldVM; rows?: number }) {
  return (
    <div class="field">
      <label for={f.id}>{f.label}</label>
      <textarea id={f.id} name={f.name} rows={rows} dir={f.dir} lang={f.lang} aria-invalid={f.error ? 'true' : undefined} aria-describedby={describedBy(f)}>
        {f.value}
      </textarea>
      <After f={f} />
    </div>
  );
}

export function SelectField({ f, options }: { f: Omit<FieldVM, 'value'>; options: Option[] }) {
  return (
    <div class="field">
      <label for={f.id}>{f.label}</label>
      <select id={f.id} name={f.name} aria-invalid={f.error ? 'true' : undefined} aria-describedby={describedBy(f)}>
        {options.map((o) => (
          <option value={o.value} selected={o.selected}>
            {o.label}
          </option>
        ))}
      </select>
      <After f={f} />
    </div>
  );
}

export function CheckboxField({ f, checked }: { f: Omit<FieldVM, 'value'>; checked: boolean }) {
  return (
    <div class="field checkbox-field">
      <label>
        <input type="checkbox" name={f.name} id={f.id} value="1" checked={checked} aria-describedby={describedBy(f)} /> {f.label}
      </label>
      <After f={f} />
    </div>
  );
}

/** The hidden CSRF field every newsroom form carries. */
export function Csrf({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}
