/**
 * A one-page PDF for stakeholders: a header (title, map type, persona, scenario, export date)
 * above the map image. Loaded on demand (jsPDF is large).
 */
import { personaLabel } from '../../../../shared/model/personas.js';
import { jsPDF } from 'jspdf';
import type { BoardMeta } from '../../../../shared/model/schema.js';
import { mapTypeLabel } from '../../ui/mapTypes.js';

/** One board unit is one CSS pixel: 0.75 pt, so the map prints at the size it shows at 100 %. */
const PT_PER_UNIT = 0.75;
const MARGIN = 36;
const MIN_PAGE_W = 595; // A4 width, so a tiny map still leaves room for its header
/** PDF viewers (Acrobat) refuse pages over 200 inches a side. */
const MAX_PAGE_SIDE = 14_400;
const INK = '#1c2233';
const MUTED = '#5b6478';

/** Characters the standard PDF fonts can draw (WinAnsi: Latin-1 plus Windows-1252 extras). */
const WIN_ANSI_EXTRAS = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');
function winAnsi(text: string): boolean {
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (!(code < 0x80 || (code >= 0xa0 && code <= 0xff) || WIN_ANSI_EXTRAS.has(ch))) return false;
  }
  return true;
}

interface HeaderLine {
  text: string;
  size: number;
  bold?: boolean;
  color: string;
}

export interface MapPdfInput {
  meta: BoardMeta;
  /** The map image (the PNG export's canvas) and the board size it covers. */
  image: HTMLCanvasElement;
  mapSize: { w: number; h: number };
  /** Already formatted in the reader's time zone. */
  exportedAt: string;
}

function headerLines(meta: BoardMeta, exportedAt: string): HeaderLine[] {
  const lines: HeaderLine[] = [{ text: meta.title, size: 22, bold: true, color: INK }];
  const names = (meta.personas ?? []).map((p, i) => personaLabel(p, i));
  const persona =
    names.length > 1
      ? ` · Personas: ${names.join(', ')}`
      : meta.persona.name
        ? ` · Persona: ${meta.persona.name}`
        : '';
  lines.push({ text: `${mapTypeLabel(meta.mapType)} journey map${persona}`, size: 12, color: INK });
  if (meta.persona.description)
    lines.push({ text: meta.persona.description, size: 10, color: MUTED });
  if (meta.scenario) lines.push({ text: `Scenario: ${meta.scenario}`, size: 10, color: INK });
  lines.push({ text: `Exported ${exportedAt}`, size: 9, color: MUTED });
  return lines;
}

/**
 * Text the standard fonts cannot draw (emoji, CJK, Polish…) is drawn as a small image instead,
 * so it reads right without embedding a font of several MB.
 */
function textImage(text: string, line: HeaderLine, width: number): string {
  const scale = 3;
  const canvas = document.createElement('canvas');
  const font = `${line.bold ? 'bold ' : ''}${line.size * scale}px Helvetica, Arial, sans-serif`;
  const measure = canvas.getContext('2d')!;
  measure.font = font;
  canvas.width = Math.ceil(Math.min(width * scale, measure.measureText(text).width + 4));
  canvas.height = Math.ceil(line.size * 1.3 * scale);
  const ctx = canvas.getContext('2d')!;
  ctx.font = font;
  ctx.fillStyle = line.color;
  ctx.textBaseline = 'top';
  ctx.fillText(text, 0, line.size * 0.1 * scale);
  return canvas.toDataURL('image/png');
}

/** The PDF as bytes: one page, as wide as the map (never narrower than A4), header on top. */
export function mapPdf({ meta, image, mapSize, exportedAt }: MapPdfInput): Blob {
  const mapW = mapSize.w * PT_PER_UNIT;
  const mapH = mapSize.h * PT_PER_UNIT;
  const pageW = Math.min(MAX_PAGE_SIDE, Math.max(MIN_PAGE_W, mapW + 2 * MARGIN));
  const textW = pageW - 2 * MARGIN;

  // Lay the header out first: its height depends on how long lines wrap.
  const measurer = new jsPDF({ unit: 'pt' });
  const wrapped = headerLines(meta, exportedAt).map((line) => {
    measurer.setFont('helvetica', line.bold ? 'bold' : 'normal');
    measurer.setFontSize(line.size);
    const parts = winAnsi(line.text)
      ? (measurer.splitTextToSize(line.text, textW) as string[])
      : [line.text];
    return { line, parts };
  });
  const headerH = wrapped.reduce((h, { line, parts }) => h + parts.length * line.size * 1.3, 0);
  const top = MARGIN + headerH + 14;

  // A map too big for one page is scaled down to fit (the image keeps all its pixels).
  const fit = Math.min(1, (pageW - 2 * MARGIN) / mapW, (MAX_PAGE_SIDE - top - MARGIN) / mapH);
  const pageH = Math.min(MAX_PAGE_SIDE, top + mapH * fit + MARGIN);
  const pdf = new jsPDF({
    unit: 'pt',
    format: [pageW, pageH],
    orientation: pageW >= pageH ? 'landscape' : 'portrait',
    compress: false,
  });
  pdf.setProperties({ title: meta.title, subject: 'Journey map', creator: 'journeyboard' });

  let y = MARGIN;
  for (const { line, parts } of wrapped) {
    pdf.setFont('helvetica', line.bold ? 'bold' : 'normal');
    pdf.setFontSize(line.size);
    pdf.setTextColor(line.color);
    for (const part of parts) {
      const lineH = line.size * 1.3;
      if (winAnsi(part)) pdf.text(part, MARGIN, y + line.size, { baseline: 'alphabetic' });
      else {
        const img = textImage(part, line, textW);
        const props = pdf.getImageProperties(img);
        const w = (props.width / props.height) * lineH;
        pdf.addImage(img, 'PNG', MARGIN, y, Math.min(w, textW), lineH);
      }
      y += lineH;
    }
  }
  pdf.setDrawColor('#dfe3ec');
  pdf.setLineWidth(1);
  pdf.line(MARGIN, top - 7, pageW - MARGIN, top - 7);
  pdf.addImage(image, 'PNG', MARGIN, top, mapW * fit, mapH * fit, undefined, 'FAST');
  return pdf.output('blob');
}
