import type * as Y from 'yjs';
import { addLane, addStage } from './axes.js';
import { initBoard } from './board.js';
import { addCard, assertEmotion, assertMetrics } from './cards.js';
import { ModelError } from './doc.js';
import { newId } from './order.js';
import { readBoard } from './snapshot.js';
import type { Evidence, Persona } from './schema.js';
import { evidenceDay } from './staleness.js';
import type {
  TemplateCard,
  TemplateCell,
  TemplateContent,
  TemplateEvidence,
} from './templates/content.js';
import { currentState } from './templates/current-state.js';
import { dayInTheLife } from './templates/day-in-the-life.js';
import { futureState } from './templates/future-state.js';
import { serviceBlueprint } from './templates/service-blueprint.js';

/** Example boards a new board can start from; one per map type. */
export const TEMPLATE_IDS = [
  'current-state',
  'future-state',
  'day-in-the-life',
  'service-blueprint',
] as const;
export type TemplateId = (typeof TEMPLATE_IDS)[number];

export type {
  TemplateCard,
  TemplateCell,
  TemplateContent,
  TemplateEvidence,
  TemplateLane,
} from './templates/content.js';

export interface TemplateInfo {
  id: TemplateId;
  name: string;
  description: string;
}

const CONTENT: Record<TemplateId, TemplateContent> = {
  'current-state': currentState,
  'future-state': futureState,
  'day-in-the-life': dayInTheLife,
  'service-blueprint': serviceBlueprint,
};

export const TEMPLATES: readonly TemplateInfo[] = TEMPLATE_IDS.map((id) => ({
  id,
  name: CONTENT[id].name,
  description: CONTENT[id].description,
}));

export function isTemplateId(v: string): v is TemplateId {
  return (TEMPLATE_IDS as readonly string[]).includes(v);
}

export interface TemplateInput {
  title: string;
  /** Defaults to the template's example scenario. */
  scenario?: string;
  /** Fields given win; missing ones fall back to the template's example persona. */
  persona?: Partial<Persona>;
  createdAt?: string;
}

function isList(cell: TemplateCell): cell is readonly (string | TemplateCard)[] {
  return Array.isArray(cell);
}

function cardsIn(cell: TemplateCell | undefined): TemplateCard[] {
  if (cell === null || cell === undefined) return [];
  const list = isList(cell) ? cell : [cell];
  return list.map((card) => (typeof card === 'string' ? { text: card } : card));
}

/** Catches content mistakes before anything is written, so a bad template never half-applies. */
function checkContent(content: TemplateContent): void {
  for (const lane of content.lanes) {
    if (lane.cells.length !== content.stages.length) {
      throw new Error(
        `template lane '${lane.name}' has ${lane.cells.length} cells for ${content.stages.length} stages`,
      );
    }
    for (const cell of lane.cells) {
      for (const card of cardsIn(cell)) {
        if (card.emotion !== undefined) assertEmotion(card.emotion);
        if (card.metrics) assertMetrics(card.metrics);
      }
    }
  }
}

const DAY_MS = 86_400_000;

/** The evidence as stored: `daysAgo` becomes the yyyy-mm-dd that many days before `createdOn`. */
function datedEvidence(item: TemplateEvidence, createdOn: number): Evidence {
  const { daysAgo, ...rest } = item;
  const evidence: Evidence = { id: newId(), ...rest };
  if (daysAgo !== undefined) {
    evidence.date = new Date(createdOn - daysAgo * DAY_MS).toISOString().slice(0, 10);
  }
  return evidence;
}

/**
 * Writes the stages, lanes and cards of a template; the caller holds the transaction.
 * `createdOn` is midnight UTC of the board's creation day.
 */
function build(doc: Y.Doc, content: TemplateContent, createdOn: number): void {
  const stageIds = content.stages.map((name) => addStage(doc, { name }));
  for (const lane of content.lanes) {
    const laneId = addLane(doc, { name: lane.name, kind: lane.kind });
    stageIds.forEach((stageId, s) => {
      for (const card of cardsIn(lane.cells[s])) {
        addCard(doc, {
          stageId,
          laneId,
          text: card.text,
          emotion: card.emotion,
          channel: card.channel,
          color: card.color,
          metrics: card.metrics && { ...card.metrics },
          tags: card.tags && [...card.tags],
          evidence: card.evidence?.map((e) => datedEvidence(e, createdOn)),
          team: card.team,
          expected: card.expected,
          expectation: card.expectation,
        });
      }
    });
  }
}

/**
 * Fills an empty doc with a complete example board of the template's map type, in one
 * transaction. Throws ModelError for an unknown template, a bad title or a doc already in use.
 */
export function applyTemplate(doc: Y.Doc, template: TemplateId, input: TemplateInput): void {
  if (!isTemplateId(template)) {
    throw new ModelError(
      `template must be one of ${TEMPLATE_IDS.join(', ')}; got '${String(template)}'`,
      'template',
    );
  }
  const { meta, ...records } = readBoard(doc);
  const used =
    meta.title !== '' ||
    meta.createdAt !== '' ||
    Object.values(records).some((list) => list.length > 0);
  if (used) throw new ModelError('a template can only be applied to an empty board', 'meta.title');
  const content = CONTENT[template];
  checkContent(content);
  const createdAt = input.createdAt ?? new Date().toISOString();
  const createdOn = evidenceDay(createdAt) ?? Math.floor(Date.now() / DAY_MS) * DAY_MS;
  doc.transact(() => {
    initBoard(doc, {
      title: input.title,
      mapType: template,
      scenario: input.scenario ?? content.scenario,
      persona: {
        name: input.persona?.name ?? content.persona.name,
        description: input.persona?.description ?? content.persona.description,
      },
      createdAt,
    });
    build(doc, content, createdOn);
  });
}
