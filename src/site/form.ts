// Form fields that round-trip: each is labelled, carries a hint, and is refilled from the submitted values.
import { esc } from '../render/escape.js';

/** Submitted values as the query string had them (a field may repeat). */
export type FormValues = Readonly<Record<string, readonly string[]>>;

export interface Option {
  readonly value: string;
  readonly label: string;
}

/**
 * The last submitted value of a field, or ''.
 * @example valueOf({ context: ['32k', '128k'] }, 'context') // '128k'
 */
export function valueOf(values: FormValues, name: string): string {
  return values[name]?.at(-1) ?? '';
}

const hintHtml = (id: string, hint?: string) => (hint ? `<span class="hint" id="${id}-hint">${esc(hint)}</span>` : '');
const described = (id: string, hint?: string) => (hint ? ` aria-describedby="${id}-hint"` : '');

/**
 * A labelled text (or number) input.
 * @example textField({ name: 'context', label: 'Minimum context', value: '128k', hint: '128k = 131,072 tokens' })
 */
export function textField(f: { name: string; label: string; value: string; hint?: string; placeholder?: string; wide?: boolean; id?: string }): string {
  const id = f.id ?? `f-${f.name}`;
  const placeholder = f.placeholder ? ` placeholder="${esc(f.placeholder)}"` : '';
  return `<div class="field${f.wide ? ' wide' : ''}"><label for="${id}">${esc(f.label)}</label><input type="text" id="${id}" name="${esc(f.name)}" value="${esc(f.value)}"${placeholder}${described(id, f.hint)}>${hintHtml(id, f.hint)}</div>`;
}

/**
 * A labelled select; `groups` puts options under optgroup labels.
 * @example selectField({ name: 'gpu', label: 'GPU', value: 'h100-sxm', options: gpuOptions(catalog), empty: 'any' })
 */
export function selectField(f: { name: string; label: string; value: string; options?: readonly Option[]; groups?: readonly (readonly [string, readonly Option[]])[]; hint?: string; id?: string; empty?: string }): string {
  const id = f.id ?? `f-${f.name}`;
  const opt = (o: Option) => `<option value="${esc(o.value)}"${o.value === f.value ? ' selected' : ''}>${esc(o.label)}</option>`;
  const empty = f.empty === undefined ? '' : `<option value="">${esc(f.empty)}</option>`;
  const body = f.groups
    ? f.groups.map(([label, options]) => `<optgroup label="${esc(label)}">${options.map(opt).join('')}</optgroup>`).join('')
    : (f.options ?? []).map(opt).join('');
  return `<div class="field"><label for="${id}">${esc(f.label)}</label><select id="${id}" name="${esc(f.name)}"${described(id, f.hint)}>${empty}${body}</select>${hintHtml(id, f.hint)}</div>`;
}

/**
 * A group of checkboxes sharing one name, in a fieldset with a legend.
 * @example checkField({ name: 'modalities', legend: 'Inputs', options: [{ value: 'image', label: 'image' }], checked: ['image'] })
 */
export function checkField(f: { name: string; legend: string; options: readonly Option[]; checked: readonly string[]; hint?: string }): string {
  const boxes = f.options.map((o) => `<label><input type="checkbox" name="${esc(f.name)}" value="${esc(o.value)}"${f.checked.includes(o.value) ? ' checked' : ''}>${esc(o.label)}</label>`);
  return `<div class="field"><fieldset class="checks"><legend>${esc(f.legend)}</legend>${boxes.join('')}</fieldset>${f.hint ? `<span class="hint">${esc(f.hint)}</span>` : ''}</div>`;
}

/**
 * A labelled textarea.
 * @example textArea({ name: 'text', label: 'Your text', value: '', maxLength: 4000 })
 */
export function textArea(f: { name: string; label: string; value: string; hint?: string; maxLength: number }): string {
  const id = `f-${f.name}`;
  return `<div class="field wide"><label for="${id}">${esc(f.label)}</label><textarea id="${id}" name="${esc(f.name)}" maxlength="${f.maxLength}"${described(id, f.hint)}>${esc(f.value)}</textarea>${hintHtml(id, f.hint)}</div>`;
}

/** Fields folded under a summary line; `open` when one of them has a value, so a reader sees what applies. */
export interface MoreFields {
  readonly summary: string;
  readonly fields: readonly string[];
  readonly open: boolean;
}

/**
 * A GET form that puts its whole state in the URL, so results can be shared; `more` folds the less used fields.
 * @example getForm({ action: '../fit/', label: 'Fit', fields: [textField({ name: 'gpus', label: 'GPUs', value: '' })], submit: 'Calculate' })
 */
export function getForm(f: { action: string; label: string; fields: readonly string[]; submit: string; method?: 'get' | 'post'; id?: string; more?: MoreFields }): string {
  const more = f.more ? `<details class="more"${f.more.open ? ' open' : ''}><summary>${esc(f.more.summary)}</summary><div class="fields">${f.more.fields.join('')}</div></details>` : '';
  return `<form class="panel"${f.id ? ` id="${esc(f.id)}"` : ''} action="${esc(f.action)}" method="${f.method ?? 'get'}" aria-label="${esc(f.label)}"><div class="fields">${f.fields.join('')}</div>${more}<button type="submit">${esc(f.submit)}</button></form>`;
}
