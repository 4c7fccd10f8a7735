/** Where things go on a 16:9 slide of the deck, and its colours and fonts. */
import pptxgenjs from 'pptxgenjs';
import type * as PptxTypes from 'pptxgenjs';

/**
 * The package's types describe its CommonJS build (the class under `default`); the ES module
 * build, which Node and Vite load, exports the class itself as its default.
 */
export const PptxGenJS = pptxgenjs as unknown as typeof pptxgenjs.default;
export type Pptx = InstanceType<typeof PptxGenJS>;
export type Slide = PptxTypes.default.Slide;

/** 16:9, in inches. */
export const SLIDE = { w: 10, h: 5.625 };
export const MARGIN = 0.4;
export const FONT = 'Calibri';
export const INK = '1C2233';
export const MUTED = '5B6478';
export const ACCENT = '4F46E5';
export const RULE = 'DFE3EC';
export const BODY_TOP = 0.95;
export const BODY_H = SLIDE.h - BODY_TOP - 0.3;
export type TextRun = PptxTypes.default.TextProps;

export function heading(slide: Slide, text: string, aside?: string): void {
  slide.addText(text, {
    x: MARGIN,
    y: 0.25,
    w: SLIDE.w - 2 * MARGIN - (aside ? 1.6 : 0),
    h: 0.6,
    fontFace: FONT,
    fontSize: 24,
    bold: true,
    color: INK,
    valign: 'middle',
    fit: 'shrink',
  });
  if (aside)
    slide.addText(aside, {
      x: SLIDE.w - MARGIN - 1.6,
      y: 0.25,
      w: 1.6,
      h: 0.6,
      fontFace: FONT,
      fontSize: 11,
      color: MUTED,
      align: 'right',
      valign: 'middle',
    });
  slide.addShape('line', {
    x: MARGIN,
    y: 0.85,
    w: SLIDE.w - 2 * MARGIN,
    h: 0,
    line: { color: RULE, width: 1 },
  });
}
