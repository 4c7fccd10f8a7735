/**
 * Emotion per persona (issue 17, W214): each persona's mean score per stage, over the emotion
 * cards that count for it (cardPersona: untagged emotion cards are persona 1's), its lowest
 * stage, and how its means moved between two states of a board.
 */
import { cardPersona, personaLabel, personasOf } from './personas.js';
import type { BoardSnapshot } from './schema.js';

export interface PersonaStageEmotion {
  stageId: string;
  name: string;
  /** Rounded to 2 decimals. */
  mean: number;
  cards: number;
}

export interface PersonaEmotion {
  personaId: string;
  /** Its name, else "Persona n". */
  label: string;
  color: string;
  /** Stages (display order) where it has emotion cards. */
  stages: PersonaStageEmotion[];
  /** Its lowest stage (the first in display order on a tie), null without emotion cards. */
  lowest: PersonaStageEmotion | null;
}

const round2 = (n: number) => Math.round(n * 100) / 100;

export function personaEmotions(board: BoardSnapshot): PersonaEmotion[] {
  return personasOf(board.meta).map((persona, i) => {
    const stages = board.stages.flatMap((stage) => {
      const scores = board.cards
        .filter((c) => c.stageId === stage.id && c.emotion !== undefined)
        .filter((c) => cardPersona(c) === persona.id)
        .map((c) => c.emotion!);
      if (scores.length === 0) return [];
      const mean = round2(scores.reduce((a, b) => a + b, 0) / scores.length);
      return [{ stageId: stage.id, name: stage.name, mean, cards: scores.length }];
    });
    const lowest = stages.reduce<PersonaStageEmotion | null>(
      (low, s) => (low === null || s.mean < low.mean ? s : low),
      null,
    );
    return {
      personaId: persona.id,
      label: personaLabel(persona, i),
      color: persona.color,
      stages,
      lowest,
    };
  });
}

export interface PersonaEmotionDelta {
  personaId: string;
  label: string;
  stageId: string;
  name: string;
  before: number | null;
  after: number | null;
  /** after − before, null unless both are set. */
  delta: number | null;
}

/** Per persona and stage, how the mean emotion moved (only where it did). */
export function personaEmotionDeltas(
  before: BoardSnapshot,
  after: BoardSnapshot,
): PersonaEmotionDelta[] {
  const old = new Map(
    personaEmotions(before).map((p) => [p.personaId, new Map(p.stages.map((s) => [s.stageId, s]))]),
  );
  const now = personaEmotions(after);
  const out: PersonaEmotionDelta[] = [];
  for (const persona of now) {
    const was = old.get(persona.personaId) ?? new Map<string, PersonaStageEmotion>();
    const stageIds = new Set([...persona.stages.map((s) => s.stageId), ...was.keys()]);
    for (const stageId of stageIds) {
      const a = was.get(stageId)?.mean ?? null;
      const b = persona.stages.find((s) => s.stageId === stageId)?.mean ?? null;
      if (a === b) continue;
      const name =
        after.stages.find((s) => s.id === stageId)?.name ??
        before.stages.find((s) => s.id === stageId)?.name ??
        '';
      const delta = a !== null && b !== null ? round2(b - a) : null;
      out.push({
        personaId: persona.personaId,
        label: persona.label,
        stageId,
        name,
        before: a,
        after: b,
        delta,
      });
    }
  }
  return out;
}
