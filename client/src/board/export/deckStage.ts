/** One stage's slide of the deck (W277): its cards by lane as editable text, metrics, picture. */
import { cleanText, shorten, type DeckLine, type StageContent } from './deckText.js';
import {
  ACCENT,
  BODY_H,
  BODY_TOP,
  FONT,
  heading,
  INK,
  MARGIN,
  MUTED,
  SLIDE,
  type Pptx,
  type Slide,
  type TextRun,
} from './deckStyle.js';

/** A picture of one stage's part of the map, as a `data:image/png;base64,` URL. */
export interface StageImage {
  data: string;
  /** Its size in pixels: only the ratio matters. */
  width: number;
  height: number;
}

export interface StagePlace {
  index: number;
  count: number;
  image?: StageImage;
}

/** The picture's box, right of the text. */
const IMAGE_W = 3.3;
const GUTTER = 0.25;
const MAX_FONT = 14;
const MIN_FONT = 8;

interface Block {
  title: string;
  /** The title in full, for the notes. */
  name: string;
  lines: DeckLine[];
}

/** Lines a text of `chars` characters takes in a box `width` inches wide at `fontSize` pt. */
function wrappedLines(chars: number, width: number, fontSize: number): number {
  // An average character of a sans-serif font is about half its size wide.
  const perLine = Math.max(1, Math.floor((width * 72) / (fontSize * 0.5)));
  return Math.max(1, Math.ceil(chars / perLine));
}

function blocksHeight(blocks: readonly Block[], width: number, fontSize: number): number {
  let lines = 0;
  for (const block of blocks) {
    lines += 1.3; // the lane's name and the space above it
    for (const line of block.lines) lines += wrappedLines(line.text.length + 2, width, fontSize);
  }
  return (lines * fontSize * 1.2) / 72;
}

/**
 * The largest font size at which the blocks fit the box; when even the smallest does not, the
 * cards that do not fit are left off the slide with a line saying how many (their full text is
 * in the notes, as every card's is).
 */
function fitBlocks(blocks: Block[], width: number): { blocks: Block[]; fontSize: number } {
  for (let size = MAX_FONT; size >= MIN_FONT; size--)
    if (blocksHeight(blocks, width, size) <= BODY_H) return { blocks, fontSize: size };
  const kept: Block[] = [];
  let left = blocks.reduce((n, b) => n + b.lines.length, 0);
  for (const block of blocks) {
    const room: DeckLine[] = [];
    for (const line of block.lines) {
      const trial = [...kept, { ...block, lines: [...room, line] }];
      // One line stays free for "… and N more".
      if (blocksHeight(trial, width, MIN_FONT) + (MIN_FONT * 1.2 * 2) / 72 > BODY_H) break;
      room.push(line);
      left--;
    }
    if (room.length === 0) break;
    kept.push({ ...block, lines: room });
    if (room.length < block.lines.length) break;
  }
  const more = `… and ${left} more (every card is in the notes)`;
  kept.push({ title: '', name: '', lines: [{ text: more, full: more }] });
  return { blocks: kept, fontSize: MIN_FONT };
}

function runsOf(blocks: readonly Block[]): TextRun[] {
  const runs: TextRun[] = [];
  for (const block of blocks) {
    if (block.title)
      runs.push({
        text: block.title,
        options: { bold: true, color: ACCENT, breakLine: true, paraSpaceBefore: 4 },
      });
    for (const line of block.lines)
      runs.push({
        text: line.text,
        options: block.title
          ? { bullet: true, breakLine: true }
          : { breakLine: true, color: MUTED },
      });
  }
  // No empty paragraph after the last one.
  const last = runs[runs.length - 1];
  if (last) last.options = { ...last.options, breakLine: false };
  return runs;
}

function addImage(slide: Slide, image: StageImage, name: string): void {
  const boxX = SLIDE.w - MARGIN - IMAGE_W;
  const scale = Math.min(IMAGE_W / image.width, BODY_H / image.height);
  const w = image.width * scale;
  const h = image.height * scale;
  slide.addImage({
    data: image.data,
    x: boxX + (IMAGE_W - w) / 2,
    y: BODY_TOP,
    w,
    h,
    altText: `The map at the stage ${name}: its cards and the emotion curve`,
  });
}

export function stageSlide(pptx: Pptx, content: StageContent, place: StagePlace): void {
  const slide = pptx.addSlide();
  const name = cleanText(content.stage.name).trim() || 'Untitled stage';
  heading(slide, shorten(name, 60), `Stage ${place.index + 1} of ${place.count}`);
  const blocks: Block[] = content.lanes.map(({ lane, cards }) => ({
    title: shorten(lane.name, 40) || 'Untitled lane',
    name: cleanText(lane.name).trim() || 'Untitled lane',
    lines: cards,
  }));
  if (content.metrics.length > 0)
    blocks.push({ title: 'Metrics', name: 'Metrics', lines: content.metrics });
  const textW = SLIDE.w - 2 * MARGIN - (place.image ? IMAGE_W + GUTTER : 0);
  if (blocks.length === 0) {
    const empty = 'No cards in this stage yet.';
    blocks.push({ title: '', name: '', lines: [{ text: empty, full: empty }] });
  }
  const fitted = fitBlocks(blocks, textW);
  slide.addText(runsOf(fitted.blocks), {
    x: MARGIN,
    y: BODY_TOP,
    w: textW,
    h: BODY_H,
    fontFace: FONT,
    fontSize: fitted.fontSize,
    color: INK,
    valign: 'top',
    fit: 'shrink',
  });
  if (place.image) addImage(slide, place.image, name);

  const notes = [`Stage ${place.index + 1} of ${place.count}: ${name}`];
  for (const block of blocks) {
    notes.push('', block.name ? `${block.name}:` : '');
    for (const line of block.lines) notes.push(block.title ? `- ${line.full}` : line.full);
  }
  slide.addNotes(notes.join('\n').replace(/\n{3,}/g, '\n\n'));
}
