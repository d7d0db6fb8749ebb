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

/** An author's photo: a library image's address, and the photo as saved (one for every edition). */
export interface PhotoFieldVM {
  field: FieldVM;
  current: { src: string; alt: string; caption: string } | null;
}

export function PhotoField({ vm }: { vm: PhotoFieldVM }) {
  return (
    <div class="author-photo-field">
      {vm.current && (
        <figure class="author-photo-current">
          <img src={vm.current.src} alt={vm.current.alt} width="96" height="96" class="author-photo-thumb" />
          <figcaption>{vm.current.caption}</figcaption>
        </figure>
      )}
      <TextField f={vm.field} />
    </div>
  );
}
