/** The journey-map model: every read and write of a board goes through these functions. */
export * from './schema.js';
export { ModelError, boardRoots } from './doc.js';
export { orderBetween, orderAtIndex, byOrder, newId, type Ordered } from './order.js';
export * from './board.js';
export * from './axes.js';
export * from './cards.js';
export * from './shapes.js';
export * from './snapshot.js';
export * from './json.js';
export * from './templates.js';
export * from './comments.js';
