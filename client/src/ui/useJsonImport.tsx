/**
 * Importing a journeyboard JSON file as a new board, for the boards page's "Import JSON" and
 * the board's Export menu ("Import JSON as new board…"): the file is parsed, sent to the
 * server (asking for the create token when the server wants one), remembered with its links,
 * and the new board opens. A file the server refuses opens a dialog listing every problem it
 * found; other failures are told in a toast.
 */
import { useCallback, useRef, useState, type ChangeEvent, type ReactNode } from 'react';
import { api, needsCreateToken } from '../api.js';
import { boardHref, rememberBoard } from '../boardLinks.js';
import { navigate } from '../router.js';
import { CreateTokenDialog } from './CreateToken.js';
import { errorMessage } from './errors.js';
import { ImportProblemsDialog } from './ImportProblemsDialog.js';
import { importIssuesOf, parseImportText, type ImportIssue } from './importFile.js';
import { useToasts } from './toasts.js';

/** How the import presents itself where it is used. */
export interface JsonImportOptions {
  /** The hidden file input's `data-testid`. */
  inputTestId: string;
  /** The hidden file input's accessible name. */
  inputLabel: string;
  /** The toast for the imported board (shown as it opens). */
  importedMessage(title: string): string;
  /** Signed in on the boards page: the current workspace, where the board goes (W154). */
  workspaceId?: string | null;
}

/** From inside a board the import leaves it for another board, so it says "new board". */
const FROM_A_BOARD: JsonImportOptions = {
  inputTestId: 'export-import-input',
  inputLabel: 'Import a journeyboard JSON file as a new board',
  importedMessage: (title) => `Imported “${title}” as a new board`,
};

export interface JsonImport {
  importing: boolean;
  /** Whether the create-token dialog is open (the server refused the import without it). */
  askingForToken: boolean;
  /** Opens the file picker. */
  choose(): void;
  /** The hidden file input and, when the server asks for it, the create-token dialog. */
  element: ReactNode;
}

export function useJsonImport(options: JsonImportOptions = FROM_A_BOARD): JsonImport {
  const { inputTestId, inputLabel, importedMessage } = options;
  const workspaceId = options.workspaceId ?? undefined;
  const toasts = useToasts();
  const input = useRef<HTMLInputElement>(null);
  const [importing, setImporting] = useState(false);
  const [askToken, setAskToken] = useState<{ fileName: string; json: unknown } | null>(null);
  const [refused, setRefused] = useState<{ fileName: string; issues: ImportIssue[] } | null>(null);

  const importJson = useCallback(
    async (json: unknown, fileName: string) => {
      setImporting(true);
      try {
        const board = await api.importBoard(json, workspaceId);
        rememberBoard(board.id, { title: board.title, tokens: board.tokens });
        toasts.show(importedMessage(board.title), 'success');
        navigate(boardHref(board.id, board.tokens.owner));
      } catch (err) {
        const issues = importIssuesOf(err);
        if (needsCreateToken(err)) setAskToken({ fileName, json });
        else if (issues) setRefused({ fileName, issues });
        else toasts.show(`Could not import “${fileName}”: ${errorMessage(err)}`, 'error');
      } finally {
        setImporting(false);
      }
    },
    [toasts, importedMessage, workspaceId],
  );

  const onFile = async (event: ChangeEvent<HTMLInputElement>) => {
    const file = event.target.files?.[0];
    event.target.value = ''; // choosing the same file again fires change again
    if (!file) return;
    const parsed = parseImportText(await file.text(), `“${file.name}”`);
    if (!parsed.ok) toasts.show(parsed.message, 'error');
    else await importJson(parsed.value, file.name);
  };

  const element = (
    <>
      <input
        ref={input}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid={inputTestId}
        aria-label={inputLabel}
        onChange={(e) => void onFile(e)}
      />
      {refused && (
        <ImportProblemsDialog
          fileName={refused.fileName}
          issues={refused.issues}
          onClose={() => setRefused(null)}
        />
      )}
      {askToken && (
        <CreateTokenDialog
          action={`import “${askToken.fileName}”`}
          onClose={() => setAskToken(null)}
          onSaved={() => {
            setAskToken(null);
            void importJson(askToken.json, askToken.fileName);
          }}
        />
      )}
    </>
  );
  return {
    importing,
    askingForToken: askToken !== null,
    choose: () => input.current?.click(),
    element,
  };
}
