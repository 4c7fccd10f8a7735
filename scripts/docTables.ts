/**
 * The tables in the docs that are generated from the code, so they cannot drift from it: the
 * configuration table (README.md) and the limits table (docs/SECURITY.md) from
 * `server/config.ts`, the close codes (docs/WIRE.md) from `shared/protocol/closeCodes.ts`, the
 * fields of an import (docs/WIRE.md) from the open JSON format's schema (`shared/model/json.ts`).
 * Each sits between `<!-- generated:<name> -->` and `<!-- /generated:<name> -->`.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as prettier from 'prettier';
import { z } from 'zod';
import { CONFIG_DOCS, envSchema } from '../server/config.js';
import { boardJsonSchema } from '../shared/model/json.js';
import { closeCodeList, stockClientRetries } from '../shared/protocol/closeCodes.js';

type Table = { header: string[]; rows: string[][] };

const code = (text: string | number) => `\`${text}\``;

/** 65536 → "64 KiB"; other numbers as they are. */
function bytes(n: number): string {
  const units = ['GiB', 'MiB', 'KiB'] as const;
  for (const [i, unit] of units.entries()) {
    const size = 1024 ** (units.length - i);
    if (n >= size && n % size === 0) return `${n / size} ${unit}`;
  }
  return String(n);
}

/** The schema under `.default()`, `.optional()` and transforms. */
function innerType(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodDefault || schema instanceof z.ZodOptional)
    return innerType(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodPipe) return innerType(schema.in as z.ZodType);
  return schema;
}

type Variable = keyof typeof CONFIG_DOCS;

function shownDefault(name: Variable): string {
  const value: unknown = envSchema.shape[name].parse(undefined);
  const unset = value === undefined || (Array.isArray(value) && value.length === 0);
  if (unset) return CONFIG_DOCS[name].unset ?? 'unset';
  if (typeof value === 'number' && name.endsWith('_BYTES') && bytes(value) !== String(value))
    return `${code(value)} (${bytes(value)})`;
  return code(String(value));
}

/** What the schema accepts, when it can be said in a few words. */
function accepted(name: Variable): string {
  const inner = innerType(envSchema.shape[name]);
  if (inner instanceof z.ZodNumber) {
    const show = name.endsWith('_BYTES') ? bytes : String;
    return `${show(inner.minValue ?? -Infinity)}–${show(inner.maxValue ?? Infinity)}`;
  }
  if (inner instanceof z.ZodEnum) return inner.options.map((o) => code(String(o))).join(', ');
  if (inner instanceof z.ZodString) {
    if ((inner.minLength ?? 0) > 1) return `${inner.minLength}+ characters`;
    // A pattern's own message says what it accepts ("must be a postgres:// … URL").
    const issue = inner.safeParse('\u0000').error?.issues[0];
    if (issue?.code === 'invalid_format') return issue.message.replace(/^must be /, '');
  }
  return '';
}

const variables = () => Object.keys(envSchema.shape) as Variable[];

export function configTable(): Table {
  return {
    header: ['variable', 'default', 'accepted', 'meaning'],
    rows: variables().map((name) => [
      code(name),
      shownDefault(name),
      accepted(name),
      CONFIG_DOCS[name].meaning,
    ]),
  };
}

export function limitsTable(): Table {
  return {
    header: ['setting', 'default', 'why'],
    rows: variables().flatMap((name) => {
      const { why } = CONFIG_DOCS[name];
      return why ? [[code(name), shownDefault(name), why]] : [];
    }),
  };
}

export function closeCodeTable(): Table {
  return {
    header: ['code', 'meaning', 'a stock y-websocket 3.1 client'],
    rows: closeCodeList().map(({ code: number, meaning }) => [
      String(number),
      meaning,
      stockClientRetries(number) ? 'reconnects' : 'stops for good (final)',
    ]),
  };
}

/** "1–64 characters", "0…100", "≥ 0", … from a string's or number's bounds. */
function bounds(min: number | null, max: number | null, between: string, unit = ''): string {
  const lo = min !== null && Number.isFinite(min) ? min : null;
  const hi = max !== null && max < Number.MAX_SAFE_INTEGER ? max : null;
  if (lo !== null && hi !== null) return `${lo}${between}${hi}${unit}`;
  if (lo !== null) return `≥ ${lo}${unit}`;
  return hi !== null ? `≤ ${hi}${unit}` : '';
}

const oneOf = (values: readonly unknown[]) =>
  `one of ${values.map((v) => code(typeof v === 'string' ? v : JSON.stringify(v))).join(', ')}`;

/** What a JSON value must be, in a few words. */
function jsonType(schema: z.ZodType): string {
  if (schema instanceof z.ZodLiteral) return code(JSON.stringify([...schema.values][0]));
  if (schema instanceof z.ZodEnum) return oneOf(schema.options);
  if (schema instanceof z.ZodString) {
    if (schema.minLength === 1 && schema.maxLength === null) return 'string, not empty';
    const length = bounds(schema.minLength, schema.maxLength, '–', ' characters');
    return length ? `string, ${length}` : 'string';
  }
  if (schema instanceof z.ZodNumber) {
    const range = bounds(schema.minValue, schema.maxValue, '…');
    return `${schema.isInt ? 'integer' : 'number'}${range ? `, ${range}` : ''}`;
  }
  if (schema instanceof z.ZodObject) return 'object';
  if (schema instanceof z.ZodArray) {
    const element = jsonType(schema.element as z.ZodType);
    return `array of ${element.replace(/^(string|object|integer|number)/, '$1s')}`;
  }
  throw new Error(`docs: no description for a ${schema.def.type} in the import schema`);
}

/** One row per field of the open JSON format: `cards[].metrics.csat` and so on. */
function fieldRows(schema: z.ZodType, path: string, required: boolean, rows: string[][]): void {
  if (schema instanceof z.ZodOptional)
    return fieldRows(schema.unwrap() as z.ZodType, path, false, rows);
  // A preprocessed field (meta, W213) is documented as what it is checked against.
  if (schema instanceof z.ZodPipe) return fieldRows(schema.out as z.ZodType, path, required, rows);
  if (path) rows.push([code(path), required ? 'yes' : 'no', jsonType(schema)]);
  const fields = schema instanceof z.ZodArray ? (schema.element as z.ZodType) : schema;
  if (!(fields instanceof z.ZodObject)) return;
  const prefix = schema instanceof z.ZodArray ? `${path}[].` : path ? `${path}.` : '';
  for (const [key, field] of Object.entries(fields.shape as Record<string, z.ZodType>))
    fieldRows(field, `${prefix}${key}`, true, rows);
}

export function importFieldsTable(): Table {
  const rows: string[][] = [];
  fieldRows(boardJsonSchema, '', true, rows);
  return { header: ['field', 'required', 'value'], rows };
}

function markdown({ header, rows }: Table): string {
  const line = (cells: string[]) => `| ${cells.map((c) => c.replaceAll('|', '\\|')).join(' | ')} |`;
  return [line(header), line(header.map(() => '---')), ...rows.map(line)].join('\n');
}

/** Which table goes between which markers of which file (paths from the repository root). */
export const GENERATED: readonly { file: string; name: string; table: () => Table }[] = [
  { file: 'README.md', name: 'config', table: configTable },
  { file: 'docs/SECURITY.md', name: 'limits', table: limitsTable },
  { file: 'docs/WIRE.md', name: 'close-codes', table: closeCodeTable },
  { file: 'docs/WIRE.md', name: 'import-fields', table: importFieldsTable },
];

/**
 * `text` of `file` (a path from `root`) with each of its tables rewritten, formatted as
 * Prettier would (lint checks it).
 */
export async function regenerate(root: string, file: string, text: string): Promise<string> {
  let out = text;
  for (const { name, table } of GENERATED.filter((g) => g.file === file)) {
    const open = `<!-- generated:${name} -->`;
    const close = `<!-- /generated:${name} -->`;
    const start = out.indexOf(open);
    const end = out.indexOf(close);
    if (start < 0 || end < start)
      throw new Error(`${file}: the markers ${open} … ${close} are missing`);
    out = `${out.slice(0, start + open.length)}\n\n${markdown(table())}\n\n${out.slice(end)}`;
  }
  const filepath = path.join(root, file);
  const options = await prettier.resolveConfig(filepath);
  return prettier.format(out, { ...options, filepath });
}

/** Each generated file as it is and as it should be. */
export async function generatedFiles(
  root: string,
): Promise<{ file: string; current: string; expected: string }[]> {
  const files = [...new Set(GENERATED.map((g) => g.file))];
  return Promise.all(
    files.map(async (file) => {
      const current = readFileSync(path.join(root, file), 'utf8');
      return { file, current, expected: await regenerate(root, file, current) };
    }),
  );
}
