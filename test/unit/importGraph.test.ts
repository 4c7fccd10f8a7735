/** The import-cycle check (`npm run lint`): how specifiers resolve and which cycles it reports. */
import { describe, expect, it } from 'vitest';
import {
  findCycles,
  importGraph,
  importSpecifiers,
  resolveSpecifier,
} from '../../scripts/importGraph.js';

describe('import specifiers', () => {
  it('include type-only imports, re-exports and import()', () => {
    const text = [
      "import { a } from './a.js';",
      "import type { B } from './b.js';",
      "export { c } from '../c.js';",
      "export type * from './d.js';",
      "const e = await import('./e.js');",
      "import React from 'react';",
    ].join('\n');
    expect(importSpecifiers(text)).toEqual([
      './a.js',
      './b.js',
      '../c.js',
      './d.js',
      './e.js',
      'react',
    ]);
  });
});

describe('resolving a specifier', () => {
  const files = new Set(['src/a.ts', 'src/view.tsx', 'src/lib/index.ts', 'src/plain.ts']);

  it('finds the .ts or .tsx file a .js specifier names', () => {
    expect(resolveSpecifier('./a.js', 'src/b.ts', files)).toBe('src/a.ts');
    expect(resolveSpecifier('../view.js', 'src/sub/b.ts', files)).toBe('src/view.tsx');
  });

  it('finds extensionless files and a folder’s index', () => {
    expect(resolveSpecifier('./plain', 'src/b.ts', files)).toBe('src/plain.ts');
    expect(resolveSpecifier('./lib', 'src/b.ts', files)).toBe('src/lib/index.ts');
  });

  it('leaves packages, stylesheets and unknown files out', () => {
    expect(resolveSpecifier('yjs', 'src/b.ts', files)).toBeNull();
    expect(resolveSpecifier('./b.css', 'src/b.ts', files)).toBeNull();
    expect(resolveSpecifier('./missing.js', 'src/b.ts', files)).toBeNull();
  });
});

describe('cycles', () => {
  it('are found through type-only imports, each listed from the file imported again', () => {
    const graph = importGraph(
      new Map([
        ['s/room.ts', "import type { Limits } from './contract.js';"],
        ['s/contract.ts', "import type { Room } from './room.js';"],
        ['s/main.ts', "import { Room } from './room.js';"],
      ]),
    );
    expect(findCycles(graph)).toEqual([['s/contract.ts', 's/room.ts']]);
  });

  it('one per closing import, as madge lists them', () => {
    const graph = new Map([
      ['templates.ts', ['templates/a.ts', 'templates/b.ts']],
      ['templates/a.ts', ['templates.ts']],
      ['templates/b.ts', ['templates.ts']],
    ]);
    expect(findCycles(graph)).toEqual([
      ['templates.ts', 'templates/a.ts'],
      ['templates.ts', 'templates/b.ts'],
    ]);
  });

  it('are none in a graph that only shares dependencies', () => {
    const graph = new Map([
      ['a.ts', ['b.ts', 'c.ts']],
      ['b.ts', ['c.ts']],
      ['c.ts', []],
    ]);
    expect(findCycles(graph)).toEqual([]);
  });
});
