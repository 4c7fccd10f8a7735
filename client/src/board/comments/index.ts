/** Comments: threads pinned to cards and shapes, the panel that lists them, unread state. */
export { anchorRect } from './anchors.js';
export { CommentPins } from './CommentPins.js';
export { CommentsPanel } from './CommentsPanel.js';
export { useThreads, useUnread, useUnreadableComments } from './useComments.js';
