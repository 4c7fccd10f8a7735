/** The persona half of diffBoards (diff.ts; W214): personas 2–5 and which persona a card is for. */
import { quote, type DiffContext, type Keyed } from './diffContext.js';
import type { BoardChange } from './diffTypes.js';
import { cardPersona, personaLabel, personasOf } from './personas.js';
import type { BoardMeta, BoardPersona, Card } from './schema.js';

/** Persona 1's name and description are `meta-changed` (persona.name…), as they always were. */
export function personaChanges(before: BoardMeta, after: BoardMeta): Keyed[] {
  const [a, b] = [personasOf(before), personasOf(after)];
  const byId = new Map(a.map((p, i) => [p.id, { p, i }]));
  const kept = new Set(b.map((p) => p.id));
  const base = { stageId: null, stageName: null };
  const out: Keyed[] = [];
  a.forEach((p, i) => {
    if (kept.has(p.id)) return;
    const label = `Persona ${quote(personaLabel(p, i))} removed`;
    out.push({
      change: { ...base, kind: 'persona-removed', label, personaId: p.id, name: p.name },
      key: [0, 10 + i, 0],
    });
  });
  b.forEach((p, i) => {
    const old = byId.get(p.id);
    const name = quote(personaLabel(p, i));
    if (!old) {
      const change: BoardChange = {
        ...base,
        kind: 'persona-added',
        label: `Persona ${name} added`,
        personaId: p.id,
        name: p.name,
      };
      out.push({ change, key: [0, 10 + i, 1] });
    } else if (i > 0 && (old.p.name !== p.name || old.p.description !== p.description)) {
      const field = old.p.name !== p.name ? 'name' : 'description';
      const label =
        field === 'name'
          ? `Persona ${quote(personaLabel(old.p, old.i))} renamed to ${name}`
          : `Description of persona ${name} changed`;
      const change: BoardChange = {
        ...base,
        kind: 'persona-changed',
        label,
        personaId: p.id,
        before: { name: old.p.name, description: old.p.description },
        after: { name: p.name, description: p.description },
      };
      out.push({ change, key: [0, 10 + i, 2] });
    }
  });
  return out;
}

/** The persona a card is for (emotion cards of old boards: persona 1), on one side. */
export function cardPersonaChange(
  ctx: DiffContext,
  before: Card,
  after: Card,
): { before: string | null; after: string | null; label: string } | null {
  const [a, b] = [cardPersona(before) ?? null, cardPersona(after) ?? null];
  // Giving a card an emotion makes it persona 1's without anyone choosing: not a change.
  if (a === b || before.persona === after.persona) return null;
  const name = (id: string | null, personas: BoardPersona[]) => {
    const i = personas.findIndex((p) => p.id === id);
    return i < 0 ? 'none' : personaLabel(personas[i]!, i);
  };
  const [from, to] = [name(a, ctx.before.personas), name(b, ctx.after.personas)];
  return { before: a, after: b, label: `now for persona ${quote(to)} (was ${quote(from)})` };
}
