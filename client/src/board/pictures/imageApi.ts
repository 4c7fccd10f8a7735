/**
 * The pictures REST API (issue 17): uploads with progress (XMLHttpRequest: fetch reports none)
 * and downloads with the link's token as a header, so a share link never goes into a URL.
 */
import { imagePath, type ImageSize } from '../../../../shared/model/images.js';
import { ApiError } from '../../api.js';

/** What the server answers to an upload. */
export interface UploadedImage {
  id: string;
  width: number;
  height: number;
  type: string;
  bytes: number;
}

/** The board and link the page's pictures come from (set by the board page). */
export interface ImageSource {
  boardId: string;
  token: string;
}

function isUploaded(body: unknown): body is UploadedImage {
  if (typeof body !== 'object' || body === null) return false;
  const b = body as Record<string, unknown>;
  return (
    typeof b.id === 'string' &&
    typeof b.width === 'number' &&
    typeof b.height === 'number' &&
    b.width > 0 &&
    b.height > 0
  );
}

const uploadPath = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}/images`;

/**
 * Sends a file's bytes; `onProgress` gets 0…1 as they go. Rejects with an ApiError carrying the
 * server's own reason (`{ error }`), or one saying the server could not be reached.
 */
export function uploadImage(
  source: ImageSource,
  file: Blob,
  onProgress?: (done: number) => void,
): Promise<UploadedImage> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', uploadPath(source.boardId));
    xhr.setRequestHeader('content-type', file.type || 'application/octet-stream');
    if (source.token) xhr.setRequestHeader('authorization', `Bearer ${source.token}`);
    xhr.responseType = 'text';
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress?.(e.loaded / e.total);
    };
    xhr.onerror = () =>
      reject(new ApiError(0, 'The server cannot be reached. Check your connection and try again.'));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText) as unknown;
      } catch {
        // An answer that is not JSON (a proxy's page): the status still says what went wrong.
      }
      if (xhr.status === 201 && isUploaded(body)) return resolve(body);
      const reason =
        typeof body === 'object' &&
        body !== null &&
        typeof (body as { error?: unknown }).error === 'string'
          ? (body as { error: string }).error
          : `The upload failed (${xhr.status}).`;
      reject(new ApiError(xhr.status, reason));
    };
    xhr.send(file);
  });
}

/** A picture's bytes as a blob; throws an ApiError when the server refuses or is away. */
export async function downloadImage(
  source: ImageSource,
  imageId: string,
  size: ImageSize,
): Promise<Blob> {
  let res: Response;
  try {
    res = await fetch(imagePath(source.boardId, imageId, size), {
      headers: source.token ? { authorization: `Bearer ${source.token}` } : {},
    });
  } catch {
    throw new ApiError(0, 'The server cannot be reached.');
  }
  if (!res.ok) throw new ApiError(res.status, `Picture unavailable (${res.status})`);
  return res.blob();
}
