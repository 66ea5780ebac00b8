// The local HTTP API (API Gateway v2) emulation: template extraction and the request listener (docs/architecture.md §5).
export { extractHttpApis } from './extractHttpApis.ts';
export { createHttpApiHandler } from './createHttpApiHandler.ts';
export type { HttpApiHandlerOptions } from './createHttpApiHandler.ts';
export type {
  HttpApiDefinition,
  HttpApiRoute,
  HttpApiCors,
  HttpApiJwtAuthorizer,
  HttpApiStage,
} from './definitions.ts';
export type { HttpApiEvent } from './event.ts';
export type { LocalIssuer } from './jwtAuthorizer.ts';
export { listenHttpApi } from './listenHttpApi.ts';
export type { ListeningHttpApi } from './listenHttpApi.ts';
