/** Failures as people read them, in a toast or next to a field. */

/** A value that passed its checks, or the message saying why it did not. */
export type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

/** The message of anything thrown, for a toast or an inline error. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error && err.message) return err.message;
  return typeof err === 'string' && err ? err : 'Something went wrong. Try again.';
}
