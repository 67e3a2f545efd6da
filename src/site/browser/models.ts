// The models page in the browser: the filter form and the column headings re-select the rows as you type, with the
// same selection code the server runs for the form; the URL follows, so a filtered table can be shared.
import { countText, modelsSearch, parseModelsQuery, selectRows, type ModelRow, type ModelsQuery } from '../models-table.js';
import { MAX_SUBJECTS } from '../paths.js';
import { formValues } from './dom.js';

interface Row extends ModelRow {
  readonly tr: HTMLTableRowElement;
}

const filter = document.querySelector<HTMLFormElement>('#models-filter');
const tbody = document.querySelector<HTMLTableSectionElement>('table[data-models] tbody');
const pick = document.querySelector<HTMLFormElement>('form[data-models-pick]');
if (filter && tbody && pick) enhance(filter, tbody, pick);

function enhance(filter: HTMLFormElement, tbody: HTMLTableSectionElement, pick: HTMLFormElement): void {
  const rows: Row[] = [...tbody.rows].map((tr) => ({ ...(JSON.parse(tr.dataset.row ?? '{}') as ModelRow), tr }));
  const status = document.querySelector('#models-count');
  const total = rows.length;
  // A static copy is one file: the query in its URL is applied here (the server has already applied it).
  fill(filter, formValues(new URLSearchParams(location.search)));
  const apply = () => {
    let q: ModelsQuery;
    try {
      q = parseModelsQuery(formValues(new FormData(filter)));
    } catch (error) {
      if (status) status.textContent = error instanceof Error ? error.message : String(error);
      return;
    }
    const shown = selectRows(rows, q);
    const visible = new Set(shown);
    for (const r of shown) tbody.append(r.tr);
    for (const r of rows) r.tr.hidden = !visible.has(r);
    if (status) status.textContent = countText(shown.length, total);
    headings(q);
    history.replaceState(null, '', modelsSearch(q) === '?' ? location.pathname : modelsSearch(q));
  };
  const headings = (q: ModelsQuery) => {
    for (const th of document.querySelectorAll<HTMLTableCellElement>('table[data-models] th[data-sort]')) {
      const key = th.dataset.sort as ModelsQuery['sort'];
      const active = q.sort === key;
      const link = th.querySelector('a');
      if (active) th.setAttribute('aria-sort', q.dir === 'asc' ? 'ascending' : 'descending');
      else th.removeAttribute('aria-sort');
      if (link) {
        const numeric = th.classList.contains('num');
        link.textContent = `${(link.textContent ?? '').replace(/ [▲▼]$/, '')}${active ? (q.dir === 'asc' ? ' ▲' : ' ▼') : ''}`;
        link.href = modelsSearch(q, { sort: key, dir: active ? (q.dir === 'asc' ? 'desc' : 'asc') : numeric ? 'desc' : 'asc' });
      }
    }
  };
  filter.addEventListener('input', apply);
  filter.addEventListener('submit', (e) => { e.preventDefault(); apply(); });
  document.querySelector('table[data-models] thead')?.addEventListener('click', (e) => {
    const link = (e.target as Element).closest('a');
    if (!link) return;
    e.preventDefault();
    const params = new URL(link.href).searchParams;
    setValue(filter, 'sort', params.get('sort') === 'family' ? '' : (params.get('sort') ?? ''));
    setValue(filter, 'dir', params.get('dir') ?? '');
    apply();
  });
  const button = pick.querySelector<HTMLButtonElement>('button[type=submit]');
  const hint = pick.querySelector('#pick-hint');
  const picked = () => {
    const n = pick.querySelectorAll('input[name=subjects]:checked').length;
    if (button) button.disabled = n < 2 || n > MAX_SUBJECTS;
    if (hint) hint.textContent = n === 0 ? `Tick 2 to ${MAX_SUBJECTS} models.` : n > MAX_SUBJECTS ? `${n} ticked: a comparison takes at most ${MAX_SUBJECTS}.` : `${n} ticked${n < 2 ? '; tick at least 2' : ''}.`;
  };
  pick.addEventListener('change', picked);
  picked();
  apply();
}

function fill(form: HTMLFormElement, values: Record<string, string[]>): void {
  for (const [name, vs] of Object.entries(values)) setValue(form, name, vs.at(-1) ?? '');
}

function setValue(form: HTMLFormElement, name: string, value: string): void {
  const field = form.elements.namedItem(name);
  if (field instanceof HTMLInputElement || field instanceof HTMLSelectElement) field.value = value;
}
