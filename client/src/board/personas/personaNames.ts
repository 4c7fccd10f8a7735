/** The personas' names and colours for views that list cards (table view, W215). */
import { createContext, useContext } from 'react';
import { cardPersona, personaLabel, personasOf } from '../../../../shared/model/personas.js';
import type { BoardMeta, Card } from '../../../../shared/model/schema.js';

export interface PersonaName {
  label: string;
  color: string;
}

/** Null on a board with one persona: its cards need no persona named. */
export function personaNames(meta: BoardMeta): ReadonlyMap<string, PersonaName> | null {
  const personas = personasOf(meta);
  if (personas.length < 2) return null;
  return new Map(personas.map((p, i) => [p.id, { label: personaLabel(p, i), color: p.color }]));
}

export const PersonaNames = createContext<ReadonlyMap<string, PersonaName> | null>(null);

/** The persona a card is for, named, on a board with several; else undefined. */
export function useCardPersonaName(card: Card): PersonaName | undefined {
  const names = useContext(PersonaNames);
  const id = cardPersona(card);
  return id === undefined ? undefined : names?.get(id);
}
