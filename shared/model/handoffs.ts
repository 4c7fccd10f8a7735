/**
 * Handoffs and the expectation gap (issue 18, W283–W285): where the customer is passed between
 * channels or teams along the journey, and where the experience falls short of what they
 * expected. Pure and deterministic; every item carries the ids the canvas needs to focus it.
 *
 * Definitions
 * - The journey: the touchpoint cards (lanes of kind `touchpoints`) in stage order, then lane
 *   order, then their order within the cell (`touchpointCards`).
 * - Handoff: two consecutive touchpoints whose channel differs, or whose owning team differs
 *   (both sides set: an unset value is unknown, not a change).
 * - Emotion at a touchpoint, per persona: the card's own emotion when it has one and counts for
 *   that persona, else the persona's mean emotion of the card's stage (personaInsights.ts).
 *   The handoff's emotion change is the lowest over the personas known on both sides.
 * - Metric change: after − before of CSAT, CES and FCR where both touchpoints carry the metric.
 * - Severity (worst first): −Δemotion/4 − ΔCES/6 − ΔCSAT/100 − ΔFCR/100 (each scale's span; CES
 *   is higher = easier), missing parts counting 0; ties keep journey order.
 * - Expectation gap, per stage and persona: the mean `expected` of the stage's cards (a card
 *   tagged for a persona counts for it only) − the persona's mean emotion there; widest shortfall
 *   first, then journey order.
 */
import { FIRST_PERSONA_ID, type BoardMeta, type Card } from './schema.js';
import { cardPersona, personaLabel, personasOf } from './personas.js';
import { touchpointCards, type BoardLike } from './surveyMatch.js';

export interface HandoffBoard extends BoardLike {
  /** Personas to read emotions for; without it, persona 1 only. */
  meta?: Pick<BoardMeta, 'persona' | 'personas'>;
}

export interface HandoffFocus {
  stageId: string;
  cardIds: string[];
}

export interface ValueChange {
  before: string | null;
  after: string | null;
  changed: boolean;
}

export interface HandoffEmotion {
  personaId: string;
  /** The persona's name on a board with several, else ''. */
  label: string;
  before: number;
  after: number;
  delta: number;
}

export type HandoffMetric = 'csat' | 'ces' | 'fcr';

export interface HandoffMetricDelta {
  key: HandoffMetric;
  before: number;
  after: number;
  delta: number;
}

export interface Handoff {
  fromCardId: string;
  toCardId: string;
  fromStageId: string;
  toStageId: string;
  channel: ValueChange;
  team: ValueChange;
  /** Per persona known on both sides. */
  emotions: HandoffEmotion[];
  /** The lowest of `emotions` (the persona hit hardest), null when none is known. */
  emotion: HandoffEmotion | null;
  metrics: HandoffMetricDelta[];
  /** Higher is worse (see the definitions above). */
  severity: number;
  /** "Chat → Phone at Support, owned by Tier 1 → Billing: emotion −2, CES −1.8". */
  label: string;
  focus: HandoffFocus;
}

export interface ExpectationGap {
  stageId: string;
  name: string;
  personaId: string;
  /** The persona's name on a board with several, else ''. */
  label: string;
  expected: number;
  experienced: number;
  /** expected − experienced: above 0 the stage falls short, below 0 it does better. */
  gap: number;
  /** The words of the stage's expectations, in journey order. */
  expectations: string[];
  focus: HandoffFocus;
}

/** Rounded to 2 decimals, never −0. */
const round2 = (n: number) => Math.round(n * 100) / 100 || 0;
const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
const METRICS: readonly HandoffMetric[] = ['csat', 'ces', 'fcr'];
const METRIC_SPAN: Record<HandoffMetric, number> = { csat: 100, ces: 6, fcr: 100 };
const METRIC_NAME: Record<HandoffMetric, string> = { csat: 'CSAT', ces: 'CES', fcr: 'FCR' };
const EMOTION_SPAN = 4;

interface Persona {
  id: string;
  label: string;
}

function personasFor(board: HandoffBoard): Persona[] {
  if (!board.meta) return [{ id: FIRST_PERSONA_ID, label: '' }];
  const all = personasOf(board.meta);
  return all.map((p, i) => ({ id: p.id, label: all.length > 1 ? personaLabel(p, i) : '' }));
}

/** Each persona's mean emotion per stage: `${stageId} ${personaId}` → mean. */
function stageEmotions(board: BoardLike): Map<string, number> {
  const scores = new Map<string, number[]>();
  for (const c of board.cards) {
    const persona = cardPersona(c);
    if (c.emotion === undefined || persona === undefined) continue;
    const key = `${c.stageId} ${persona}`;
    const list = scores.get(key);
    if (list) list.push(c.emotion);
    else scores.set(key, [c.emotion]);
  }
  return new Map([...scores].map(([key, xs]) => [key, mean(xs)]));
}

/** "−2", "+1.8", "±0": a delta with its sign (a true minus, as the diff labels write it). */
export function signedDelta(n: number): string {
  const r = Math.round(n * 10) / 10;
  return r > 0 ? `+${r}` : r < 0 ? `−${-r}` : '±0';
}

/** Channels as a sentence names them: "Chat", "In-app", "SMS". */
const ACRONYMS = new Set(['sms', 'ivr', 'atm', 'pos']);
const capital = (s: string) =>
  ACRONYMS.has(s.toLowerCase()) ? s.toUpperCase() : s.charAt(0).toUpperCase() + s.slice(1);

function part(change: ValueChange, show: (s: string) => string): string | null {
  if (change.before === null || change.after === null) return null;
  return change.changed
    ? `${show(change.before)} → ${show(change.after)}`
    : show(change.before) || null;
}

/** The handoff in one line (W284). */
export function handoffLabel(
  h: Omit<Handoff, 'label' | 'severity' | 'focus'>,
  stageName: (id: string) => string,
): string {
  const where =
    h.fromStageId === h.toStageId
      ? stageName(h.toStageId)
      : `${stageName(h.fromStageId)} → ${stageName(h.toStageId)}`;
  const channel = part(h.channel, capital);
  const team = part(h.team, (s) => s);
  let text = channel ? `${channel} at ${where}` : `At ${where}`;
  if (team) text += `, owned by ${team}`;
  const figures = [
    ...(h.emotion
      ? [`emotion ${signedDelta(h.emotion.delta)}${h.emotion.label ? ` (${h.emotion.label})` : ''}`]
      : []),
    ...h.metrics.map((m) => `${METRIC_NAME[m.key]} ${signedDelta(m.delta)}`),
  ];
  return figures.length > 0 ? `${text}: ${figures.join(', ')}` : text;
}

function change(a: string | undefined, b: string | undefined): ValueChange {
  const [before, after] = [a ?? null, b ?? null];
  return { before, after, changed: before !== null && after !== null && before !== after };
}

function emotionAt(card: Card, persona: string, stages: Map<string, number>): number | undefined {
  if (card.emotion !== undefined && cardPersona(card) === persona) return card.emotion;
  return stages.get(`${card.stageId} ${persona}`);
}

/** Handoffs along the journey, worst first (W283, W284). */
export function computeHandoffs(board: HandoffBoard): Handoff[] {
  const journey = touchpointCards(board);
  const personas = personasFor(board);
  const stages = stageEmotions(board);
  const names = new Map(board.stages.map((s) => [s.id, s.name || 'Untitled stage']));
  const stageName = (id: string) => names.get(id) ?? 'Untitled stage';
  const out: (Handoff & { at: number })[] = [];
  for (let i = 1; i < journey.length; i++) {
    const [from, to] = [journey[i - 1]!, journey[i]!];
    const channel = change(from.channel, to.channel);
    const team = change(from.team, to.team);
    if (!channel.changed && !team.changed) continue;
    const emotions = personas.flatMap((p): HandoffEmotion[] => {
      const [before, after] = [emotionAt(from, p.id, stages), emotionAt(to, p.id, stages)];
      if (before === undefined || after === undefined) return [];
      const [b, a] = [round2(before), round2(after)];
      return [{ personaId: p.id, label: p.label, before: b, after: a, delta: round2(a - b) }];
    });
    const emotion = emotions.reduce<HandoffEmotion | null>(
      (low, e) => (low === null || e.delta < low.delta ? e : low),
      null,
    );
    const metrics = METRICS.flatMap((key): HandoffMetricDelta[] => {
      const [before, after] = [from.metrics[key], to.metrics[key]];
      if (before === undefined || after === undefined) return [];
      return [{ key, before, after, delta: round2(after - before) }];
    });
    const severity = round2(
      -(emotion?.delta ?? 0) / EMOTION_SPAN -
        metrics.reduce((acc, m) => acc + m.delta / METRIC_SPAN[m.key], 0),
    );
    const base = {
      fromCardId: from.id,
      toCardId: to.id,
      fromStageId: from.stageId,
      toStageId: to.stageId,
      channel,
      team,
      emotions,
      emotion,
      metrics,
    };
    out.push({
      ...base,
      severity,
      label: handoffLabel(base, stageName),
      focus: { stageId: to.stageId, cardIds: [from.id, to.id] },
      at: i,
    });
  }
  return out
    .sort((a, b) => b.severity - a.severity || a.at - b.at)
    .map(({ at: _at, ...handoff }) => handoff);
}

/** Per stage and persona, expected − experienced, widest shortfall first (W285). */
export function computeExpectationGaps(board: HandoffBoard): ExpectationGap[] {
  const personas = personasFor(board);
  const stages = stageEmotions(board);
  const stageIds = new Set(board.stages.map((s) => s.id));
  const laneIds = new Set(board.lanes.map((l) => l.id));
  const position = new Map(board.stages.map((s, i) => [s.id, i]));
  const cards = board.cards.filter((c) => stageIds.has(c.stageId) && laneIds.has(c.laneId));
  const laneIndex = new Map(board.lanes.map((l, i) => [l.id, i]));
  const out: ExpectationGap[] = [];
  for (const stage of board.stages) {
    const here = cards
      .filter((c) => c.stageId === stage.id)
      .sort((a, b) => laneIndex.get(a.laneId)! - laneIndex.get(b.laneId)!);
    for (const persona of personas) {
      const experienced = stages.get(`${stage.id} ${persona.id}`);
      const mine = here.filter((c) => c.persona === undefined || c.persona === persona.id);
      const scored = mine.filter((c) => c.expected !== undefined);
      if (experienced === undefined || scored.length === 0) continue;
      const expected = mean(scored.map((c) => c.expected!));
      const withWords = mine.filter((c) => c.expectation !== undefined);
      out.push({
        stageId: stage.id,
        name: stage.name,
        personaId: persona.id,
        label: persona.label,
        expected: round2(expected),
        experienced: round2(experienced),
        gap: round2(expected - experienced),
        expectations: withWords.map((c) => c.expectation!),
        focus: {
          stageId: stage.id,
          cardIds: [...new Set([...scored, ...withWords].map((c) => c.id))],
        },
      });
    }
  }
  return out.sort((a, b) => b.gap - a.gap || position.get(a.stageId)! - position.get(b.stageId)!);
}

/** Per persona, the mean expected score of each stage that has one (the curve's band, W285). */
export function expectedByStage(
  board: { stages: readonly { id: string }[]; cards: readonly Card[] },
  personaId: string,
): Map<string, number> {
  const scores = new Map<string, number[]>();
  for (const c of board.cards) {
    if (c.expected === undefined || (c.persona !== undefined && c.persona !== personaId)) continue;
    const list = scores.get(c.stageId);
    if (list) list.push(c.expected);
    else scores.set(c.stageId, [c.expected]);
  }
  return new Map(
    board.stages.flatMap((s) => {
      const xs = scores.get(s.id);
      return xs ? [[s.id, round2(mean(xs))] as const] : [];
    }),
  );
}

/** The teams already used on a board, sorted, for suggestions (W281). */
export function teamsOf(cards: readonly Pick<Card, 'team'>[]): string[] {
  const teams = new Set<string>();
  for (const c of cards) if (c.team !== undefined) teams.add(c.team);
  return [...teams].sort((a, b) => a.localeCompare(b));
}
