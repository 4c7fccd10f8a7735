export { VoteProvider, useVote } from './useVote.js';
export { VoteBar } from './VoteBar.js';
export { VoteDots } from './VoteDots.js';
export { VoteButton } from './VoteButton.js';
