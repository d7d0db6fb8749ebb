import { type FieldVM, TextAreaField, TextField } from './form-fields.tsx';

/** An author's name and bio per edition (what that edition's bylines, feeds and author page say). */
export interface EditionProfilesVM {
  title: string;
  hint: string;
  rows: { name: FieldVM; bio: FieldVM }[];
}

export function EditionProfileFields({ vm }: { vm: EditionProfilesVM }) {
  return (
    <fieldset class="edition-profiles" aria-describedby="edition-profiles-hint">
      <legend>{vm.title}</legend>
      <p class="hint" id="edition-profiles-hint">
        {vm.hint}
      </p>
      {vm.rows.map((r) => (
        <>
          <TextField f={r.name} />
          <TextAreaField f={r.bio} rows={2} />
        </>
      ))}
    </fieldset>
  );
}
