// The tokenizers a static copy carries for counting text in the browser: its assets/tokenizers/index.json.

/** A tokenizer whose compact form the copy carries. */
export interface CarriedTokenizer {
  readonly id: string;
  readonly label: string;
  /** The compact form: its path from the site root, size and sha256 (the browser checks both before running it). */
  readonly path: string;
  readonly bytes: number;
  readonly sha256: string;
  /** What the form was made from (`llama3/tokenizer.model`), as the implementation note says. */
  readonly of: string;
  /** The files' content hash, as `versus tokens --text … --json` reports it (`source`). */
  readonly source: string;
}

/** A tokenizer the copy does not carry, and what would add it, in words for the reader (no builder's paths). */
export interface MissingTokenizer {
  readonly id: string;
  readonly label: string;
  readonly why: string;
}

export interface TokenizerIndex {
  readonly version: 1;
  readonly tokenizers: readonly CarriedTokenizer[];
  readonly missing: readonly MissingTokenizer[];
}

/** What `versus build-site --tokenizers` gives the site: the index and each carried form's bytes by tokenizer id. */
export interface BrowserTokenizers {
  readonly index: TokenizerIndex;
  readonly forms: ReadonlyMap<string, Uint8Array>;
}
