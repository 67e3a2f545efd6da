// Comparison → Markdown, for the terminal and for pasting into documents.
import { reproduce } from '../compare/computations.js';
import type { Rich } from '../compare/cell.js';
import { releasesCheckedText, type Citation, type Comparison } from '../compare/comparison.js';
import { measurementText, type Measurement } from '../compare/measured.js';
import { numbering, type Numbering } from './citations.js';

/** Escapes characters Markdown would treat as markup. */
export function mdEscape(s: string): string {
  return s.replace(/[\\`*_[\]<>|]/g, (ch) => `\\${ch}`);
}

function md(rich: Rich, numbers: Numbering): string {
  const ns = numbers(rich);
  return rich
    .map((span, i) => {
      const body = mdEscape(span.text);
      const marked = span.mark === 'unknown' ? `*${body}*` : span.mark === 'caution' ? `⚠ ${body}` : body;
      return marked + (ns[i] ?? []).map((n) => `[${n}]`).join('');
    })
    .join('');
}

/**
 * The full report: summary, feature table, analysis, best-for verdicts, bottom line, sources.
 * @example renderMarkdown(compare(catalog, subjects)).startsWith('# Qwen3.8 vs Llama 4')
 */
export function renderMarkdown(c: Comparison): string {
  const n = numbering(c);
  const out: string[] = [`# ${mdEscape(c.title)}`, '', `*Data as of ${c.asOf}; releases last checked: ${mdEscape(releasesCheckedText(c.releasesChecked))}. Every bracketed number cites a source listed at the end.*`, '', md(c.summary, n), ''];
  out.push('## Feature comparison', '', `| Dimension | ${c.subjects.map((s) => mdEscape(s.label)).join(' | ')} |`, `|---|${c.subjects.map(() => '---').join('|')}|`);
  for (const row of c.rows) {
    const cells = row.cells.map((cell, i) => `${row.leaders.includes(i) ? '▲ ' : ''}${md(cell.text, n)}`);
    out.push(`| ${mdEscape(row.label)} | ${cells.join(' | ')} |`);
  }
  out.push('', '▲ leads the row (within 2%). How each row is ranked is listed under Methods.', ...measuredMarkdown(c.measured ?? []), '', '## Detailed analysis');
  for (const section of c.analysis) {
    out.push('', `### ${mdEscape(section.heading)}`, '', ...section.paragraphs.flatMap((p) => [md(p, n), '']));
  }
  out.push('## Best for', '');
  for (const v of c.verdicts) {
    const winner = v.winner === null ? 'No verdict' : (c.subjects[v.winner]?.label ?? '');
    out.push(`### ${mdEscape(v.useCase.name)}`, `*${mdEscape(v.useCase.question)}*`, '', `**${mdEscape(winner)}**. ${md(v.reasons, n)}`, '');
  }
  out.push('## The bottom line', '', ...c.bottomLine.flatMap((p) => [md(p, n), '']));
  out.push('## Sources', '', ...c.citations.map(sourceLine), '');
  out.push('## Methods', '', ...c.rows.filter((r) => r.metric).map((r) => `- **${mdEscape(r.label)}**: ranked by ${mdEscape(r.metric ?? '')}.`), '');
  return out.join('\n');
}

/** Measured rows (compare --runs): each marked where, when and which run, with the command that repeats it. */
function measuredMarkdown(ms: readonly Measurement[]): string[] {
  if (ms.length === 0) return [];
  return ['', '## Measured on your endpoints', '', '| Model | Results | Measured | Reproduce |', '|---|---|---|---|',
    ...ms.map((m) => `| ${mdEscape(m.modelName)} | ${mdEscape(measurementText(m))} | ${mdEscape(m.label)} | \`${m.reproduce.replace(/`/g, "'")}\` |`)];
}

export function sourceLine(c: Citation): string {
  if (c.source) {
    const s = c.source;
    return `${c.n}. [${mdEscape(s.title)}](${s.url.replace(/[()]/g, encodeURIComponent)}) — ${mdEscape(s.publisher)}, ${s.kind}, retrieved ${s.retrieved}`;
  }
  const comp = c.computation;
  return comp ? `${c.n}. Computed by versus: ${mdEscape(comp.title)} for ${comp.model}. ${mdEscape(comp.method)} Reproduce: \`${reproduce(comp)}\`` : `${c.n}. (missing source ${c.key})`;
}
