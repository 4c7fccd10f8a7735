/**
 * The PowerPoint deck (W276–W278): a title slide, a summary slide, then one slide per stage with
 * its cards as editable text and, when given, a picture of its part of the map. Runs in Node
 * (tests) and in the browser, where it is loaded only when someone exports (pptxgenjs is large).
 */
import { computeInsights, type Insights } from '../../../../shared/model/insights.js';
import { METRIC_KEYS, type BoardSnapshot } from '../../../../shared/model/schema.js';
import {
  cleanText,
  emotionMean,
  shorten,
  stageContents,
  stageMetrics,
  titleContent,
  stageMetric,
  type DeckLine,
  type StageContent,
} from './deckText.js';
import { stageSlide, type StageImage } from './deckStage.js';
import {
  ACCENT,
  BODY_H,
  BODY_TOP,
  FONT,
  heading,
  INK,
  MARGIN,
  MUTED,
  PptxGenJS,
  RULE,
  SLIDE,
  type Pptx,
  type TextRun,
} from './deckStyle.js';

export type { StageImage } from './deckStage.js';

export interface DeckInput {
  board: BoardSnapshot;
  /** Already formatted in the reader's time zone. */
  exportedAt: string;
  /** By stage id; a stage without one gets a text-only slide. */
  stageImages?: ReadonlyMap<string, StageImage>;
}

/** How many pain points and opportunities the summary lists. */
const TOP_ITEMS = 5;

function titleSlide(pptx: Pptx, board: BoardSnapshot, date: string): void {
  const content = titleContent(board, date);
  const slide = pptx.addSlide();
  slide.addShape('rect', { x: 0, y: 0, w: 0.25, h: SLIDE.h, fill: { color: ACCENT } });
  slide.addText(shorten(content.title, 120), {
    x: 0.8,
    y: 1.2,
    w: 8.6,
    h: 1.3,
    fontFace: FONT,
    fontSize: 36,
    bold: true,
    color: INK,
    valign: 'bottom',
    fit: 'shrink',
  });
  const lines: TextRun[] = [{ text: content.mapType, options: { fontSize: 18, color: ACCENT } }];
  if (content.persona) lines.push({ text: shorten(content.persona, 240), options: {} });
  if (content.scenario) lines.push({ text: shorten(content.scenario, 300), options: {} });
  lines.push({ text: `Exported ${content.date}`, options: { color: MUTED, fontSize: 12 } });
  slide.addText(
    lines.map((run, i) => ({
      text: run.text,
      options: { ...run.options, breakLine: i < lines.length - 1, paraSpaceAfter: 6 },
    })),
    {
      x: 0.8,
      y: 2.7,
      w: 8.6,
      h: 2.3,
      fontFace: FONT,
      fontSize: 14,
      color: INK,
      valign: 'top',
      fit: 'shrink',
    },
  );
  slide.addNotes(
    [content.title, content.mapType, content.persona, content.scenario, `Exported ${date}`]
      .filter((line) => line !== undefined)
      .join('\n'),
  );
}

/** A table cell's font size that lets `rows` rows (header included) fill the body's height. */
function tableFontSize(rows: number): number {
  const rowH = Math.min(0.32, BODY_H / rows);
  return Math.max(6, Math.min(12, Math.floor(rowH * 72 * 0.6)));
}

function summarySlide(pptx: Pptx, board: BoardSnapshot, insights: Insights): void {
  const slide = pptx.addSlide();
  heading(slide, 'Summary');
  const notes: string[] = ['Stages:'];
  const header = ['Stage', 'Emotion', 'CSAT', 'CES', 'FCR', 'Volume'].map((text) => ({
    text,
    options: { bold: true, fill: { color: 'EEF2FF' } },
  }));
  const rows = insights.stages.map((s, i) => {
    notes.push(
      `${i + 1}. ${cleanText(s.name)}${s.emotion ? ` · emotion ${emotionMean(s.emotion.mean)}` : ''}${
        stageMetrics(s) ? ` · ${stageMetrics(s)}` : ''
      }`,
    );
    const value = (v: string | undefined) => ({ text: v ?? '–' });
    return [
      { text: `${i + 1}. ${shorten(s.name, 30)}` },
      value(s.emotion && emotionMean(s.emotion.mean)),
      ...METRIC_KEYS.map((key) => value(stageMetric(s, key))),
    ];
  });
  const tableW = 5.9;
  if (rows.length === 0)
    slide.addText('This map has no stages yet.', {
      x: MARGIN,
      y: BODY_TOP,
      w: tableW,
      h: 0.5,
      fontFace: FONT,
      fontSize: 14,
      color: MUTED,
    });
  else
    slide.addTable([header, ...rows], {
      x: MARGIN,
      y: BODY_TOP,
      w: tableW,
      colW: [2.0, 1.25, 0.65, 0.65, 0.65, 0.7],
      fontFace: FONT,
      fontSize: tableFontSize(rows.length + 1),
      color: INK,
      border: { type: 'solid', pt: 0.5, color: RULE },
      margin: 0.03,
    });

  const runs: TextRun[] = [];
  const list = (title: string, items: DeckLine[], empty: string) => {
    runs.push({ text: title, options: { bold: true, color: ACCENT, breakLine: true } });
    notes.push('', `${title}:`);
    if (items.length === 0)
      runs.push({ text: empty, options: { color: MUTED, breakLine: true, paraSpaceAfter: 8 } });
    items.forEach((item, i) => {
      const last = i === items.length - 1;
      runs.push({
        text: item.text,
        options: { bullet: true, breakLine: true, paraSpaceAfter: last ? 8 : 2 },
      });
      notes.push(`- ${item.full}`);
    });
  };
  const stageName = new Map(board.stages.map((s) => [s.id, cleanText(s.name)]));
  const ranked = (items: { text: string; stageId: string }[]) =>
    items.slice(0, TOP_ITEMS).map(({ text, stageId }) => {
      const where = ` (${shorten(stageName.get(stageId) ?? '', 30)})`;
      return {
        text: shorten(text, 90) + where,
        full: `${cleanText(text)} (${stageName.get(stageId) ?? ''})`,
      };
    });
  list('Top pain points', ranked(insights.painPoints), 'No pain points on this map.');
  list('Top opportunities', ranked(insights.opportunities), 'No opportunities on this map.');
  const hotspots = insights.hotspots.map((h) => ({
    text: shorten(h.name, 40),
    full: cleanText(h.name),
  }));
  list('Hotspots', hotspots, 'No hotspots.');
  slide.addText(runs, {
    x: MARGIN + tableW + 0.25,
    y: BODY_TOP,
    w: SLIDE.w - 2 * MARGIN - tableW - 0.25,
    h: BODY_H,
    fontFace: FONT,
    fontSize: 11,
    color: INK,
    valign: 'top',
    fit: 'shrink',
  });
  slide.addNotes(notes.join('\n'));
}

/** The deck as the bytes of a .pptx file. */
export async function buildDeck(input: DeckInput): Promise<Uint8Array> {
  const { board } = input;
  const pptx = new PptxGenJS();
  pptx.layout = 'LAYOUT_16x9';
  pptx.title = cleanText(board.meta.title);
  pptx.subject = 'Journey map';
  pptx.company = 'journeyboard';
  const insights = computeInsights(board);
  titleSlide(pptx, board, input.exportedAt);
  summarySlide(pptx, board, insights);
  const contents: StageContent[] = stageContents(board, insights);
  contents.forEach((content, i) =>
    stageSlide(pptx, content, {
      index: i,
      count: contents.length,
      image: input.stageImages?.get(content.stage.id),
    }),
  );
  const bytes = await pptx.write({ outputType: 'uint8array' });
  return bytes as Uint8Array;
}
