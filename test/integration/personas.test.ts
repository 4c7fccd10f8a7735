/**
 * Personas through the real server (W210, S101): an editor's persona and tag reach the others,
 * a viewer's write is not applied, a wrong type at a persona key is refused at the door.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Y from 'yjs';
import type { RunningServer } from '../../server/server.js';
import { readBoard } from '../../shared/model/snapshot.js';
import { addCard } from '../../shared/model/cards.js';
import { addPersona, personasOf } from '../../shared/model/personas.js';
import { CloseCode } from '../../shared/protocol/closeCodes.js';
import { waitFor, whenSynced } from '../helpers/clients.js';
import { openedClients } from '../helpers/openedClients.js';
import {
  createBoard,
  removeDir,
  startTestServer,
  tempDataDir,
  wsUrlOf,
} from '../helpers/server.js';

const opened = openedClients();

describe('personas through the server', () => {
  let dataDir: string;
  let server: RunningServer;
  let ws: string;

  beforeAll(async () => {
    dataDir = tempDataDir();
    server = await startTestServer(dataDir);
    ws = wsUrlOf(server.url);
  });

  afterAll(async () => {
    await server.stop();
    removeDir(dataDir);
  });

  it('S101, W210: editors add personas and tags for everyone; a viewer’s is not applied; a wrong type is refused at the door', async () => {
    const board = await createBoard(server.url, { title: 'Personas', template: 'current-state' });
    const editor = opened.ours(ws, board.id, board.tokens.editor);
    const other = opened.ours(ws, board.id, board.tokens.editor);
    await Promise.all([whenSynced(editor), whenSynced(other)]);
    const sam = addPersona(editor.doc, { name: 'Sam' });
    const { stages, lanes } = readBoard(editor.doc);
    const emotions = lanes.find((l) => l.kind === 'emotions')!.id;
    const card = addCard(editor.doc, {
      stageId: stages[0]!.id,
      laneId: emotions,
      emotion: -1,
      persona: sam,
    });
    await waitFor(
      () => readBoard(other.doc).cards.find((c) => c.id === card)?.persona === sam,
      5000,
      'the tagged card at the other editor',
    );
    expect(personasOf(readBoard(other.doc).meta).map((p) => p.name)[1]).toBe('Sam');

    // A viewer's persona is not applied (W13).
    const viewer = opened.ours(ws, board.id, board.tokens.viewer);
    await whenSynced(viewer);
    addPersona(viewer.doc, { name: 'Sneaky' });
    // An editor's wrong type at a persona key is refused (4400) and reaches no one.
    const foreign = opened.ours(ws, board.id, board.tokens.editor);
    await whenSynced(foreign);
    const record = foreign.doc.getMap('personas').get(sam) as Y.Map<unknown>;
    record.set('name', 42);
    expect(await foreign.closed).toBe(CloseCode.BAD_MESSAGE);
    const late = opened.ours(ws, board.id, board.tokens.owner);
    await whenSynced(late);
    expect(
      personasOf(readBoard(late.doc).meta)
        .map((p) => p.name)
        .slice(1),
    ).toEqual(['Sam']);
  });
});
