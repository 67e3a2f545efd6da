// One way to open the SQLite files versus keeps (token cache, eval runs): folder made, WAL, schema applied.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { VersusError } from '../errors.js';

/**
 * Opens (creating) a database and applies its schema; a failure is a VersusError that names the file and the flag to change it.
 * @example openDatabase('runs.db', SCHEMA, { code: 'E_RUNS', what: 'results database', flag: '--db' })
 */
export function openDatabase(path: string, schema: string, o: { code: string; what: string; flag: string }): Database.Database {
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.exec(schema);
    return db;
  } catch (error) {
    throw new VersusError(o.code, `Cannot use the ${o.what} ${path}: ${(error as Error).message}. Pass ${o.flag} FILE to use another.`, 1, { cause: error });
  }
}

/**
 * An existing database, read only: nothing is created, migrated or converted (a text file stays a text file). SQLite may
 * still keep its -wal and -shm companions beside a database in WAL mode.
 * @example openExisting('runs.db', { code: 'E_RUNS', what: 'results database' })
 */
export function openExisting(path: string, o: { code: string; what: string }): Database.Database {
  try {
    return new Database(path, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new VersusError(o.code, `Cannot read the ${o.what} ${path}: ${(error as Error).message}.`, 1, { cause: error });
  }
}
