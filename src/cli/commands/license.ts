// versus license <model> [--mau N] [--revenue USD] [--region R] [--distribute] [--fine-tune] [--json]: blockers and obligations, by clause.
import { suggest } from '../../catalog/suggest.js';
import { text, type Rich } from '../../compare/cell.js';
import { numberCitations } from '../../compare/comparison.js';
import { isMultimodal } from '../../compare/dimensions/license.js';
import { regionOf } from '../../catalog/jurisdictions.js';
import { parseModalities } from '../../compare/recommend-input.js';
import { checkLicense, licenceParties, type Finding, type Situation } from '../../compare/license-check.js';
import { NotFoundError, UsageError } from '../../errors.js';
import { formatInt, formatRevenue, listing } from '../../format.js';
import { markedText, numbering, type Numbering } from '../../render/citations.js';
import { sourceLine } from '../../render/markdown.js';
import { parse, parseCountFlag, parseRevenueFlag } from '../args.js';
import type { Command } from '../main.js';

export const command: Command = {
  usage: `versus license <model> [--mau N] [--revenue USD] [--region R] [--end-user] [--distribute] [--fine-tune] [--no-naming] [--non-commercial] [--modalities …] [--json]

  What the model's licence requires of you, and what would withhold it, each with the clause
  it comes from and the licence text's source. Works for every licence in the catalog.

Options:
  --mau 1.2b        monthly active users of your product (decimal k, m, b)
  --revenue 30m     yearly revenue of your company with its affiliates, in US dollars; checked against
                    licences' revenue gates (left out, a gate that needs an authorization stays unknown)
  --region EU       where your company has its principal place of business
  --end-user        you use a product that embeds the model (exempt from some region exclusions)
  --distribute      you distribute the model or a derivative, or make it available
  --fine-tune       you create a derivative model
  --no-naming       a naming rule for derivatives is not acceptable to you
  --non-commercial  research or personal use only
  --modalities M    what you feed the model (e.g. text or image); shown for context: region exclusions
                    for multimodal models apply to the model, whatever you use it for
  --json            machine-readable output`,
  async run(args, ctx) {
    const { values, positionals } = parse('license', args, {
      mau: { type: 'string' }, revenue: { type: 'string' }, region: { type: 'string' }, 'end-user': { type: 'boolean' }, distribute: { type: 'boolean' },
      'fine-tune': { type: 'boolean' }, 'no-naming': { type: 'boolean' }, 'non-commercial': { type: 'boolean' },
      modalities: { type: 'string' }, json: { type: 'boolean' }, data: { type: 'string' },
    });
    const [id, ...extra] = positionals;
    if (id === undefined || extra.length > 0) throw new UsageError('license takes one model id, e.g. "versus license llama-4-scout-17b-16e --region EU".');
    if (values['end-user'] && values.region === undefined) throw new UsageError('--end-user only matters with --region (it exempts end users from region exclusions).');
    const catalog = await ctx.catalog(values.data);
    const model = catalog.model.get(id.toLowerCase());
    if (!model) throw new NotFoundError('model', id, suggest(id, catalog.model.keys()));
    const license = catalog.license.get(model.license.value);
    if (!license) throw new UsageError(`${model.id} names licence "${model.license.value}", which the catalog does not hold.`);
    const situation: Situation = {
      ...(values.mau === undefined ? {} : { mau: parseCountFlag('mau', values.mau) }),
      ...(values.revenue === undefined ? {} : { revenue: parseRevenueFlag(values.revenue) }),
      ...(values.region === undefined ? {} : { region: regionOf(catalog, values.region) }),
      endUser: values['end-user'] ?? false,
      distribute: values.distribute ?? false,
      fineTune: values['fine-tune'] ?? false,
      namingOk: !values['no-naming'],
      commercial: !values['non-commercial'],
    };
    const findings = checkLicense(license, model, situation);
    const header: Rich = [{ text: license.name, refs: [{ source: license.source }] }];
    const used = values.modalities === undefined ? [] : parseModalities(values.modalities, '--modalities');
    const note: Rich = used.length > 0 && isMultimodal(model) && license.terms.region_exclusions.some((e) => e.applies_to === 'multimodal-models')
      ? [text(`You use ${listing(used)}; exclusions for multimodal models still apply, because ${model.name} is multimodal.`)]
      : [];
    const parties = licenceParties(license);
    const citations = numberCitations(catalog, [header, ...parties, ...findings.map((f) => f.text)]);
    const n = numbering({ citations });
    if (values.json) {
      ctx.io.stdout.write(`${JSON.stringify({
        model: model.id, license: license.id, situation,
        parties: parties.map((p) => markedText(p, n)),
        verdict: verdict(findings),
        findings: findings.map((f) => ({ kind: f.kind, term: f.term, text: markedText(f.text, n), clause: f.clause })),
        sources: citations.flatMap((c) => (c.source ? [{ n: c.n, id: c.source.id, url: c.source.url, retrieved: c.source.retrieved }] : [])),
      }, null, 2)}\n`);
      return 0;
    }
    ctx.io.stdout.write(render(model.name, header, [...parties, ...note.length > 0 ? [note] : []], situation, findings, n, citations.map(sourceLine)));
    return 0;
  },
};

function verdict(findings: readonly Finding[]): 'blocked' | 'unclear' | 'allowed-with-obligations' | 'allowed' {
  if (findings.some((f) => f.kind === 'blocker')) return 'blocked';
  if (findings.some((f) => f.kind === 'unknown')) return 'unclear';
  return findings.some((f) => f.kind === 'obligation') ? 'allowed-with-obligations' : 'allowed';
}

function describe(s: Situation): string {
  const parts = [
    s.mau === undefined ? '' : `${formatInt(s.mau)} monthly active users`,
    s.revenue === undefined ? '' : `${formatRevenue(s.revenue, 'USD', 'year')} revenue`,
    s.region ? `company based in ${s.region.jurisdiction.name}${s.endUser ? ' (end user)' : ''}` : '',
    s.commercial === false ? 'non-commercial use' : 'commercial use',
    s.distribute ? 'distributes the model or a derivative' : '',
    s.fineTune ? 'creates a derivative' : '',
  ].filter(Boolean);
  return parts.join('; ');
}

function render(name: string, header: Rich, notes: readonly Rich[], s: Situation, findings: readonly Finding[], n: Numbering, sources: string[]): string {
  // An unknown term's text already starts with the term's name ("acceptable use: unknown (…)"): name it once.
  const body = (f: Finding) => { const t = markedText(f.text, n); return t.startsWith(`${f.term}:`) ? t : `${f.term}: ${t}`; };
  const line = (mark: string, f: Finding) => `  ${mark} ${body(f)}${f.clause ? ` — ${f.clause}` : ''}`;
  const group = (kind: Finding['kind'], title: string, mark: string) => {
    const fs = findings.filter((f) => f.kind === kind);
    return fs.length === 0 ? [] : [`${title} (${fs.length})`, ...fs.map((f) => line(mark, f)), ''];
  };
  const v = verdict(findings);
  const summary = {
    blocked: 'No licence for this situation until every blocker is resolved.',
    unclear: 'Part of the licence could not be read; check the unknown terms before relying on it.',
    'allowed-with-obligations': 'Allowed, with the obligations above.',
    allowed: 'Allowed; nothing in the recorded terms applies to this situation.',
  }[v];
  return [
    `${name} — ${markedText(header, n)}`,
    `Situation: ${describe(s)}.`,
    ...notes.map((line) => markedText(line, n)),
    '',
    ...group('blocker', 'Blockers', '✗'),
    ...group('unknown', 'Unknown', '?'),
    ...group('obligation', 'Obligations', '•'),
    ...group('exemption', 'Exemptions (terms that would withhold the licence, which do not apply to you)', '○'),
    `Verdict: ${summary}`,
    '',
    'Sources',
    ...sources,
    '',
  ].join('\n');
}
