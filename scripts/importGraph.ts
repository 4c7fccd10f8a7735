/**
 * The import graph of our own TypeScript files, and its cycles. Every edge counts: `import type`
 * and `export … from` too, since a type-only cycle still means a type sits in the wrong file.
 * Specifiers resolve the way our sources write them: relative, `.js` naming the `.ts`/`.tsx`
 * file, or a folder's index. Packages are leaves and left out.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/** Each file (repository-relative, `/`-separated) and the files it imports, in source order. */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

const SOURCE = /\.tsx?$/;

/** The specifiers a file imports, re-exports or loads with `import()`. */
export function importSpecifiers(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((ref) => ref.fileName);
}

/** The file a relative specifier names among `files`; null for packages and unknown files. */
export function resolveSpecifier(
  specifier: string,
  fromFile: string,
  files: ReadonlySet<string>,
): string | null {
  if (!specifier.startsWith('./') && !specifier.startsWith('../')) return null;
  const base = path.posix.join(path.posix.dirname(fromFile), specifier);
  const stem = base.replace(/\.jsx?$/, '');
  const candidates =
    stem === base
      ? [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]
      : [`${stem}.ts`, `${stem}.tsx`, base];
  return candidates.find((file) => files.has(file)) ?? null;
}

/** The graph of `sources` (path → text); edges only to files among them. */
export function importGraph(sources: ReadonlyMap<string, string>): ImportGraph {
  const files = new Set(sources.keys());
  const graph = new Map<string, string[]>();
  for (const [file, text] of sources) {
    const targets = importSpecifiers(text)
      .map((specifier) => resolveSpecifier(specifier, file, files))
      .filter((target): target is string => target !== null);
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/**
 * Every cycle a depth-first walk closes, each as the files from the one imported again back to
 * the importer (the way madge lists them, so both tools can be compared). Files are walked in
 * sorted order so the answer does not depend on the file system.
 */
export function findCycles(graph: ImportGraph): string[][] {
  const cycles: string[][] = [];
  const done = new Set<string>();
  const onPath: string[] = [];
  const visit = (file: string) => {
    onPath.push(file);
    for (const target of graph.get(file) ?? []) {
      if (done.has(target)) continue;
      const seen = onPath.indexOf(target);
      if (seen >= 0) cycles.push(onPath.slice(seen));
      else visit(target);
    }
    onPath.pop();
    done.add(file);
  };
  for (const file of [...graph.keys()].sort()) if (!done.has(file)) visit(file);
  return cycles;
}

/** The TypeScript sources under `dirs` (relative to `root`), read from disk. */
export function readSources(root: string, dirs: readonly string[]): Map<string, string> {
  const sources = new Map<string, string>();
  for (const dir of dirs) {
    const entries = readdirSync(path.join(root, dir), { recursive: true, withFileTypes: true });
    for (const entry of entries) {
      if (!entry.isFile() || !SOURCE.test(entry.name) || entry.name.endsWith('.d.ts')) continue;
      const file = path.relative(root, path.join(entry.parentPath, entry.name));
      sources.set(file.split(path.sep).join('/'), readFileSync(path.join(root, file), 'utf8'));
    }
  }
  return sources;
}
