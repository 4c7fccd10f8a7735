import type express from 'express';
import type { Config } from './config.js';
import { mountMetricsApi, mountMetricsBodyParser } from './http/metricsRouter.js';
import { setUpImages } from './images/setup.js';
import { setUpLinks } from './links/setup.js';
import { setUpPortfolio } from './portfolio/setup.js';
import { setUpReviews } from './reviews/setup.js';
import { setUpSearch } from './search/setup.js';
import { setUpVotes } from './votes/setup.js';

/**
 * Review requests, dot voting, pictures, search, the portfolio, the metrics API: their routes,
 * periodic work, and closing them.
 */
export function boardFeatures(
  config: Config,
  parts: Parameters<typeof setUpImages>[1] &
    Omit<Parameters<typeof setUpSearch>[0], 'adminToken'> &
    Parameters<typeof mountMetricsApi>[2] &
    Omit<Parameters<typeof setUpLinks>[0], 'indexedOutside'>,
) {
  const reviews = setUpReviews(config, parts);
  const votes = setUpVotes(config, parts);
  const images = setUpImages(config, parts);
  const search = setUpSearch({ ...parts, adminToken: config.ADMIN_TOKEN });
  const portfolio = setUpPortfolio(config, parts);
  return {
    reviews,
    images: images.service,
    /** Linked maps and shared insights; shares tell the indexer what they indexed themselves. */
    mountLinks(app: express.Express) {
      const indexedOutside = (boardId: string) => search.indexer.forget(boardId);
      setUpLinks({ ...parts, indexedOutside }).mount(app);
    },
    mount(app: express.Express) {
      reviews.mount(app);
      votes.mount(app);
      images.mount(app);
      search.mount(app);
      portfolio.mount(app);
      mountMetricsApi(app, config, parts);
    },
    /** Before the workspace routes, whose 16 KiB body parser would read a batch first. */
    mountBeforeAccounts(app: express.Express) {
      mountMetricsBodyParser(app);
    },
    close() {
      reviews.close();
      votes.close();
      search.close();
    },
  };
}
