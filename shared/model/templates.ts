import type * as Y from 'yjs';
import { addLane, addStage } from './axes.js';
import { initBoard } from './board.js';
import {
  addCard,
  assertEmotion,
  assertMetrics,
  setCardColor,
  setChannel,
  setEmotion,
} from './cards.js';
import { ModelError } from './doc.js';
import { newId } from './order.js';
import { addShape } from './shapes.js';
import { readBoard } from './snapshot.js';
import type { Evidence, LaneKind, Metrics, Persona } from './schema.js';
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

export interface TemplateInfo {
  id: TemplateId;
  name: string;
  description: string;
}

/** One card of template content; a bare string is a card with text only. */
export interface TemplateCard {
  text: string;
  color?: string;
  emotion?: number;
  channel?: string;
  metrics?: Metrics;
  tags?: readonly string[];
  evidence?: readonly Omit<Evidence, 'id'>[];
}

/** The cards of one stage in a lane: none, one, or several (top to bottom). */
export type TemplateCell = string | TemplateCard | readonly (string | TemplateCard)[] | null;

export interface TemplateLane {
  name: string;
  kind: LaneKind;
  /** One cell per stage, in stage order. */
  cells: readonly TemplateCell[];
}

/** A horizontal divider drawn between two adjacent lanes (service blueprint lines). */
export interface TemplateLine {
  label: string;
  /** Names of the lane above and the lane below the line. */
  between: readonly [string, string];
}

/** A template as plain data: the builder below turns it into model calls. */
export interface TemplateContent {
  name: string;
  description: string;
  persona: Persona;
  scenario: string;
  /** Stage names, left to right. */
  stages: readonly string[];
  /** Lanes, top to bottom. */
  lanes: readonly TemplateLane[];
  lines?: readonly TemplateLine[];
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

/**
 * Nominal canvas grid (px) used only to place the blueprint lines. The canvas layout is not
 * fixed yet, so the lines are plain shapes: a thin 'rect' along the lane boundary plus a 'text'
 * label. The canvas (a later issue) may draw them specially; it can also find the boundaries
 * without the shapes, from the lane kinds in order: actions | frontstage (line of interaction),
 * frontstage | backstage (line of visibility), backstage | support (line of internal interaction).
 */
const GRID = { headerWidth: 160, headerHeight: 48, stageWidth: 240, laneHeight: 140 };
const LINE_COLOR = '#64748b';

function isList(cell: TemplateCell): cell is readonly (string | TemplateCard)[] {
  return Array.isArray(cell);
}

function cardsIn(cell: TemplateCell | undefined): TemplateCard[] {
  if (cell === null || cell === undefined) return [];
  const list = isList(cell) ? cell : [cell];
  return list.map((card) => (typeof card === 'string' ? { text: card } : card));
}

function laneIndex(content: TemplateContent, name: string): number {
  const index = content.lanes.findIndex((lane) => lane.name === name);
  if (index < 0) throw new Error(`template line refers to unknown lane '${name}'`);
  return index;
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
  for (const line of content.lines ?? []) {
    if (laneIndex(content, line.between[1]) !== laneIndex(content, line.between[0]) + 1) {
      throw new Error(`template line '${line.label}' must sit between adjacent lanes`);
    }
  }
}

/** Writes the stages, lanes, cards and lines of a template; the caller holds the transaction. */
function build(doc: Y.Doc, content: TemplateContent): void {
  const stageIds = content.stages.map((name) => addStage(doc, { name }));
  for (const lane of content.lanes) {
    const laneId = addLane(doc, { name: lane.name, kind: lane.kind });
    stageIds.forEach((stageId, s) => {
      for (const card of cardsIn(lane.cells[s])) {
        const id = addCard(doc, {
          stageId,
          laneId,
          text: card.text,
          metrics: card.metrics && { ...card.metrics },
          tags: card.tags && [...card.tags],
          evidence: card.evidence?.map((e) => ({ id: newId(), ...e })),
        });
        // Set on the live card rather than through addCard: addCard reads its not-yet-attached
        // Y.Map for these keys, which makes Yjs log an "Invalid access" warning per card.
        if (card.emotion !== undefined) setEmotion(doc, id, card.emotion);
        if (card.channel !== undefined) setChannel(doc, id, card.channel);
        if (card.color !== undefined) setCardColor(doc, id, card.color);
      }
    });
  }
  const width = GRID.headerWidth + content.stages.length * GRID.stageWidth;
  for (const line of content.lines ?? []) {
    const y = GRID.headerHeight + laneIndex(content, line.between[1]) * GRID.laneHeight;
    addShape(doc, { type: 'rect', x: 0, y: y - 1, w: width, h: 2, color: LINE_COLOR });
    addShape(doc, {
      type: 'text',
      x: GRID.headerWidth + 8,
      y: y - 22,
      w: 240,
      h: 20,
      text: line.label,
      color: LINE_COLOR,
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
  doc.transact(() => {
    initBoard(doc, {
      title: input.title,
      mapType: template,
      scenario: input.scenario ?? content.scenario,
      persona: {
        name: input.persona?.name ?? content.persona.name,
        description: input.persona?.description ?? content.persona.description,
      },
      createdAt: input.createdAt,
    });
    build(doc, content);
  });
}
