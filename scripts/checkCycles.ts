/**
 * `npm run lint` step: fails when our sources import each other in a cycle (scripts/importGraph.ts
 * says what counts). Folders default to the application's; pass others as arguments.
 */
import path from 'node:path';
import { findCycles, importGraph, readSources } from './importGraph.js';

const DEFAULT_DIRS = ['server', 'shared', 'client/src'];

const root = path.resolve(import.meta.dirname, '..');
const args = process.argv.slice(2);
const sources = readSources(root, args.length > 0 ? args : DEFAULT_DIRS);
const cycles = findCycles(importGraph(sources));
if (cycles.length > 0) {
  console.error(`${cycles.length} import cycles among ${sources.size} files:`);
  for (const [i, cycle] of cycles.entries()) console.error(`${i + 1}) ${cycle.join(' > ')}`);
  process.exit(1);
}
console.log(`No import cycles among ${sources.size} files.`);
