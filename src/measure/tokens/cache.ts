// Token counts cached in SQLite, keyed by tokenizer (id and files), corpus version and tool version.
import type Database from 'better-sqlite3';
import { openDatabase } from '../sqlite.js';
import type { Fidelity } from '../tokenizers/types.js';

/** Everything a cached count depends on. */
export interface CacheKey {
  readonly tokenizer: string;
  /** The tokenizer's files or package versions (TokenizerSpec.source). */
  readonly source: string;
  readonly corpus: string;
  readonly tool: string;
}

export interface CachedTokenizer {
  readonly implementation: string;
  readonly fidelity: Fidelity;
  readonly counts: Map<string, number>;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS tokenizer (
  tokenizer TEXT NOT NULL, source TEXT NOT NULL, corpus TEXT NOT NULL, tool TEXT NOT NULL,
  implementation TEXT NOT NULL, fidelity TEXT NOT NULL,
  PRIMARY KEY (tokenizer, source, corpus, tool));
CREATE TABLE IF NOT EXISTS count (
  tokenizer TEXT NOT NULL, source TEXT NOT NULL, corpus TEXT NOT NULL, tool TEXT NOT NULL,
  language TEXT NOT NULL, tokens INTEGER NOT NULL,
  PRIMARY KEY (tokenizer, source, corpus, tool, language));`;

/** The cache database; one file, created on first use. */
export class CountCache {
  private readonly db: Database.Database;

  constructor(readonly path: string) {
    this.db = openDatabase(path, SCHEMA, { code: 'E_CACHE', what: 'cache database', flag: '--cache' });
  }

  /**
   * Cached counts for a key (empty counts when nothing is cached).
   * @example cache.get({ tokenizer: 'qwen2', source, corpus, tool })?.counts.get('hin')
   */
  get(key: CacheKey): CachedTokenizer | undefined {
    const t = this.db.prepare('SELECT implementation, fidelity FROM tokenizer WHERE tokenizer=? AND source=? AND corpus=? AND tool=?')
      .get(key.tokenizer, key.source, key.corpus, key.tool) as { implementation: string; fidelity: Fidelity } | undefined;
    if (!t) return undefined;
    const rows = this.db.prepare('SELECT language, tokens FROM count WHERE tokenizer=? AND source=? AND corpus=? AND tool=?')
      .all(key.tokenizer, key.source, key.corpus, key.tool) as { language: string; tokens: number }[];
    return { ...t, counts: new Map(rows.map((r) => [r.language, r.tokens])) };
  }

  /** Stores counts (replacing any for the same key and language) in one transaction. */
  put(key: CacheKey, tokenizer: { implementation: string; fidelity: Fidelity }, counts: ReadonlyMap<string, number>): void {
    const k = [key.tokenizer, key.source, key.corpus, key.tool] as const;
    const head = this.db.prepare('INSERT OR REPLACE INTO tokenizer VALUES (?, ?, ?, ?, ?, ?)');
    const row = this.db.prepare('INSERT OR REPLACE INTO count VALUES (?, ?, ?, ?, ?, ?)');
    this.db.transaction(() => {
      head.run(...k, tokenizer.implementation, tokenizer.fidelity);
      for (const [language, tokens] of counts) row.run(...k, language, tokens);
    })();
  }

  close(): void {
    this.db.close();
  }
}
