import type { MapType, Persona } from '../../shared/model/schema.js';
import type { SurveyImportReport, SurveyPreview } from '../../shared/model/surveyImport.js';
import type { SurveyMapping } from '../../shared/model/surveyMapping.js';
import type { TemplateId } from '../../shared/model/templates.js';
import type { ShareCardBody, ShareCardResult } from '../../shared/protocol/links.js';
import type { Role } from '../../shared/protocol/roles.js';

export interface BoardSummary {
  id: string;
  title: string;
  mapType: MapType;
  /** The persona's name ('' when none; absent from servers before it was listed). */
  persona?: string;
  createdAt: string;
  updatedAt: string;
}

/** A board's summary as one share link sees it: with the role that link grants. */
export interface BoardAccess extends BoardSummary {
  role: Role;
}

/** A board on the signed-in boards page (`GET /api/boards`, W155). */
export interface WorkspaceBoard extends BoardAccess {
  workspace: { id: string; name: string };
  owner: { id: string; name: string } | null;
  /** Reaches the person through a board role or as a workspace guest (W156). */
  sharedWithMe: boolean;
  /** When they last had it open, on any device (W146). */
  seenAt: string | null;
}

/** The four share-link tokens of a board. */
export type ShareTokens = Record<Role, string>;

/** What creating or importing a board answers: the board and all four of its links. */
export interface CreatedBoard extends Pick<BoardSummary, 'id' | 'title' | 'mapType' | 'createdAt'> {
  tokens: ShareTokens;
}

export interface NewBoard {
  title: string;
  template?: TemplateId;
  /** For a blank board (no template). */
  mapType?: MapType;
  scenario?: string;
  persona?: Partial<Persona>;
}

export interface SurveyPreviewRequest {
  csv: string;
  mapping?: SurveyMapping;
  createMissing?: boolean;
}

export interface SurveyImportRequest {
  csv: string;
  mapping: SurveyMapping;
  source: string;
  createMissing?: boolean;
  /** Who imports, as the activity feed names them. */
  author?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The parsed error body, for answers that carry more than `error` (e.g. a list). */
    readonly body: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** Whether an error says the link is dead: invalid or replaced token, another board, or deleted. */
export function isLinkGone(err: unknown): boolean {
  return (
    err instanceof ApiError && (err.status === 401 || err.status === 403 || err.status === 404)
  );
}

/** Whether creating a board was refused for want of the server's create token. */
export function needsCreateToken(err: unknown): boolean {
  return err instanceof ApiError && err.status === 401;
}

const CREATE_TOKEN_KEY = 'journeyboard:create-token';

/**
 * The server's create token (only asked for when the operator set CREATE_TOKEN and the server
 * refused a create), kept on this device.
 */
export function storedCreateToken(): string {
  try {
    return localStorage.getItem(CREATE_TOKEN_KEY) ?? '';
  } catch {
    return '';
  }
}

export function storeCreateToken(token: string): void {
  try {
    if (token.trim()) localStorage.setItem(CREATE_TOKEN_KEY, token.trim());
    else localStorage.removeItem(CREATE_TOKEN_KEY);
  } catch {
    // Private mode: it lasts until the page is left.
  }
}

/** One JSON request to the API; `init.headers` (a plain object) is sent along. */
export async function call<T>(path: string, init: RequestInit = {}, token?: string): Promise<T> {
  const headers: Record<string, string> = { ...(init.headers as Record<string, string>) };
  if (init.body) headers['content-type'] = 'application/json';
  if (token) headers.authorization = `Bearer ${token}`;
  let res: Response;
  try {
    res = await fetch(path, { ...init, headers });
  } catch {
    throw new ApiError(0, 'The server cannot be reached. Check your connection and try again.');
  }
  if (res.status === 204) return undefined as T;
  const body = (await res.json().catch(() => ({}))) as { error?: string };
  if (!res.ok) throw new ApiError(res.status, body.error ?? `Request failed (${res.status})`, body);
  return body as T;
}

const boardPath = (id: string) => `/api/boards/${encodeURIComponent(id)}`;

/**
 * The boards REST API. Every board call carries one of the board's share-link tokens as
 * `Authorization: Bearer` (never in the URL); creating carries the create token when one is set.
 */
export const api = {
  /** `workspaceId`: where it goes (W154); the person's home workspace without it. */
  createBoard: (board: NewBoard & { workspaceId?: string }) =>
    call<CreatedBoard>(
      '/api/boards',
      { method: 'POST', body: JSON.stringify(board) },
      storedCreateToken(),
    ),
  importBoard: (json: unknown, workspaceId?: string) =>
    call<CreatedBoard>(
      workspaceId
        ? `/api/boards/import?workspaceId=${encodeURIComponent(workspaceId)}`
        : '/api/boards/import',
      { method: 'POST', body: JSON.stringify(json) },
      storedCreateToken(),
    ),
  boardSummary: (id: string, token: string) =>
    call<BoardAccess>(`${boardPath(id)}/summary`, {}, token),
  /** Signed in (the session cookie): the boards this person can open, with their role. */
  myBoards: () => call<{ boards: WorkspaceBoard[] }>('/api/boards'),
  /** Needs an editor (or owner) token. */
  renameBoard: (id: string, title: string, token: string) =>
    call<BoardSummary>(boardPath(id), { method: 'PATCH', body: JSON.stringify({ title }) }, token),
  /** Needs the owner token. */
  deleteBoard: (id: string, token: string) =>
    call<void>(boardPath(id), { method: 'DELETE' }, token),
  /** Needs the owner token; every old link stops working at once. */
  rotateLinks: (id: string, token: string) =>
    call<{ id: string; tokens: ShareTokens }>(`${boardPath(id)}/rotate`, { method: 'POST' }, token),
  /** A pain point or opportunity into another map (W303); editor of both maps (S131). */
  shareCard: (id: string, cardId: string, to: string, token: string) =>
    call<ShareCardResult>(
      `${boardPath(id)}/cards/${encodeURIComponent(cardId)}/share`,
      { method: 'POST', body: JSON.stringify({ to } satisfies ShareCardBody) },
      token,
    ),
  /** Needs an editor (or owner) token; writes nothing. */
  surveyPreview: (id: string, body: SurveyPreviewRequest, token: string) =>
    call<SurveyPreview>(
      `${boardPath(id)}/survey/preview`,
      { method: 'POST', body: JSON.stringify(body) },
      token,
    ),
  /** Needs an editor (or owner) token; a 400 carries `errors` and `errorCount` in `body`. */
  surveyImport: (id: string, body: SurveyImportRequest, token: string) =>
    call<SurveyImportReport>(
      `${boardPath(id)}/survey/import`,
      { method: 'POST', body: JSON.stringify(body) },
      token,
    ),
};
