/** The four exports, each ending in a download; they throw with a message fit for a toast. */
import type * as Y from 'yjs';
import { boardToCsv } from '../../../../shared/model/csvExport.js';
import { pictureIdsOf } from '../../../../shared/model/images.js';
import { exportBoard } from '../../../../shared/model/json.js';
import { plural } from '../../../../shared/model/plural.js';
import type { BoardSnapshot } from '../../../../shared/model/schema.js';
import type { CanvasColors } from '../canvas/theme.js';
import { absoluteTime } from '../../ui/time.js';
import type { GridLayout } from '../core/layout.js';
import { bundlePictures, type ImageSource } from '../pictures/index.js';
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
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const blob = mapPdf({
      meta: input.board.meta,
      image: canvas,
      mapSize: scene.bounds,
      exportedAt: `${absoluteTime(now.toISOString())}${zone ? ` (${zone})` : ''}`,
    });
    const fileName = exportFileName(input.board.meta.title, 'pdf', now);
    downloadBlob(blob, fileName);
    return { fileName, note };
  } finally {
    release(canvas);
  }
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
