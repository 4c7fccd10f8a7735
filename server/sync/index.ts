/*
 * What the HTTP layer may use from server/sync (eslint.config.js enforces it): routes that touch
 * a live room need to know why a join was refused, and rate limits need the client's address.
 * Everything else in this folder is the room machinery, wired together by server.ts.
 */
export { clientAddress } from './connection.js';
export { JoinRefused } from './roomRegistry.js';
