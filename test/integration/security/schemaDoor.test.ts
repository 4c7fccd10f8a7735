/**
 * The schema guard at the door (issue 13): an update that writes a value of the wrong type at a
 * known key of the board or comments doc closes its sender (4400) and reaches no one, not even
 * storage; honest edits, and unknown keys, pass.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { addCard, readBoard } from '../../../shared/model/index.js';
import { CloseCode } from '../../../shared/protocol/closeCodes.js';
import type { RunningServer } from '../../../server/server.js';
import {
  connectClient,
  disconnectAll,
  waitFor,
  whenSynced,
  type Client,
} from '../../helpers/clients.js';
import {
  createBoard,
  removeDir,
  startTestServer,
  tempDataDir,
  wsUrlOf,
} from '../../helpers/server.js';
import {
  connectStock,
  destroyStock,
  whenStockSynced,
  type StockClient,
} from '../../helpers/stockClients.js';
import { storedDoc } from './support.js';

describe('the schema guard at the door', () => {
  let dataDir: string;
  let server: RunningServer;
  let ws: string;
  let ours: Client[] = [];
  let stock: StockClient[] = [];

  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startTestServer(dataDir);
    ws = wsUrlOf(server.url);
  });

  afterEach(() => {
    disconnectAll(ours);
    ours = [];
    destroyStock(stock);
    stock = [];
  });

  afterAll(async () => {
    await server.stop();
    removeDir(dataDir);
  });

  async function pair(room: string, token: string, viewerToken: string) {
    const writer = connectStock('3.1.0', ws, room, token);
    stock.push(writer);
    const watcher = connectClient(ws, room, new Y.Doc(), viewerToken);
    ours.push(watcher);
    await Promise.all([whenStockSynced(writer), whenSynced(watcher)]);
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      (
        writer.provider as unknown as {
          on(e: 'closed', f: (ev: { code: number; reason: string }) => void): void;
        }
      ).on('closed', (event) => resolve(event)),
    );
    return { writer, watcher, closed };
  }

  const poisons: [string, (doc: Y.Doc) => void][] = [
    ['a number where a card belongs', (doc) => doc.getMap('cards').set('poisoned', 42)],
    [
      'a Y.Text where a stage belongs',
      (doc) => doc.getMap('stages').set('poisoned', new Y.Text('x')),
    ],
    [
      "a string for a card's text",
      (doc) => {
        const cardId = [...doc.getMap<Y.Map<unknown>>('cards').keys()][0]!;
        doc.getMap<Y.Map<unknown>>('cards').get(cardId)!.set('text', 'plain string');
      },
    ],
    [
      'an evidence item that is not an object',
      (doc) => {
        const card = [...doc.getMap<Y.Map<unknown>>('cards').values()][0]!;
        (card.get('evidence') as Y.Array<unknown>).push([42]);
      },
    ],
  ];

  it.each(poisons)(
    'W17, S26: refuses %s (4400) and keeps it from everyone',
    async (_what, poison) => {
      const board = await createBoard(server.url);
      const { writer, watcher, closed } = await pair(
        board.id,
        board.tokens.editor,
        board.tokens.viewer,
      );
      const before = JSON.stringify(readBoard(watcher.doc));
      poison(writer.doc);
      const { code, reason } = await closed;
      expect(code).toBe(CloseCode.BAD_MESSAGE);
      // The close says what was wrong, where (a client's developer can fix it).
      expect(reason).toMatch(/^(cards|stages)\.\S+ must be /);
      // A later honest edit from someone else arrives; the poison never did.
      const honest = connectClient(ws, board.id, new Y.Doc(), board.tokens.editor);
      ours.push(honest);
      await whenSynced(honest);
      const { stages, lanes } = readBoard(honest.doc);
      addCard(honest.doc, { stageId: stages[0]!.id, laneId: lanes[0]!.id, text: 'honest card' });
      await waitFor(() => readBoard(watcher.doc).cards.some((c) => c.text === 'honest card'), 5000);
      const seen = readBoard(watcher.doc);
      seen.cards = seen.cards.filter((c) => c.text !== 'honest card');
      expect(JSON.stringify(seen)).toBe(before);
      expect(watcher.doc.getMap('cards').has('poisoned')).toBe(false);
      expect(watcher.doc.getMap('stages').has('poisoned')).toBe(false);
      await waitFor(
        () => storedDoc(dataDir, board.id).getMap('cards').size === honest.doc.getMap('cards').size,
        5000,
      );
    },
  );

  it('W18, W39: refuses a wrong type in the comments doc, and lets unknown keys through', async () => {
    const board = await createBoard(server.url);
    const room = `${board.id}/comments`;
    const { writer, watcher, closed } = await pair(
      room,
      board.tokens.commenter,
      board.tokens.viewer,
    );
    writer.doc.getMap('future').set('anything', 42);
    await waitFor(
      () => watcher.doc.getMap('future').get('anything') === 42,
      5000,
      'an unknown key',
    );
    writer.doc.getMap('threads').set('t1', 'not a thread');
    expect((await closed).code).toBe(CloseCode.BAD_MESSAGE);
    expect(watcher.doc.getMap('threads').has('t1')).toBe(false);
  });
});
