import type { MapType, Persona } from '../../shared/model/schema.js';
import type { TemplateId } from '../../shared/model/templates.js';

export interface BoardSummary {
  id: string;
  title: string;
  mapType: MapType;
  createdAt: string;
  updatedAt: string;
}

export interface NewBoard {
  title: string;
  template?: TemplateId;
  /** For a blank board (no template). */
  mapType?: MapType;
  scenario?: string;
  persona?: Partial<Persona>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

async function call<T>(path: string, init: RequestInit = {}): Promise<T> {
  let res: Response;
  try {
    res = await fetch(path, {
      ...init,
      headers: init.body ? { 'content-type': 'application/json', ...init.headers } : init.headers,
    });
  } catch {
    throw new ApiError(0, 'The server cannot be reached. Check your connection and try again.');
  }
  if (res.status === 204) return undefined as T;
  const body = (await res.json().catch(() => ({}))) as { error?: string };
  if (!res.ok) throw new ApiError(res.status, body.error ?? `Request failed (${res.status})`);
  return body as T;
}

export const api = {
  listBoards: () => call<{ boards: BoardSummary[] }>('/api/boards').then((r) => r.boards),
  createBoard: (board: NewBoard) =>
    call<Pick<BoardSummary, 'id' | 'title' | 'mapType' | 'createdAt'>>('/api/boards', {
      method: 'POST',
      body: JSON.stringify(board),
    }),
  renameBoard: (id: string, title: string) =>
    call<BoardSummary>(`/api/boards/${id}`, { method: 'PATCH', body: JSON.stringify({ title }) }),
  deleteBoard: (id: string) => call<void>(`/api/boards/${id}`, { method: 'DELETE' }),
  importBoard: (json: unknown) =>
    call<Pick<BoardSummary, 'id' | 'title' | 'mapType' | 'createdAt'>>('/api/boards/import', {
      method: 'POST',
      body: JSON.stringify(json),
    }),
};
