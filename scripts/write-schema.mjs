// Writes schema/comparison.schema.json from the zod schema (run after `npm run build`).
// A test fails when the committed file and the schema in code disagree.
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { ComparisonJson } from '../dist/render/json-schema.js';

const schema = { title: 'versus comparison', ...z.toJSONSchema(ComparisonJson) };
writeFileSync(new URL('../schema/comparison.schema.json', import.meta.url), `${JSON.stringify(schema, null, 2)}\n`);
console.log('wrote schema/comparison.schema.json');
