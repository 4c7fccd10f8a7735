/** The four exports, each ending in a download; they throw with a message fit for a toast. */
import type * as Y from 'yjs';
import { boardToCsv } from '../../../../shared/model/csvExport.js';
import { pictureIdsOf } from '../../../../shared/model/images.js';
import { exportBoard } from '../../../../shared/model/json.js';
import { plural } from '../../../../shared/model/plural.js';
import type { BoardSnapshot } from '../../../../shared/model/schema.js';
import type { CanvasColors } from '../canvas/theme.js';
import { absoluteTime } from '../../ui/time.js';
import { GRID, type GridLayout } from '../core/layout.js';
import { bundlePictures, type ImageSource } from '../pictures/index.js';
import type { StageImage } from './deckStage.js';
import { downloadBlob, exportFileName } from './download.js';
import { canvasToPng, renderSceneCanvas } from './renderMap.js';
import { exportPixelRatio, mapScene, selectionScene, type ExportScene } from './scene.js';

export interface ImageExportInput {
  board: BoardSnapshot;
  layout: GridLayout;
  colors: CanvasColors;
  selection: readonly string[];
}

/** What happened, for the success toast. */
export interface ExportDone {
  fileName: string;
  /** Set when the image had to be made smaller than 2× to stay within browser limits. */
  note?: string;
}

function sceneFor(input: ImageExportInput, scope: 'map' | 'selection'): ExportScene {
  const scene =
    scope === 'map'
      ? mapScene(input.layout, input.board.shapes)
      : selectionScene(input.layout, input.board.shapes, input.selection);
  if (!scene) {
    throw new Error(
      scope === 'map'
        ? 'The map is empty: add a stage, a lane or a shape first.'
        : 'Select cards or shapes to export them.',
    );
  }
  return scene;
}

async function renderImage(input: ImageExportInput, scope: 'map' | 'selection') {
  const scene = sceneFor(input, scope);
  const { pixelRatio, capped } = exportPixelRatio(scene.bounds);
  const canvas = await renderSceneCanvas({
    scene,
    layout: input.layout,
    allShapes: input.board.shapes,
    meta: input.board.meta,
    colors: input.colors,
    pixelRatio,
  });
  const note = capped
    ? `The map is very large, so the image is at ${Math.round(pixelRatio * 100)} % of 2× ` +
      `(${canvas.width} × ${canvas.height} px), the most a browser can draw.`
    : undefined;
  return { scene, canvas, note };
}

/** "7 Dec 2026, 18:00 (Europe/Berlin)": when, in the reader's time zone. */
function exportTime(now: Date): string {
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  return `${absoluteTime(now.toISOString())}${zone ? ` (${zone})` : ''}`;
}

/** Frees a big canvas's pixels now rather than at the next garbage collection. */
function release(canvas: HTMLCanvasElement): void {
  canvas.width = 0;
  canvas.height = 0;
}

export async function exportPng(
  input: ImageExportInput,
  scope: 'map' | 'selection',
): Promise<ExportDone> {
  const { canvas, note } = await renderImage(input, scope);
  try {
    const blob = await canvasToPng(canvas);
    const suffix = scope === 'selection' ? '-selection' : '';
    const fileName = exportFileName(input.board.meta.title, 'png').replace(
      /\.png$/,
      `${suffix}.png`,
    );
    downloadBlob(blob, fileName);
    return { fileName, note };
  } finally {
    release(canvas);
  }
}

export async function exportPdf(input: ImageExportInput): Promise<ExportDone> {
  const { scene, canvas, note } = await renderImage(input, 'map');
  try {
    const { mapPdf } = await import('./exportPdf.js');
    const now = new Date();
    const blob = mapPdf({
      meta: input.board.meta,
      image: canvas,
      mapSize: scene.bounds,
      exportedAt: exportTime(now),
    });
    const fileName = exportFileName(input.board.meta.title, 'pdf', now);
    downloadBlob(blob, fileName);
    return { fileName, note };
  } finally {
    release(canvas);
  }
}

/** Tallest stage picture in pixels: over 500 dpi on a slide. */
const MAX_STAGE_IMAGE_H = 2400;

/** The PowerPoint file's media type. */
const PPTX_TYPE = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';

/**
 * Each stage's column of the map with the lane headers beside it (W277), cut from one drawing
 * of the whole map rather than drawn 30 times over.
 */
async function stageImages(
  input: ImageExportInput,
  onProgress: (text: string) => void,
): Promise<Map<string, StageImage>> {
  const images = new Map<string, StageImage>();
  const { columns } = input.layout;
  if (columns.length === 0) return images;
  onProgress('Drawing the map…');
  const { scene, canvas } = await renderImage(input, 'map');
  try {
    const ratio = canvas.width / scene.bounds.w;
    const top = Math.round((0 - scene.bounds.y) * ratio);
    const height = Math.round(input.layout.height * ratio);
    const headerW = Math.round(GRID.headerW * ratio);
    // A slide shows the picture under 5 inches tall: more pixels would only swell the file.
    const shrink = Math.min(1, MAX_STAGE_IMAGE_H / height);
    for (const [i, column] of columns.entries()) {
      onProgress(`Drawing stage ${i + 1} of ${columns.length}…`);
      const left = Math.round((column.x - scene.bounds.x) * ratio);
      const width = Math.round(column.w * ratio);
      const cut = document.createElement('canvas');
      cut.width = Math.round((headerW + width) * shrink);
      cut.height = Math.round(height * shrink);
      const ctx = cut.getContext('2d');
      if (!ctx) throw new Error('The browser could not draw the stage pictures.');
      ctx.scale(shrink, shrink);
      const headerLeft = Math.round((0 - scene.bounds.x) * ratio);
      ctx.drawImage(canvas, headerLeft, top, headerW, height, 0, 0, headerW, height);
      ctx.drawImage(canvas, left, top, width, height, headerW, 0, width, height);
      const data = cut.toDataURL('image/png');
      images.set(column.id, { data, width: cut.width, height: cut.height });
      release(cut);
      // Let the progress paint between stages.
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  } finally {
    release(canvas);
  }
  return images;
}

/** A deck of slides (W276): a title, a summary and one slide per stage. */
export async function exportPptx(
  input: ImageExportInput,
  onProgress: (text: string) => void,
): Promise<ExportDone> {
  const images = await stageImages(input, onProgress);
  onProgress('Writing the slides…');
  const { buildDeck } = await import('./deck.js').catch(() => {
    // The slide maker is a file of its own, fetched on first use: a dropped connection (or a
    // deploy that replaced it) fails here, with a browser message that would say nothing.
    throw new Error('the slide maker could not be loaded; check the connection and try again.');
  });
  const now = new Date();
  const bytes = await buildDeck({
    board: input.board,
    exportedAt: exportTime(now),
    stageImages: images,
  });
  const fileName = exportFileName(input.board.meta.title, 'pptx', now);
  downloadBlob(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: PPTX_TYPE }), fileName);
  return { fileName };
}

export function exportCsv(board: BoardSnapshot): ExportDone {
  const fileName = exportFileName(board.meta.title, 'csv');
  downloadBlob(new Blob([boardToCsv(board)], { type: 'text/csv;charset=utf-8' }), fileName);
  return { fileName };
}

/**
 * The open JSON format with the pictures the board shows, as data (W239): the file imports
 * whole on any server. A picture the server cannot give is left out and said so.
 */
export async function exportJson(
  doc: Y.Doc,
  title: string,
  pictures: ImageSource | null,
): Promise<ExportDone> {
  const board = exportBoard(doc);
  const ids = pictureIdsOf(board);
  const bundled = pictures ? await bundlePictures(pictures, ids) : { images: [], missing: ids };
  const file = bundled.images.length > 0 ? { ...board, images: bundled.images } : board;
  const fileName = exportFileName(title, 'journeyboard.json');
  downloadBlob(
    new Blob([JSON.stringify(file, null, 2) + '\n'], { type: 'application/json' }),
    fileName,
  );
  const { missing } = bundled;
  return missing.length === 0
    ? { fileName }
    : {
        fileName,
        note: `${plural(missing.length, 'picture')} could not be read from the server and ${
          missing.length === 1 ? 'is' : 'are'
        } not in the file.`,
      };
}
