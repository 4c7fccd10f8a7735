export { RequestReviewButton } from './RequestReviewButton.js';
export { ReviewBanners } from './ReviewBanner.js';
export { ReviewHistory } from './ReviewHistory.js';
