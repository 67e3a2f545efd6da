// The catalog's shared building blocks: ids, dates, sources, and facts that are sourced or explicitly unknown.
import { z } from 'zod';

/** Lowercase ids: letters, digits, ".", "+", "-". Example: `qwen3.5-27b`. */
export const Id = z
  .string()
  .regex(/^[a-z0-9][a-z0-9.+-]*$/, 'an id is lowercase letters, digits, ".", "+" or "-"');

/** A calendar date, or a month when only the month is published: `2026-02-16`, `2025-04`. */
export const PartialDate = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?$/, 'a date is YYYY-MM-DD (or YYYY-MM)');

export const PosInt = z.int().positive();
export const Count = z.number().positive();
export const Text = z.string().min(1);

export const SourceKind = z.enum(['primary', 'secondary', 'measured']);

/** Where a fact comes from. `primary` = the vendor's own card, config, licence or paper. */
export const Source = z.strictObject({
  id: Id,
  url: z.url({ protocol: /^https?$/ }),
  title: Text,
  publisher: Text,
  kind: SourceKind,
  retrieved: PartialDate,
  published: PartialDate.optional(),
  note: Text.optional(),
});

/** A value stated by another source that disagrees with the fact's own. */
const claim = <T extends z.ZodType>(value: T) =>
  z.strictObject({ value, source: Id, note: Text.optional() });

/**
 * A sourced value. `also` records other sources that state a different value.
 * @example fact(PosInt) accepts `{ value: 262144, source: qwen3.5-27b-card }`
 */
export const fact = <T extends z.ZodType>(value: T) =>
  z.strictObject({
    value,
    source: Id,
    note: Text.optional(),
    as_of: PartialDate.optional(),
    also: z.array(claim(value)).min(1).optional(),
  });

/** Unknown is an explicit state: say why (and, optionally, where you looked). */
export const Unknown = z.strictObject({ unknown: Text, checked: z.array(Id).optional() });

/** A fact or an explicit unknown. */
export const maybe = <T extends z.ZodType>(value: T) => z.union([fact(value), Unknown]);

export type Source = z.infer<typeof Source>;
export type Unknown = z.infer<typeof Unknown>;
export type Fact<T> = { value: T; source: string; note?: string; as_of?: string; also?: { value: T; source: string; note?: string }[] };
export type Maybe<T> = Fact<T> | Unknown;
