import { formatCsv } from '../../shared/model/csv.js';
import { spreadsheetSafe } from '../../shared/model/csvExport.js';
import type { BoardJson } from '../../shared/model/json.js';
import type { VoteResult } from '../../shared/protocol/votes.js';
import type { VoteRecord, VoterRecord } from '../storage/votes.js';

/**
 * A vote's ranked results from its voters' dots: most votes first, ties in card id order,
 * cards without dots left out. Names only for named votes (W203).
 */
export function rankResults(vote: VoteRecord, voters: readonly VoterRecord[]): VoteResult[] {
  const totals = new Map<string, { votes: number; voters: { name: string; votes: number }[] }>();
  for (const voter of voters) {
    for (const [cardId, n] of Object.entries(voter.dots)) {
      if (!(n > 0)) continue;
      const entry = totals.get(cardId) ?? { votes: 0, voters: [] };
      entry.votes += n;
      entry.voters.push({ name: voter.name, votes: n });
      totals.set(cardId, entry);
    }
  }
  const ranked = [...totals.entries()].sort(([a, x], [b, y]) =>
    y.votes !== x.votes ? y.votes - x.votes : a < b ? -1 : a > b ? 1 : 0,
  );
  let rank = 0;
  let previous = -1;
  return ranked.map(([cardId, entry], i) => {
    // Equal counts share a rank ("1, 2, 2, 4").
    if (entry.votes !== previous) rank = i + 1;
    previous = entry.votes;
    const voterList = [...entry.voters].sort(
      (a, b) => b.votes - a.votes || (a.name < b.name ? -1 : 1),
    );
    return vote.anonymous
      ? { rank, cardId, votes: entry.votes }
      : { rank, cardId, votes: entry.votes, voters: voterList };
  });
}

/** The results as CSV (W204): one row per card with dots, as ranked, with the card's place. */
export function resultsCsv(
  vote: VoteRecord,
  results: readonly VoteResult[],
  board: BoardJson | null,
) {
  const cards = new Map(board?.cards.map((c) => [c.id, c]));
  const stages = new Map(board?.stages.map((s) => [s.id, s.name]));
  const lanes = new Map(board?.lanes.map((l) => [l.id, l.name]));
  const header = ['rank', 'card_id', 'stage', 'lane', 'text', 'votes'];
  if (!vote.anonymous) header.push('voters');
  const rows = results.map((r) => {
    const card = cards.get(r.cardId);
    const row = [
      String(r.rank),
      r.cardId,
      spreadsheetSafe((card && stages.get(card.stageId)) ?? ''),
      spreadsheetSafe((card && lanes.get(card.laneId)) ?? ''),
      spreadsheetSafe(card?.text ?? '(deleted card)'),
      String(r.votes),
    ];
    if (!vote.anonymous)
      row.push(spreadsheetSafe((r.voters ?? []).map((v) => `${v.name} (${v.votes})`).join('; ')));
    return row;
  });
  return formatCsv([header, ...rows]);
}
