/**
 * The big board of the cold-join and render benchmarks, made with the model's own functions:
 * open JSON with `cards` cards (what `POST /api/boards/import` takes) and a comments doc with
 * `comments` messages (threads of two, anchored to cards).
 */
import * as Y from 'yjs';
import {
  boardJsonSchema,
  createThread,
  docFromJson,
  initBoard,
  newId,
  orderBetween,
  reply,
  type BoardJson,
  type LaneKind,
} from '../../../shared/model/index.js';

const STAGES = ['Discover', 'Research', 'Compare', 'Sign up', 'Onboard', 'Use', 'Renew', 'Refer'];
const LANES: LaneKind[] = [
  'touchpoints',
  'goals',
  'actions',
  'channels',
  'painPoints',
  'opportunities',
  'frontstage',
  'backstage',
  'support',
  'text',
];

function orders(count: number): string[] {
  const keys: string[] = [];
  let last: string | null = null;
  for (let i = 0; i < count; i++) keys.push((last = orderBetween(last, null)));
  return keys;
}

export function bigBoardJson(cards: number): BoardJson {
  const stageOrders = orders(STAGES.length);
  const laneOrders = orders(LANES.length);
  const stages = STAGES.map((name, i) => ({ id: newId(), name, order: stageOrders[i]! }));
  const lanes = LANES.map((kind, i) => ({
    id: newId(),
    name: kind[0]!.toUpperCase() + kind.slice(1),
    kind,
    order: laneOrders[i]!,
  }));
  const cells = stages.length * lanes.length;
  const perCell = Math.ceil(cards / cells);
  const cellOrders = orders(perCell);
  const list: BoardJson['cards'] = [];
  for (let i = 0; i < cards; i++) {
    const cell = i % cells;
    list.push({
      id: newId(),
      stageId: stages[cell % stages.length]!.id,
      laneId: lanes[Math.floor(cell / stages.length)]!.id,
      order: cellOrders[Math.floor(i / cells)]!,
      text: `Step ${i}: the customer checks the invoice total against the quote`,
      ...(i % 3 === 0 ? { color: '#fde68a' } : {}),
      metrics: i % 4 === 0 ? { csat: 50 + (i % 50), volume: 100 + i } : {},
      tags: i % 5 === 0 ? ['billing'] : [],
      evidence: [],
    });
  }
  const board = {
    format: 'journeyboard' as const,
    schemaVersion: 1 as const,
    meta: {
      title: `Bench board, ${cards} cards`,
      mapType: 'current-state' as const,
      scenario: 'Paying the first invoice',
      persona: { name: 'Dana', description: 'Finance lead at a small agency' },
      createdAt: '2026-01-01T00:00:00.000Z',
    },
    stages,
    lanes,
    cards: list,
    shapes: [],
  };
  return boardJsonSchema.parse(board);
}

/** The board as one Yjs update (what a seeding client sends to servers without an import). */
export function boardUpdate(json: BoardJson): Uint8Array {
  const doc = docFromJson(json);
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/** A comments doc with `messages` messages on the board's cards, as one update. */
export function commentsUpdate(json: BoardJson, messages: number): Uint8Array {
  const doc = new Y.Doc();
  const author = { id: 'bench-reviewer', name: 'Bench Reviewer', color: '#1d4ed8' };
  const now = '2026-01-02T00:00:00.000Z';
  for (let i = 0; i < messages; i += 2) {
    const card = json.cards[(i * 7) % json.cards.length]!;
    const thread = createThread(doc, {
      anchor: { kind: 'card', id: card.id },
      author,
      body: `Is step ${i} still accurate after the pricing change?`,
      now,
    });
    if (i + 1 < messages) reply(doc, thread, { author, body: 'Yes, checked with support.', now });
  }
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}

/** An empty board's content (what journeyboard's `POST /api/boards` makes), as one update. */
export function blankBoardUpdate(): Uint8Array {
  const doc = new Y.Doc();
  initBoard(doc, { title: 'Bench board', mapType: 'current-state' });
  const update = Y.encodeStateAsUpdate(doc);
  doc.destroy();
  return update;
}
