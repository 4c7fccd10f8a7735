/**
 * The card fields behind handoffs and the expectation gap (W281, W282): the team that owns a
 * touchpoint, and what the customer expected there (a score on the emotion scale and/or words).
 */
import type * as Y from 'yjs';
import { boardRoots, ModelError, requireRecord, setOrDelete } from './doc.js';
import type { FieldReader } from './read.js';
import { EMOTION_MAX, EMOTION_MIN, EXPECTATION_MAX_CHARS, TEAM_MAX_CHARS } from './schema.js';

export interface OwnershipFields {
  team?: string;
  expected?: number;
  expectation?: string;
}

export const teamCheck = (team: string): string | null =>
  !team.trim()
    ? 'must not be empty'
    : team.length > TEAM_MAX_CHARS
      ? `must be at most ${TEAM_MAX_CHARS} characters`
      : team !== team.trim()
        ? 'must not start or end with spaces'
        : null;

export const expectedCheck = (score: number): string | null =>
  Number.isInteger(score) && score >= EMOTION_MIN && score <= EMOTION_MAX
    ? null
    : `must be a whole number from ${EMOTION_MIN} to ${EMOTION_MAX}`;

export const expectationCheck = (text: string): string | null =>
  !text.trim()
    ? 'must not be empty'
    : text.length > EXPECTATION_MAX_CHARS
      ? `must be at most ${EXPECTATION_MAX_CHARS} characters`
      : null;

function assertField<T>(value: T, check: (v: T) => string | null, field: string): void {
  const problem = check(value);
  if (problem !== null) throw new ModelError(`${field} ${problem}; got ${String(value)}`, field);
}

/** The three fields of a new card, checked and trimmed (a ModelError names the bad one). */
export function cleanOwnership(input: OwnershipFields, id: string): OwnershipFields {
  const out: OwnershipFields = {};
  if (input.team !== undefined) {
    out.team = input.team.trim();
    assertField(out.team, teamCheck, `cards.${id}.team`);
  }
  if (input.expected !== undefined) {
    assertField(input.expected, expectedCheck, `cards.${id}.expected`);
    out.expected = input.expected;
  }
  if (input.expectation !== undefined) {
    out.expectation = input.expectation.trim();
    assertField(out.expectation, expectationCheck, `cards.${id}.expectation`);
  }
  return out;
}

/** The three fields as a card holds them; a foreign value reads as unset and is noted. */
export function readOwnership(r: FieldReader): OwnershipFields {
  const out: OwnershipFields = {};
  const team = r.string('team', false, teamCheck);
  const expected = r.number('expected', false, expectedCheck);
  const expectation = r.string('expectation', false, expectationCheck);
  if (team !== undefined) out.team = team;
  if (expected !== undefined) out.expected = expected;
  if (expectation !== undefined) out.expectation = expectation;
  return out;
}

const cardRecord = (doc: Y.Doc, id: string) => requireRecord(boardRoots(doc).cards, id, 'card');

/** Sets the team that owns a card (trimmed), or none (undefined or blank). */
export function setTeam(doc: Y.Doc, id: string, team: string | undefined): void {
  const clean = team?.trim() || undefined;
  if (clean !== undefined) assertField(clean, teamCheck, `cards.${id}.team`);
  const record = cardRecord(doc, id);
  doc.transact(() => setOrDelete(record, 'team', clean));
}

/** Sets what the customer expected on the emotion scale, or none. */
export function setExpected(doc: Y.Doc, id: string, score: number | undefined): void {
  if (score !== undefined) assertField(score, expectedCheck, `cards.${id}.expected`);
  const record = cardRecord(doc, id);
  doc.transact(() => setOrDelete(record, 'expected', score));
}

/** Sets what the customer expected in words (trimmed), or none (undefined or blank). */
export function setExpectation(doc: Y.Doc, id: string, text: string | undefined): void {
  const clean = text?.trim() || undefined;
  if (clean !== undefined) assertField(clean, expectationCheck, `cards.${id}.expectation`);
  const record = cardRecord(doc, id);
  doc.transact(() => setOrDelete(record, 'expectation', clean));
}
