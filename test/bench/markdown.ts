/** Markdown for the bench's reports: padded tables and figures. */
import type { Metric } from './workloads/common.js';

export function formatValue(m: Metric | undefined): string {
  if (!m || m.value === null || !Number.isFinite(m.value)) return '—';
  const digits = m.digits ?? (Math.abs(m.value) >= 100 ? 0 : Math.abs(m.value) >= 10 ? 1 : 2);
  return m.value.toLocaleString('en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });
}

/** A Markdown table with padded columns (Prettier reformats the file copy the same way). */
export function table(header: string[], rows: string[][]): string {
  const width = header.map((h, i) =>
    Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length), 3),
  );
  const line = (cells: string[]) =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(width[i]!) : c.padStart(width[i]!))).join(' | ')} |`;
  const rule = `| ${width.map((w, i) => (i === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`)).join(' | ')} |`;
  return [line(header), rule, ...rows.map(line)].join('\n');
}
