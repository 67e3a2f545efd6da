// Comparison → the JSON document described by schema/comparison.schema.json.
import { reproduce } from '../compare/computations.js';
import type { Citation, Comparison } from '../compare/comparison.js';
import { measurementJson } from './measured.js';
import { TOOL_VERSION } from '../paths.js';
import { markedText, numbering } from './citations.js';
import type { ComparisonJson } from './json-schema.js';

/**
 * A plain-data view of a comparison: rich text flattened to text with [n] marks plus citation numbers.
 * @example JSON.stringify(toJson(comparison))
 */
export function toJson(c: Comparison): ComparisonJson {
  const n = numbering(c);
  const ids = c.subjects.map((s) => s.id);
  const id = (i: number | null) => (i === null ? null : (ids[i] ?? null));
  return {
    version: 1,
    generator: `versus ${TOOL_VERSION}`,
    title: c.title,
    asOf: c.asOf,
    releasesChecked: c.releasesChecked.map((r) => ({ family: r.family, name: r.name, date: r.date })),
    summary: markedText(c.summary, n),
    subjects: c.subjects.map((s) => ({ id: s.id, kind: s.kind, label: s.label, family: s.family.id, generation: s.generation.id, models: s.models.map((m) => m.id) })),
    rows: c.rows.map((r) => ({
      id: r.id,
      label: r.label,
      metric: r.metric,
      leaders: r.leaders.map((i) => ids[i] ?? ''),
      cells: r.cells.map((cell, i) => ({
        subject: ids[i] ?? '',
        text: markedText(cell.text, n),
        citations: [...new Set(n(cell.text).flat())],
        value: cell.value,
        score: r.scores[i] ?? null,
      })),
    })),
    analysis: c.analysis.map((s) => ({ heading: s.heading, paragraphs: s.paragraphs.map((p) => markedText(p, n)) })),
    verdicts: c.verdicts.map((v) => ({
      useCase: v.useCase.id, name: v.useCase.name, question: v.useCase.question,
      winner: id(v.winner), runnerUp: id(v.runnerUp), margin: Number(v.margin.toFixed(4)),
      totals: Object.fromEntries(v.totals.map((t, i) => [ids[i] ?? '', Number(t.toFixed(4))])),
      counted: [...v.counted], skipped: [...v.skipped],
      excluded: v.qualified.flatMap((q, i) => (q.ok ? [] : [{ subject: ids[i] ?? '', why: markedText(q.why, n) }])),
      reasons: markedText(v.reasons, n),
    })),
    bottomLine: c.bottomLine.map((p) => markedText(p, n)),
    citations: c.citations.map(citationJson),
    ...(c.measured?.length ? { measured: c.measured.map(measurementJson) } : {}),
  };
}

/**
 * One numbered citation as plain data: a source with its URL and date, or a computation with its command.
 * @example citationJson(comparison.citations[0]).url
 */
export function citationJson(cit: Citation): ComparisonJson['citations'][number] {
  if (cit.source) {
    const s = cit.source;
    return { n: cit.n, kind: 'source', id: s.id, url: s.url, title: s.title, publisher: s.publisher, sourceKind: s.kind, retrieved: s.retrieved, ...(s.published ? { published: s.published } : {}) };
  }
  const comp = cit.computation;
  return { n: cit.n, kind: 'computed', id: cit.key, model: comp?.model ?? '', title: comp?.title ?? '', method: comp?.method ?? '', command: comp ? reproduce(comp) : '' };
}

