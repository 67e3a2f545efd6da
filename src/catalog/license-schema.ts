// A licence's terms, each with the clause it comes from or an explicit unknown.
import { z } from 'zod';
import { Id, PosInt, Count, Text, fact, Unknown } from './schema-base.js';

/** A licence term, with the clause it comes from; or an explicit unknown when the text could not be read. */
const term = <T extends z.ZodType>(value: T) => z.union([fact(value).extend({ clause: Text }), Unknown]);

/**
 * A country or a group of countries (EU, EEA) that a licence may name, resolved from what users type.
 * `ambiguous` marks a name that is no jurisdiction (e.g. Europe): resolving it is an error listing these ids.
 */
export const Jurisdiction = z.strictObject({
  id: Id,
  name: Text,
  /** ISO 3166-1 alpha-2 and alpha-3 codes (and an official variant, e.g. EL for Greece). */
  codes: z.array(z.string().regex(/^[A-Z]{2,3}$/, 'a code is 2 or 3 capital letters (ISO 3166-1)')).default([]),
  aliases: z.array(Text).default([]),
  /** For a group: the ids of its member countries. */
  members: z.array(Id).optional(),
  ambiguous: z.array(Id).optional(),
  source: Id.optional(),
  note: Text.optional(),
});

export const RegionExclusion = z.strictObject({
  /** Jurisdiction ids (data/jurisdictions.yaml), e.g. [eu] or [eu, gb, kr]. */
  jurisdictions: z.array(Id).min(1),
  applies_to: z.enum(['multimodal-models', 'all-models']),
  who: Text,
  // Who the clause exempts (e.g. end users of a product); absent when the licence exempts nobody.
  exempt: Text.optional(),
  effect: Text,
  source: Id,
  clause: Text,
  quote: Text.optional(),
});

/**
 * A revenue threshold (optionally also a user count) above which a licence asks more of a licensee:
 * an authorization or separate agreement before use (a blocker until granted), or a display or
 * notice duty (an obligation). `period: month` compares one month's revenue, `year` a year's
 * (or any 12 consecutive months'). Below the gate, `below` says what the licence still asks.
 * @example MiniMax Community License: { amount: 20000000, currency: USD, period: year, effect: authorization }
 */
export const RevenueGate = z.strictObject({
  amount: Count,
  currency: z.string().regex(/^[A-Z]{3}$/, 'a currency is an ISO 4217 code such as USD'),
  period: z.enum(['month', 'year']),
  /** Whose revenue counts, in the licence's words (the licensee's, a product's, with affiliates…). */
  basis: Text,
  /** The gate also trips above this many monthly active users (either condition is enough). */
  or_mau: PosInt.optional(),
  /** Only licensees in this line of business are gated, e.g. a Model as a Service business. */
  scope: Text.optional(),
  effect: z.enum(['authorization', 'attribution', 'notice']),
  /** What the licence asks above the gate. */
  requirement: Text,
  /** What it asks below the gate, if anything. */
  below: Text.optional(),
  exempt: Text.optional(),
  source: Id,
  clause: Text,
  quote: Text.optional(),
  note: Text.optional(),
});

/** Who grants the licence; several entries when it depends on where the licensee is. */
export const Licensor = z.strictObject({
  entity: Text,
  /** Where this entity is the licensor, as the licence words it. */
  applies: Text,
  /** The same place as jurisdiction ids; absent for "everyone else". */
  jurisdictions: z.array(Id).min(1).optional(),
});

export const GoverningLaw = z.strictObject({
  law: Text,
  courts: Text.optional(),
  /** The UN Convention on Contracts for the International Sale of Goods is excluded. */
  cisg_excluded: z.boolean().optional(),
});

export const License = z.strictObject({
  id: Id,
  name: Text,
  spdx: Text.optional(),
  osi_approved: z.boolean(),
  url: z.url(),
  source: Id,
  terms: z.strictObject({
    commercial_use: term(z.boolean()),
    // null = the licence sets no user threshold.
    mau_threshold: term(z.int().positive().nullable()),
    attribution: term(z.strictObject({ required: z.boolean(), text: Text.optional(), where: Text.optional() })),
    notice: term(z.strictObject({ required: z.boolean(), text: Text.optional() })),
    derivative_naming: term(z.strictObject({ required: z.boolean(), rule: Text.optional() })),
    acceptable_use_policy: term(z.strictObject({ url: z.url() }).nullable()),
    license_copy_with_distribution: term(z.boolean()).optional(),
    region_exclusions: z.array(RegionExclusion).default([]),
    revenue_gates: z.array(RevenueGate).default([]),
    licensor: term(z.array(Licensor).min(1)).optional(),
    governing_law: term(GoverningLaw).optional(),
  }),
});

export type License = z.infer<typeof License>;
export type RegionExclusion = z.infer<typeof RegionExclusion>;
export type Jurisdiction = z.infer<typeof Jurisdiction>;
export type RevenueGate = z.infer<typeof RevenueGate>;
export type Terms = License['terms'];
