/**
 * The numbered rules of docs/WIRE.md (W1, W2, …) and docs/SECURITY.md (S1, S2, …) and the tests
 * that cite them. A rule is defined where its number stands in bold (`**W13**`); a test cites
 * rules by starting its title with their numbers and a colon (`W13: …`, `W17, S26: …`).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '../..');
const SPECS = { W: 'docs/WIRE.md', S: 'docs/SECURITY.md' } as const;
type Prefix = keyof typeof SPECS;

/**
 * Rules no test in test/unit or test/integration cites yet, and why. A rule listed here that a
 * test starts citing must leave the list, so the list stays the honest answer to "what is
 * unverified".
 */
const UNCITED: Record<string, string> = {
  W15: 'needs the updates of two sockets read in one event-loop turn; an in-memory test of the outbox can show it',
  W77: 'an edit that lands while the restore backup is written: no test controls that timing',
  W99: 'browser localStorage; test/e2e/activity.e2e.test.ts covers the returning reader',
  W115: 'browser download; test/e2e/export.e2e.test.ts imports the exported JSON back',
  W120: 'browser PDF; test/e2e/export.e2e.test.ts and review.e2e.test.ts read the PDF',
  S5: 'the browser client; test/e2e/access.e2e.test.ts watches every request for a token',
  W271: 'the boards page in a browser; test/e2e/search.e2e.test.ts types, finds and opens a card',
};

interface Rule {
  id: string;
  file: string;
}

/** Every rule defined in the two specs, in order, duplicates included. */
function definedRules(): Rule[] {
  return Object.entries(SPECS).flatMap(([prefix, file]) => {
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    return [...text.matchAll(/\*\*([A-Z])(\d+)\*\*/g)].map((m) => {
      const id = `${m[1]}${m[2]}`;
      if (m[1] !== prefix) throw new Error(`${file} defines ${id}, which belongs in another spec`);
      return { id, file };
    });
  });
}

/** Test files under `dir`, relative to the repository root. */
function testFiles(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.join(dir, entry.name);
    if (entry.isDirectory()) return testFiles(relative);
    return /\.test\.tsx?$/.test(entry.name) ? [relative] : [];
  });
}

/** Rule ids a title cites: the numbers before its first colon, when that is all that stands there. */
function citedBy(title: string): string[] | null {
  const lead = /^((?:[WS]\d+)(?:, [WS]\d+)*): /.exec(title);
  return lead ? lead[1]!.split(', ') : null;
}

interface Citation {
  id: string;
  file: string;
}

/**
 * Every citation in the test files: a string literal that starts with a rule number followed by
 * a colon, a comma or another number. Those not spelt `W1: …` or `W1, S2: …` are `malformed`.
 */
function citations(): { cited: Citation[]; malformed: string[] } {
  const self = path.relative(ROOT, import.meta.filename);
  const cited: Citation[] = [];
  const malformed: string[] = [];
  for (const file of testFiles('test')) {
    if (file === self) continue;
    const text = readFileSync(path.join(ROOT, file), 'utf8');
    for (const [, title] of text.matchAll(/['"`]([WS]\d+(?:[:,]| [WS]\d)[^'"`\n]*)/g)) {
      const ids = citedBy(title!);
      if (ids) cited.push(...ids.map((id) => ({ id, file })));
      else malformed.push(`${file}: ${title}`);
    }
  }
  return { cited, malformed };
}

describe('numbered rules of WIRE.md and SECURITY.md', () => {
  const rules = definedRules();
  const ids = new Set(rules.map((r) => r.id));
  const { cited, malformed } = citations();

  it('exist in both specs, each number once', () => {
    for (const prefix of Object.keys(SPECS) as Prefix[])
      expect(
        rules.some((r) => r.id.startsWith(prefix)),
        SPECS[prefix],
      ).toBe(true);
    const count = new Map<string, number>();
    for (const { id } of rules) count.set(id, (count.get(id) ?? 0) + 1);
    const twice = [...count].filter(([, n]) => n > 1).map(([id]) => id);
    expect(twice, 'numbers used twice').toEqual([]);
  });

  it('are cited only where they exist, as "W1: …" or "W1, S2: …"', () => {
    expect(malformed, 'titles citing rules in another form').toEqual([]);
    const unknown = cited.filter((c) => !ids.has(c.id)).map((c) => `${c.file}: ${c.id}`);
    expect(unknown, 'tests citing a rule that does not exist').toEqual([]);
  });

  it('are each cited by a test, or listed with the reason none does', () => {
    const citedIds = new Set(cited.map((c) => c.id));
    const uncited = [...ids].filter((id) => !citedIds.has(id) && !(id in UNCITED));
    expect(uncited, 'rules no test cites (cite them, or say why in UNCITED)').toEqual([]);
    const stale = Object.keys(UNCITED).filter((id) => !ids.has(id) || citedIds.has(id));
    expect(stale, 'UNCITED entries that are gone or now cited').toEqual([]);
  });

  it('read a citation only at the start of a title', () => {
    expect(citedBy('W13: a read-only write is denied')).toEqual(['W13']);
    expect(citedBy('W17, S26: refuses a wrong type')).toEqual(['W17', 'S26']);
    expect(citedBy('refuses W13 writes')).toBeNull();
    expect(citedBy('W13 S2: no comma')).toBeNull();
    expect(citedBy('W13:no space')).toBeNull();
  });
});
