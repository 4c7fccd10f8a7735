/**
 * Counts in words, for every sentence the app shows (UI, notices, API messages): the one place
 * that decides "1 card" against "2 cards", so no count reads "1 pain points".
 */

/** "1 card", "3 cards", "1,854 rows"; `many` for irregular plurals ("1 reply", "2 replies"). */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-GB')} ${pluralWord(n, one, many)}`;
}

/** The word alone, for sentences that put the number elsewhere ("Import 1 row" vs "is"/"are"). */
export function pluralWord(n: number, one: string, many = `${one}s`): string {
  return n === 1 ? one : many;
}
