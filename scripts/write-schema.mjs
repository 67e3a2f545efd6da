// Writes schema/comparison.schema.json and schema/openapi.json from the code (run after `npm run build`).
// Tests fail when the committed files and the code disagree.
import { writeFileSync } from 'node:fs';
import { z } from 'zod';
import { ComparisonJson } from '../dist/render/json-schema.js';
import { openApiDocument } from '../dist/server/openapi.js';

const schema = { title: 'versus comparison', ...z.toJSONSchema(ComparisonJson) };
writeFileSync(new URL('../schema/comparison.schema.json', import.meta.url), `${JSON.stringify(schema, null, 2)}\n`);
console.log('wrote schema/comparison.schema.json');
writeFileSync(new URL('../schema/openapi.json', import.meta.url), `${JSON.stringify(openApiDocument(), null, 2)}\n`);
console.log('wrote schema/openapi.json');
