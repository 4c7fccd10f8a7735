import { accessSync, constants, statSync, statfsSync } from 'node:fs';
import path from 'node:path';

/** An error's message with its code, e.g. `database or disk is full (SQLITE_FULL)`. */
export function describeError(err: unknown): string {
  if (!(err instanceof Error)) return typeof err === 'string' ? err : JSON.stringify(err);
  const code = (err as NodeJS.ErrnoException).code;
  return code && !err.message.includes(code) ? `${err.message} (${code})` : err.message;
}

/**
 * What is wrong with the place the SQLite file should live, in the words of the system call
 * that would fail: SQLite's own messages ("unable to open database file") do not say.
 */
export function diagnoseDataFile(file: string): string | null {
  const dir = path.dirname(file);
  try {
    if (statSync(file).isDirectory()) return `${file} is a directory (EISDIR)`;
  } catch {
    // No file yet: the directory decides.
  }
  try {
    if (!statSync(dir).isDirectory()) return `${dir} is not a directory (ENOTDIR)`;
    accessSync(dir, constants.W_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'EROFS') return `${dir} is on a read-only file system (EROFS)`;
    if (code === 'EACCES') return `${dir} is not writable by this user (EACCES)`;
    return describeError(err);
  }
  try {
    const fs = statfsSync(dir);
    if (fs.bavail === 0) return `no space left on the device of ${dir} (ENOSPC)`;
    if (fs.ffree === 0) return `no inodes left on the device of ${dir} (ENOSPC)`;
  } catch {
    // statfs is informative only.
  }
  return null;
}
