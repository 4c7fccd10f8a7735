/**
 * The words of the PowerPoint deck (W276–W278), apart from where they go on a slide: cleaned for
 * XML, shortened with an ellipsis (the full text goes to the slide's notes), grouped by lane.
 * Pure, so the unit test checks the deck in Node.
 */
import type { Insights, StageInsight } from '../../../../shared/model/insights.js';
import { personaLabel } from '../../../../shared/model/personas.js';
import {
  METRIC_KEYS,
  type BoardSnapshot,
  type Card,
  type Lane,
  type MetricKey,
  type Stage,
} from '../../../../shared/model/schema.js';
import { boardOrder } from '../../../../shared/model/surveyMatch.js';
import { mapTypeLabel } from '../../ui/mapTypes.js';
import { EMOTION_LABELS, formatMetric, METRIC_LABEL } from '../core/visuals.js';
import { emotionText } from '../table/cardText.js';

/**
 * Characters XML 1.0 cannot carry (controls, unpaired surrogates, U+FFFE/U+FFFF): another client
 * may have typed them, and one of them would make PowerPoint refuse the whole file.
 */
const XML_INVALID =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function cleanText(text: string): string {
  return text.replace(XML_INVALID, '');
}

const graphemes = new Intl.Segmenter('en', { granularity: 'grapheme' });

/**
 * One line of at most `max` UTF-16 units, cut between whole characters (an emoji or an accented
 * letter is never split) and ended with "…" when it was cut.
 */
export function shorten(text: string, max: number): string {
  const flat = cleanText(text).replace(/\s+/g, ' ').trim();
  if (flat.length <= max) return flat;
  let out = '';
  for (const { segment } of graphemes.segment(flat)) {
    if (out.length + segment.length > max - 1) break;
    out += segment;
  }
  return `${out.trimEnd()}…`;
}

/** Longest card text on a stage slide before it is shortened. */
export const CARD_CHARS = 160;

export interface DeckLine {
  /** What the slide shows (shortened). */
  text: string;
  /** The whole text, for the notes. */
  full: string;
}

export interface DeckLane {
  lane: Lane;
  cards: DeckLine[];
}

export interface StageContent {
  stage: Stage;
  /** Lanes with at least one card in this stage, in lane order. */
  lanes: DeckLane[];
  /** The stage's averages, then one line per card with metrics. */
  metrics: DeckLine[];
}

export interface TitleContent {
  title: string;
  mapType: string;
  persona?: string;
  scenario?: string;
  date: string;
}

function metricsOf(card: Card): string {
  return METRIC_KEYS.filter((key) => card.metrics[key] !== undefined)
    .map((key) => `${METRIC_LABEL[key]} ${formatMetric(key, card.metrics[key]!)}`)
    .join(' · ');
}

function cardLine(card: Card): DeckLine {
  const text = cleanText(card.text).trim();
  const extras: string[] = [];
  if (card.emotion !== undefined) extras.push(`emotion ${emotionText(card.emotion)}`);
  if (card.channel) extras.push(`channel ${cleanText(card.channel)}`);
  const suffix = extras.length ? ` (${extras.join(', ')})` : '';
  const body = text || (card.image ? 'Picture' : 'Untitled card');
  return { text: shorten(body, CARD_CHARS) + suffix, full: body + suffix };
}

/** One of a stage's averages as the insights panel computes it, formatted; undefined when none. */
export function stageMetric(insight: StageInsight, key: MetricKey): string | undefined {
  const value = key === 'volume' ? insight.volume : insight[key]?.value;
  return value === undefined ? undefined : formatMetric(key, value);
}

/** "CSAT 72% · CES 4.1 · Volume 1.2k": a stage's averages. */
export function stageMetrics(insight: StageInsight): string {
  return METRIC_KEYS.filter((key) => stageMetric(insight, key) !== undefined)
    .map((key) => `${METRIC_LABEL[key]} ${stageMetric(insight, key)!}`)
    .join(' · ');
}

/** "+1.3 positive" for a stage's mean emotion. */
export function emotionMean(mean: number): string {
  const sign = mean > 0 ? '+' : mean < 0 ? '−' : '';
  const word = (EMOTION_LABELS[Math.round(mean)] ?? 'Neutral').toLowerCase();
  return `${sign}${Math.abs(mean).toFixed(1)} ${word}`;
}

/** Each stage's cards grouped by lane, in the order the map shows them. */
export function stageContents(board: BoardSnapshot, insights: Insights): StageContent[] {
  const sorted = [...board.cards].sort(boardOrder(board));
  const insightOf = new Map(insights.stages.map((s) => [s.stageId, s]));
  return board.stages.map((stage) => {
    const inStage = sorted.filter((c) => c.stageId === stage.id);
    const lanes = board.lanes
      .map((lane) => ({
        lane,
        cards: inStage.filter((c) => c.laneId === lane.id).map(cardLine),
      }))
      .filter((l) => l.cards.length > 0);
    const metrics: DeckLine[] = [];
    const insight = insightOf.get(stage.id);
    const average = insight ? stageMetrics(insight) : '';
    if (average) metrics.push({ text: `Stage: ${average}`, full: `Stage: ${average}` });
    for (const card of inStage) {
      const figures = metricsOf(card);
      if (!figures) continue;
      const name = cleanText(card.text).trim() || 'Untitled card';
      metrics.push({ text: `${shorten(name, 60)}: ${figures}`, full: `${name}: ${figures}` });
    }
    return { stage, lanes, metrics };
  });
}

export function titleContent(board: BoardSnapshot, date: string): TitleContent {
  const { meta } = board;
  const names = (meta.personas ?? []).map((p, i) => cleanText(personaLabel(p, i)));
  const persona =
    names.length > 1
      ? `Personas: ${names.join(', ')}`
      : meta.persona.name.trim()
        ? `Persona: ${cleanText(meta.persona.name)}${
            meta.persona.description.trim() ? ` — ${cleanText(meta.persona.description)}` : ''
          }`
        : undefined;
  const scenario = meta.scenario.trim() ? `Scenario: ${cleanText(meta.scenario)}` : undefined;
  return {
    title: cleanText(meta.title).trim() || 'Untitled map',
    mapType: `${mapTypeLabel(meta.mapType)} journey map`,
    persona,
    scenario,
    date,
  };
}
