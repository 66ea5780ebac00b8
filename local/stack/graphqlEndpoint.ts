// The AppSync endpoint's port: GraphQL over HTTP and HTTPS, and the real-time WebSocket endpoint on
// the same port (docs/appsync-facts.md §9.1). It listens before the functions load, because the REST
// shim's GRAPHQL_URL (Fn::GetAtt Api.GraphQLUrl) names its port; requests wait for the engine with a
// 503, and WebSocket handshakes are refused until the realtime server exists.
import type http from 'node:http';
import type { RealtimeServer } from '../appsync/realtime/createRealtimeServer.ts';
import { listenDualProtocol } from '../http/dualProtocolServer.ts';
import type { DevCertificate } from '../services/devCertificate.ts';
import { lateHandler, lateUpgrade } from './lateHandler.ts';
import type { StopList } from './stopList.ts';

/** The listening endpoint, serving once `serve` gives it the GraphQL handler and the realtime server. */
export interface GraphqlEndpoint {
  port: number;
  serve(handler: http.RequestListener, realtime: RealtimeServer): void;
}

/** Listens on host:port (0: any free port) with the development certificate for HTTPS/WSS. */
export async function listenGraphqlEndpoint(
  options: { host: string; port: number; certificate: DevCertificate },
  stops: StopList,
): Promise<GraphqlEndpoint> {
  const graphql = lateHandler();
  const upgrade = lateUpgrade();
  const server = await listenDualProtocol(graphql.listener, {
    port: options.port,
    host: options.host,
    key: options.certificate.key,
    cert: options.certificate.cert,
    upgrade: upgrade.listener,
  });
  stops.add(server.close);
  return {
    port: server.port,
    serve(handler, realtime) {
      graphql.attach(handler);
      upgrade.attach(realtime);
    },
  };
}
