// The template's HTTP API (the REST shim), served locally: routes to the Lambda runner, its JWT
// authorizer pointed at cognito-local's issuer and keys instead of Cognito's (docs/architecture.md §5).
import type { InternalFaultSink } from '../http/internalFaults.ts';
import { createHttpApiHandler, extractHttpApis, listenHttpApi } from '../httpApi/index.ts';
import type { LambdaRunner } from '../lambda/index.ts';
import type { CfnTemplate, ReferenceResolver } from '../template/index.ts';
import { LOCAL_REGION } from '../awsConfig.ts';

/** What the HTTP API needs from the running stack. */
export interface RestApiContext {
  template: CfnTemplate;
  refs: ReferenceResolver;
  runner: LambdaRunner;
  userPool: { userPoolId: string; issuer: string; jwksUri: string };
  host: string;
  port: number;
  /** Where the HTTP API reports the emulator's own faults. */
  faults?: InternalFaultSink;
}

/** Serves the template's HTTP API, if it has one; at most one is supported. */
export async function serveRestApi(
  context: RestApiContext,
): Promise<{ port: number; close(): Promise<void> } | undefined> {
  const httpApis = extractHttpApis(context.template, context.refs);
  if (httpApis.length > 1)
    throw new Error(`The local stack serves at most one HTTP API; the template has ${httpApis.length}.`);
  if (httpApis.length === 0) return undefined;
  const { userPool } = context;
  const handler = createHttpApiHandler({
    api: httpApis[0],
    invoke: (functionLogicalId, event) => context.runner.invoke(functionLogicalId, event),
    faults: context.faults,
    jwt: {
      issuerMap: {
        [`https://cognito-idp.${LOCAL_REGION}.amazonaws.com/${userPool.userPoolId}`]: {
          issuer: userPool.issuer,
          jwksUri: userPool.jwksUri,
        },
      },
    },
  });
  return listenHttpApi(handler, { port: context.port, host: context.host });
}
