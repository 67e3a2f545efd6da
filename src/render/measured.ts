// Measured rows (compare and recommend --runs) as plain data; no Node imports, so the browser bundle can use it.
import type { Measurement } from '../compare/measured.js';

/**
 * One measured row as plain data (compare and recommend --runs).
 * @example measurementJson(m).label // 'measured on http://localhost:8000/v1, 2026-12-02, run 3'
 */
export function measurementJson(m: Measurement) {
  return {
    model: m.model, run: m.run, label: m.label, endpoint: m.endpoint, date: m.date, servedModel: m.servedModel, reproduce: m.reproduce,
    suites: m.suites.map((s) => ({ ...s })), speed: m.speed.map((s) => ({ ...s })),
  };
}
