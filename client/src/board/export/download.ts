/** Saving exports: file names from the board title, downloads through an object URL. */

/** "Café onboarding: Q3!" → "cafe-onboarding-q3"; "journey-map" when nothing is left. */
export function slugify(title: string): string {
  const slug = title
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80)
    .replace(/-+$/, '');
  return slug || 'journey-map';
}

/** The reader's local date as yyyy-mm-dd. */
export function localDate(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** `customer-onboarding-2026-12-03.pdf` for the title "Customer onboarding" and "pdf". */
export function exportFileName(title: string, extension: string, now = new Date()): string {
  return `${slugify(title)}-${localDate(now)}.${extension}`;
}

/** Hands a file to the browser's download manager. */
export function downloadBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some browsers read the URL after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
