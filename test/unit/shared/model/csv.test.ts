import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectDelimiter, parseCsv, type CsvTable } from '../../../../shared/model/index.js';

/** Values of every record, the header included. */
const values = (table: CsvTable) => table.records.map((r) => r.fields.map((f) => f.value));
const lines = (table: CsvTable) => table.records.map((r) => r.line);

describe('parseCsv', () => {
  it('W125: reads plain records with LF, CRLF and lone CR line breaks', () => {
    for (const br of ['\n', '\r\n', '\r']) {
      const table = parseCsv(`a,b,c${br}1,2,3${br}4,5,6${br}`);
      expect(values(table)).toEqual([
        ['a', 'b', 'c'],
        ['1', '2', '3'],
        ['4', '5', '6'],
      ]);
      expect(lines(table)).toEqual([1, 2, 3]);
      expect(table.problems).toEqual([]);
    }
  });

  it('reads the last record without a trailing line break', () => {
    expect(values(parseCsv('a,b\n1,2'))).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('W125: strips a UTF-8 byte-order mark', () => {
    const table = parseCsv('\uFEFFtouchpoint,csat\nChat,5\n');
    expect(table.records[0]!.fields[0]!.value).toBe('touchpoint');
  });

  it('W125: unquotes fields, unescapes doubled quotes and keeps delimiters inside quotes', () => {
    const table = parseCsv('a,b\n"x, y","say ""hi"""\n"",plain\n');
    expect(values(table)).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
      ['', 'plain'],
    ]);
  });

  it('W125, W129: keeps line breaks inside quoted fields (as LF) and counts them as physical lines', () => {
    const csv = 'id,comment,csat\n1,"first line\r\nsecond line\nthird",4\n2,"one",5\n3,"a\rb",1\n';
    const table = parseCsv(csv);
    expect(values(table)[1]).toEqual(['1', 'first line\nsecond line\nthird', '4']);
    expect(values(table)[3]).toEqual(['3', 'a\nb', '1']);
    // Record 1 spans lines 2–4, so record 2 starts on line 5; record 3 spans lines 6–7.
    expect(lines(table)).toEqual([1, 2, 5, 6]);
    // The field after the multi-line comment starts on the comment's last line.
    expect(table.records[1]!.fields.map((f) => f.line)).toEqual([2, 2, 4]);
  });

  it('W125: skips empty lines but counts them', () => {
    const table = parseCsv('a,b\n\n1,2\r\n\r\n3,4\n\n');
    expect(values(table)).toEqual([
      ['a', 'b'],
      ['1', '2'],
      ['3', '4'],
    ]);
    expect(lines(table)).toEqual([1, 3, 5]);
  });

  it('keeps empty fields, including a trailing one', () => {
    expect(values(parseCsv('a,b,c\n,,\n1,,\n1,2,'))).toEqual([
      ['a', 'b', 'c'],
      ['', '', ''],
      ['1', '', ''],
      ['1', '2', ''],
    ]);
  });

  it('keeps a quote inside an unquoted field literally', () => {
    const table = parseCsv('a,b\n5" screen,x\n');
    expect(values(table)[1]).toEqual(['5" screen', 'x']);
    expect(table.problems).toEqual([]);
  });

  it('flags text after a closing quote with its line and field, keeping the text', () => {
    const table = parseCsv('a,b\n1,2\n"x"y,3\n');
    expect(table.problems).toEqual([
      { line: 3, field: 1, message: 'unexpected text after a closing quote: "y"' },
    ]);
    expect(values(table)[2]).toEqual(['xy', '3']);
  });

  it('flags a quote that is never closed at the line where it opens', () => {
    const table = parseCsv('a,b\n1,2\n3,"never closed\nmore\nlines\n');
    expect(table.problems).toEqual([
      { line: 3, field: 2, message: 'a quoted field starts here and is never closed' },
    ]);
    expect(values(table)).toEqual([
      ['a', 'b'],
      ['1', '2'],
    ]);
  });

  it('reads an empty input as no records', () => {
    expect(parseCsv('')).toEqual({ delimiter: ',', records: [], problems: [] });
    expect(parseCsv('\uFEFF').records).toEqual([]);
  });

  it('W125: detects semicolon and tab delimiters from the header line, ignoring quoted ones', () => {
    expect(detectDelimiter('a;b;c\n1,5;2;3')).toBe(';');
    expect(detectDelimiter('a\tb\n')).toBe('\t');
    expect(detectDelimiter('"x;y;z",b\n')).toBe(',');
    expect(detectDelimiter('single\n')).toBe(',');
    expect(values(parseCsv('a;b\n"1;2";3\n'))).toEqual([
      ['a', 'b'],
      ['1;2', '3'],
    ]);
    expect(values(parseCsv('a;b\n1,5;2\n', { delimiter: ',' }))).toEqual([['a;b'], ['1', '5;2']]);
  });

  it('reads back whatever an RFC 4180 writer writes, with correct line numbers', () => {
    const field = fc.string({ unit: fc.constantFrom('a', 'Z', ' ', ',', '"', '\n', '\r\n', 'é') });
    const matrix = fc.integer({ min: 1, max: 4 }).chain((width) =>
      fc.array(fc.array(field, { minLength: width, maxLength: width }), {
        minLength: 1,
        maxLength: 6,
      }),
    );
    const quote = (v: string) => `"${v.replace(/"/g, '""')}"`;
    fc.assert(
      fc.property(matrix, fc.constantFrom('\n', '\r\n'), (rows, br) => {
        // Quote every field so an all-empty row is not an empty line.
        const csv = rows.map((r) => r.map(quote).join(',')).join(br) + br;
        const table = parseCsv(csv, { delimiter: ',' });
        expect(table.problems).toEqual([]);
        expect(values(table)).toEqual(rows.map((r) => r.map((v) => v.replace(/\r\n/g, '\n'))));
        let line = 1;
        rows.forEach((row, i) => {
          expect(table.records[i]!.line).toBe(line);
          line += 1 + row.reduce((n, v) => n + (v.match(/\r\n|\n/g)?.length ?? 0), 0);
        });
      }),
    );
  });
});
