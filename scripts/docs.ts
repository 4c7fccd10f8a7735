/**
 * `npm run docs`: rewrites the generated tables in README.md and docs/ from the code
 * (scripts/docTables.ts says which). `--check` only reports the files that are out of date.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { generatedFiles } from './docTables.js';

const root = path.resolve(import.meta.dirname, '..');
const check = process.argv.includes('--check');
let stale = 0;
for (const { file, current, expected } of await generatedFiles(root)) {
  if (current === expected) continue;
  stale++;
  if (check) console.error(`${file}: generated tables are out of date (run npm run docs)`);
  else {
    writeFileSync(path.join(root, file), expected);
    console.log(`${file}: tables rewritten`);
  }
}
if (check && stale > 0) process.exit(1);
