/**
 * The PowerPoint deck built in Node from real boards and read back from its zip: slide count,
 * titles, card text, notes, pictures and awkward characters.
 */
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  addCard,
  addLane,
  addStage,
  applyTemplate,
  initBoard,
  readBoard,
  type BoardSnapshot,
} from '../../../../../shared/model/index.js';
import { computeInsights } from '../../../../../shared/model/insights.js';
import { buildDeck, type StageImage } from '../../../../../client/src/board/export/deck.js';
import { shorten } from '../../../../../client/src/board/export/deckText.js';
import { readDeck } from '../../../../helpers/pptx.js';

const EXPORTED_AT = '7 Dec 2026, 18:00 (Europe/Berlin)';

function template(title = 'Expense onboarding'): BoardSnapshot {
  const doc = new Y.Doc();
  applyTemplate(doc, 'current-state', { title, createdAt: '2026-01-01T00:00:00Z' });
  return readBoard(doc);
}

function pngImage(width: number, height: number): StageImage {
  const png = new PNG({ width, height });
  png.data.fill(200);
  const base64 = PNG.sync.write(png).toString('base64');
  return { data: `data:image/png;base64,${base64}`, width, height };
}

describe('PowerPoint deck', () => {
  it('W276: a title slide, a summary slide, then one slide per stage in board order', async () => {
    const board = template();
    const deck = await readDeck(await buildDeck({ board, exportedAt: EXPORTED_AT }));
    expect(board.stages.length).toBeGreaterThan(3);
    expect(deck.files.filter((f) => /^ppt\/slides\/slide\d+\.xml$/.test(f))).toHaveLength(
      2 + board.stages.length,
    );

    const [title, summary, ...stages] = deck.slides;
    expect(title!.paragraphs[0]).toBe('Expense onboarding');
    expect(title!.text).toContain('Current state journey map');
    expect(title!.text).toContain(`Persona: ${board.meta.persona.name}`);
    expect(title!.text).toContain(`Scenario: ${board.meta.scenario}`);
    expect(title!.text).toContain(`Exported ${EXPORTED_AT}`);
    // The persona's description is long: cut on the slide, whole in the notes.
    expect(title!.notes).toContain(board.meta.persona.description);

    const insights = computeInsights(board);
    expect(summary!.paragraphs[0]).toBe('Summary');
    board.stages.forEach((stage, i) =>
      expect(summary!.paragraphs).toContain(`${i + 1}. ${stage.name}`),
    );
    // Onboarding's mean emotion and CSAT, as the insights panel has them.
    const onboarding = insights.stages.find((s) => s.name === 'Onboarding')!;
    const row = summary!.paragraphs.indexOf('4. Onboarding');
    expect(summary!.paragraphs.slice(row + 1, row + 3)).toEqual([
      `${onboarding.emotion!.mean < 0 ? '−' : '+'}${Math.abs(onboarding.emotion!.mean).toFixed(1)} very negative`,
      `${Math.round(onboarding.csat!.value)}%`,
    ]);
    for (const item of [...insights.painPoints.slice(0, 5), ...insights.opportunities.slice(0, 5)])
      expect(summary!.notes).toContain(item.text);
    expect(summary!.text).toContain('Top pain points');
    expect(summary!.text).toContain('Top opportunities');

    stages.forEach((slide, i) => {
      expect(slide.paragraphs[0]).toBe(board.stages[i]!.name);
      expect(slide.paragraphs[1]).toBe(`Stage ${i + 1} of ${board.stages.length}`);
    });

    // A board with no stage yet still gives its title and summary, and says why it is short.
    const doc = new Y.Doc();
    initBoard(doc, { title: 'Blank', mapType: 'future-state' });
    const blank = await readDeck(
      await buildDeck({ board: readBoard(doc), exportedAt: EXPORTED_AT }),
    );
    expect(blank.slides.map((s) => s.paragraphs[0])).toEqual(['Blank', 'Summary']);
    expect(blank.slides[0]!.text).toContain('Future state journey map');
    expect(blank.slides[1]!.text).toContain('This map has no stages yet.');
    expect(blank.slides[1]!.text).toContain('No pain points on this map.');
  });

  it('W277: each stage slide holds its cards as text under their lane, empty lanes left out', async () => {
    const board = template();
    const deck = await readDeck(await buildDeck({ board, exportedAt: EXPORTED_AT }));
    board.stages.forEach((stage, i) => {
      const slide = deck.slides[i + 2]!;
      // Editable text: shapes with text bodies, and no picture when none was given.
      expect(slide.xml).toContain('<p:txBody>');
      expect(slide.images).toEqual([]);
      for (const lane of board.lanes) {
        const cards = board.cards.filter((c) => c.stageId === stage.id && c.laneId === lane.id);
        if (cards.length === 0) continue;
        const laneAt = slide.paragraphs.indexOf(lane.name);
        expect(laneAt, `${stage.name}: lane ${lane.name}`).toBeGreaterThan(1);
        for (const card of cards) {
          const line = slide.paragraphs.findIndex(
            (p, k) => k > laneAt && p.startsWith(shorten(card.text, 160)),
          );
          expect(line, `${stage.name}: ${card.text}`).toBeGreaterThan(laneAt);
          expect(slide.notes).toContain(card.text);
        }
      }
    });
    // A lane with no card in a stage has no heading there.
    const doc = new Y.Doc();
    initBoard(doc, { title: 'Sparse', mapType: 'current-state' });
    const [s1, s2] = [addStage(doc, { name: 'One' }), addStage(doc, { name: 'Two' })];
    const actions = addLane(doc, { name: 'Actions', kind: 'actions' });
    const pains = addLane(doc, { name: 'Pain points', kind: 'painPoints' });
    addCard(doc, { stageId: s1, laneId: actions, text: 'Signs up' });
    addCard(doc, { stageId: s1, laneId: pains, text: 'Too many fields' });
    addCard(doc, { stageId: s2, laneId: actions, text: 'Logs in', metrics: { csat: 71 } });
    const sparse = await readDeck(
      await buildDeck({ board: readBoard(doc), exportedAt: EXPORTED_AT }),
    );
    expect(sparse.slides[2]!.paragraphs).toEqual([
      'One',
      'Stage 1 of 2',
      'Actions',
      'Signs up',
      'Pain points',
      'Too many fields',
    ]);
    expect(sparse.slides[3]!.paragraphs).toEqual([
      'Two',
      'Stage 2 of 2',
      'Actions',
      'Logs in',
      'Metrics',
      'Stage: CSAT 71%',
      'Logs in: CSAT 71%',
    ]);
  });

  it('W277: pictures of the map go on the slides of the stages they are given for', async () => {
    const board = template();
    const [first, , third] = board.stages;
    const stageImages = new Map([
      [first!.id, pngImage(48, 160)],
      [third!.id, pngImage(160, 48)],
    ]);
    const deck = await readDeck(await buildDeck({ board, exportedAt: EXPORTED_AT, stageImages }));
    const withImages = deck.slides.map((s) => s.images.length);
    expect(withImages).toEqual([0, 0, ...board.stages.map((s) => (stageImages.has(s.id) ? 1 : 0))]);
    expect(deck.slides[2]!.xml).toContain(`descr="The map at the stage ${first!.name}`);
  });

  it('W278: <, &, quotes and emoji survive; long text is cut with an ellipsis, whole in the notes', async () => {
    const doc = new Y.Doc();
    const title = 'Tom & Jerry\'s <journey> "beta" 🎉👩‍👩‍👧';
    initBoard(doc, { title, mapType: 'service-blueprint', scenario: 'A < B && C > D' });
    const stage = addStage(doc, { name: 'Ça <commence> & 始まり 🚀' });
    const lane = addLane(doc, { name: 'Front & <stage>', kind: 'frontstage' });
    const long = `${'Wörds 🙂 '.repeat(300)}end`;
    addCard(doc, { stageId: stage, laneId: lane, text: 'Bell\u0007 rings <b>"loud"</b> & 🔔' });
    addCard(doc, { stageId: stage, laneId: lane, text: long });
    const deck = await readDeck(
      await buildDeck({ board: readBoard(doc), exportedAt: EXPORTED_AT }),
    );
    expect(deck.slides[0]!.paragraphs[0]).toBe(title);
    expect(deck.slides[0]!.text).toContain('Service blueprint journey map');
    expect(deck.slides[0]!.text).toContain('Scenario: A < B && C > D');
    const slide = deck.slides[2]!;
    expect(slide.paragraphs.slice(0, 4)).toEqual([
      'Ça <commence> & 始まり 🚀',
      'Stage 1 of 1',
      'Front & <stage>',
      'Bell rings <b>"loud"</b> & 🔔',
    ]);
    const cut = slide.paragraphs[4]!;
    expect(cut.length).toBeLessThanOrEqual(160);
    expect(cut.endsWith('…')).toBe(true);
    expect(long.replace(/\s+/g, ' ').startsWith(cut.slice(0, -1))).toBe(true);
    // No emoji is split in half by the cut.
    expect(cut).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    expect(slide.notes).toContain(long);
  });

  it('W277: a board of 30 stages gives 32 slides; a crowded stage says how many cards are left off', async () => {
    const doc = new Y.Doc();
    initBoard(doc, { title: 'Thirty', mapType: 'current-state' });
    const lanes = ['Actions', 'Touchpoints', 'Pain points'].map((name, i) =>
      addLane(doc, { name, kind: (['actions', 'touchpoints', 'painPoints'] as const)[i]! }),
    );
    const stages = Array.from({ length: 30 }, (_, i) => addStage(doc, { name: `Stage ${i + 1}` }));
    stages.forEach((stageId, i) =>
      lanes.forEach((laneId, j) => addCard(doc, { stageId, laneId, text: `Card ${i + 1}.${j}` })),
    );
    for (let k = 0; k < 80; k++)
      addCard(doc, { stageId: stages[0]!, laneId: lanes[0]!, text: `Crowded card number ${k}` });
    const deck = await readDeck(
      await buildDeck({ board: readBoard(doc), exportedAt: EXPORTED_AT }),
    );
    expect(deck.slides).toHaveLength(32);
    expect(deck.slides[31]!.paragraphs[0]).toBe('Stage 30');
    expect(deck.slides[31]!.text).toContain('Card 30.2');
    const crowded = deck.slides[2]!;
    const more = crowded.paragraphs.at(-1)!;
    const shown = crowded.paragraphs.filter((p) => p.startsWith('Crowded card')).length;
    expect(shown).toBeGreaterThan(10);
    // In their cell's order, after the stage's own first card.
    expect(crowded.paragraphs.filter((p) => p.startsWith('Crowded card'))).toEqual(
      Array.from({ length: shown }, (_, k) => `Crowded card number ${k}`),
    );
    expect(more).toBe(`… and ${80 + 3 - shown - 1} more (every card is in the notes)`);
    expect(crowded.notes).toContain('Crowded card number 79');
  });

  it('S125: text that looks like slide markup or a link stays text; the deck has no links or macros', async () => {
    const doc = new Y.Doc();
    const markup = '</a:t></a:r><a:r><a:rPr><a:hlinkClick r:id="rId9"/></a:rPr><a:t>click';
    const quoted = 'Stage "one" \' onload="x" <p:pic/>';
    initBoard(doc, { title: markup, mapType: 'current-state', persona: { name: ']]><x/>' } });
    const stage = addStage(doc, { name: quoted });
    const lane = addLane(doc, { name: '<a:p>Lane</a:p>', kind: 'actions' });
    addCard(doc, { stageId: stage, laneId: lane, text: 'javascript:alert(1) &amp; &#60;' });
    const board = readBoard(doc);
    const bytes = await buildDeck({
      board,
      exportedAt: EXPORTED_AT,
      stageImages: new Map([[stage, pngImage(40, 120)]]),
    });
    const deck = await readDeck(bytes);
    expect(deck.slides[0]!.paragraphs[0]).toBe(markup);
    expect(deck.slides[0]!.text).toContain('Persona: ]]><x/>');
    expect(deck.slides[2]!.paragraphs.slice(0, 4)).toEqual([
      quoted,
      'Stage 1 of 1',
      '<a:p>Lane</a:p>',
      'javascript:alert(1) &amp; &#60;',
    ]);
    expect(deck.slides[2]!.xml).toContain(
      'descr="The map at the stage Stage &quot;one&quot; &apos; onload=&quot;x&quot; &lt;p:pic/&gt;',
    );
    // One picture, the one given: the stage name did not open another.
    expect(deck.slides[2]!.images).toHaveLength(1);
    expect(deck.slides[2]!.xml.match(/<p:pic>/g)).toHaveLength(1);
    for (const slide of deck.slides)
      expect(slide.xml).not.toMatch(/<a:hlinkClick|<a:fld\b|<p:oleObj/);
    // pptxgenjs writes an empty `ppt/embeddings/` folder; nothing may be in it.
    const parts = deck.files.filter((f) => !f.endsWith('/'));
    expect(parts.filter((f) => /vbaProject|oleObject|embeddings\//i.test(f))).toEqual([]);
  });
});
