#!/usr/bin/env node
// The versus executable. It loads one CommonJS bundle of the CLI (dist/versus.cjs, made by `npm run build`):
// a single file starts faster than dozens of ES modules, and commands still load their heavy parts lazily.
const { main } = require('../dist/versus.cjs');

main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, cwd: process.cwd() }).then((code) => {
  process.exitCode = code;
});
