import { useId, useState, type ReactNode } from 'react';
import type { BoardSnapshot } from '../../../../shared/model/schema.js';
import { errorMessage } from '../../ui/errors.js';
import { DownloadIcon, Spinner } from '../../ui/icons.js';
import { useToasts } from '../../ui/toasts.js';
import { useMenu } from '../../ui/useMenu.js';
import { LIGHT_CANVAS_COLORS } from '../canvas/theme.js';
import { layoutBoard } from '../core/layout.js';
import type { BoardSession } from '../core/session.js';
import {
  exportCsv,
  exportJson,
  exportPdf,
  exportPng,
  exportPptx,
  type ExportDone,
} from './exportActions.js';
import { useJsonImport } from '../../ui/useJsonImport.js';
import './export.css';
import { plural } from '../../../../shared/model/plural.js';

interface ExportMenuProps {
  session: BoardSession;
  board: BoardSnapshot;
  selection: string[];
}

interface Item {
  id: string;
  label: string;
  hint: string;
  disabled?: boolean;
  run(): void;
}

/**
 * Runs exports with toasts for the outcome; a slow one (image exports, JSON with its pictures)
 * says it started, keeps the button busy and may report its progress on it.
 */
function useExportJobs(close: (focusButton: boolean) => void) {
  const toasts = useToasts();
  const [busy, setBusy] = useState(false);
  /** What a long export is doing ("Drawing stage 3 of 12…"), shown on the button. */
  const [progress, setProgress] = useState<string | null>(null);

  const done = (result: ExportDone) => {
    toasts.show(`Exported ${result.fileName}`, 'success');
    if (result.note) toasts.show(result.note, 'info');
  };

  const runImage = async (
    label: string,
    job: (onProgress: (text: string) => void) => Promise<ExportDone>,
  ) => {
    close(true);
    setBusy(true);
    toasts.show(`Exporting ${label}…`, 'info');
    // Let the busy state paint before the main thread is taken by drawing.
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    try {
      done(await job(setProgress));
    } catch (err) {
      toasts.show(`Could not export ${label}: ${errorMessage(err)}`, 'error');
    } finally {
      setBusy(false);
      setProgress(null);
    }
  };

  const runNow = (label: string, job: () => ExportDone) => {
    close(true);
    try {
      done(job());
    } catch (err) {
      toasts.show(`Could not export ${label}: ${errorMessage(err)}`, 'error');
    }
  };
  return { busy, progress, runImage, runNow };
}

/** Export the map as PNG, PDF, PowerPoint, CSV or JSON, or import a JSON file as a new board. */
export function ExportMenu({ session, board, selection }: ExportMenuProps) {
  const jsonImport = useJsonImport();
  const { open, setOpen, close, button, menu, onMenuKey, onButtonKey } = useMenu();
  const { busy, progress, runImage, runNow } = useExportJobs(close);
  const menuId = useId();

  // Laid out when an export starts, not on every edit of the board.
  const imageInput = () => ({
    board,
    layout: layoutBoard(board),
    colors: LIGHT_CANVAS_COLORS,
    selection,
  });
  const selected = selection.length;
  const items: Item[] = [
    {
      id: 'png',
      label: 'PNG image',
      hint: 'The whole map at 2×',
      run: () => void runImage('PNG', () => exportPng(imageInput(), 'map')),
    },
    {
      id: 'png-selection',
      label: 'PNG of the selection',
      hint: selected ? `${plural(selected, 'selected item')}` : 'Select cards or shapes first',
      disabled: selected === 0,
      run: () => void runImage('PNG', () => exportPng(imageInput(), 'selection')),
    },
    {
      id: 'pdf',
      label: 'PDF document',
      hint: 'One page with title, persona and scenario',
      run: () => void runImage('PDF', () => exportPdf(imageInput())),
    },
    {
      id: 'pptx',
      label: 'PowerPoint (.pptx)',
      hint: 'Title, summary and a slide per stage',
      run: () => void runImage('PowerPoint', (onProgress) => exportPptx(imageInput(), onProgress)),
    },
    {
      id: 'csv',
      label: 'CSV spreadsheet',
      hint: 'One row per card, with metrics',
      run: () => runNow('CSV', () => exportCsv(board)),
    },
    {
      id: 'json',
      label: 'JSON file',
      hint: 'The open journeyboard format',
      run: () =>
        void runImage('JSON', () =>
          exportJson(session.doc, board.meta.title, {
            boardId: session.boardId,
            token: session.token,
          }),
        ),
    },
  ];
  const importItem: Item = {
    id: 'import-json',
    label: 'Import JSON as new board…',
    hint: 'Opens the new board',
    disabled: jsonImport.importing,
    run: () => {
      close(false);
      jsonImport.choose();
    },
  };

  const renderItem = (item: Item): ReactNode => (
    <button
      key={item.id}
      type="button"
      role="menuitem"
      className="menu-item export-menu-item"
      data-testid={`export-${item.id}`}
      disabled={item.disabled || busy}
      onClick={item.run}
    >
      <span className="export-menu-label">{item.label}</span>
      <span className="export-menu-hint">{item.hint}</span>
    </button>
  );

  return (
    <div className="export-menu">
      <button
        ref={button}
        type="button"
        className="btn btn-ghost"
        title="Export the map, or import a JSON file"
        aria-label="Export"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        aria-busy={busy || jsonImport.importing || undefined}
        data-testid="export-menu"
        onClick={() => setOpen((o) => !o)}
        onKeyDown={onButtonKey}
      >
        {busy || jsonImport.importing ? <Spinner /> : <DownloadIcon />}
        <span className="topbar-label">
          {busy ? (progress ?? 'Exporting…') : jsonImport.importing ? 'Importing…' : 'Export'}
        </span>
      </button>
      {open && (
        <div
          ref={menu}
          id={menuId}
          className="menu export-menu-list"
          role="menu"
          aria-label="Export"
          data-testid="export-menu-list"
          onKeyDown={onMenuKey}
        >
          {items.map(renderItem)}
          <div role="separator" className="export-menu-separator" />
          {renderItem(importItem)}
        </div>
      )}
      {jsonImport.element}
    </div>
  );
}
