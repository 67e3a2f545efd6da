// Numbered citations for any page of rich text: the marks in the text and the source list they link to.
import type { Catalog } from '../catalog/catalog.js';
import type { Rich } from '../compare/cell.js';
import { numberCitations } from '../compare/comparison.js';
import { numbering, type Numbering } from '../render/citations.js';
import { richHtml, sourceItem } from '../render/html.js';

export interface Cited {
  /** Rich text as HTML with citation marks that link to `#src-N`. */
  readonly html: (rich: Rich) => string;
  readonly count: number;
  /** The numbered source list (`<ol>`), empty when nothing is cited. */
  readonly list: string;
}

/**
 * Numbers the refs of every rich text a page shows, in order of appearance.
 * @example const cited = citeAll(catalog, lines.map((l) => l.value)); cited.html(lines[0].value)
 */
export function citeAll(catalog: Catalog, rich: readonly Rich[]): Cited {
  const citations = numberCitations(catalog, rich);
  const n: Numbering = numbering({ citations });
  return {
    html: (r) => richHtml(r, n),
    count: citations.length,
    list: citations.length ? `<ol class="sources">\n${citations.map(sourceItem).join('\n')}\n</ol>` : '',
  };
}
