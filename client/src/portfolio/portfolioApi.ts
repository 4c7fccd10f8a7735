import type { PortfolioView } from '../../../shared/protocol/portfolio.js';
import { call } from '../api.js';

export const portfolioApi = {
  get: (workspaceId: string) =>
    call<PortfolioView>(`/api/workspaces/${encodeURIComponent(workspaceId)}/portfolio`),
};
