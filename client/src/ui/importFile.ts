/** Reading a journeyboard JSON file to import, and the server's answer when it refuses one. */

import { ApiError } from '../api.js';
import type { Checked } from './errors.js';

/** The text of an import file as JSON, or a message saying why it is not JSON. */
export function parseImportText(text: string, fileName = 'The file'): Checked<unknown> {
  if (text.trim() === '') return { ok: false, message: `${fileName} is empty.` };
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    return { ok: false, message: `${fileName} is not valid JSON: ${reason}` };
  }
}

/** One problem the server found in an imported file: where (`cards[3].stageId`) and what. */
export interface ImportIssue {
  path: string;
  message: string;
}

/** Every problem a refused JSON import listed (400 `issues`), or null for any other failure. */
export function importIssuesOf(err: unknown): ImportIssue[] | null {
  if (!(err instanceof ApiError) || err.status !== 400) return null;
  const { issues } = err.body;
  if (!Array.isArray(issues)) return null;
  const list = issues.flatMap((issue: unknown): ImportIssue[] => {
    if (typeof issue !== 'object' || issue === null) return [];
    const { path, message } = issue as Record<string, unknown>;
    if (typeof message !== 'string') return [];
    return [{ path: typeof path === 'string' && path ? path : '(file)', message }];
  });
  return list.length > 0 ? list : null;
}
