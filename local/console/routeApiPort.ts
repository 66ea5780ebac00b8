// Who answers on the API's port: AppSync's control-plane EvaluateCode and API key operations at
// their paths, the console at `/` and under /_console/, and the GraphQL handler for everything
// else (POST /graphql, and its own 404 for unknown paths). WebSocket upgrades (/graphql/realtime)
// never come through here.
import type { RequestListener } from 'node:http';
import { API_KEYS_PATH } from '../appsync/controlPlane/createApiKeysHandler.ts';
import { EVALUATE_CODE_PATH } from '../appsync/evaluateCode/createEvaluateCodeHandler.ts';

/** The listeners sharing the port. */
export interface ApiPortRoutes {
  graphql: RequestListener;
  evaluateCode: RequestListener;
  apiKeys: RequestListener;
  console: RequestListener;
}

/** One listener that dispatches by path. */
export function routeApiPort(routes: ApiPortRoutes): RequestListener {
  return (req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (path === EVALUATE_CODE_PATH) return routes.evaluateCode(req, res);
    if (API_KEYS_PATH.test(path)) return routes.apiKeys(req, res);
    if (path === '/' || path.startsWith('/_console/')) return routes.console(req, res);
    return routes.graphql(req, res);
  };
}
