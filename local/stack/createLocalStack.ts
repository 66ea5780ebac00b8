// The whole system on one machine, from the synthesized template (docs/architecture.md §1, §5), in
// phases: the template read (stackTemplate.ts); the local services started and the template's
// tables and user pool created on them (startServices.ts); the AppSync endpoint listening
// (graphqlEndpoint.ts); the physical IDs only the running services know (stackReferences.ts); the
// template's functions and stream mappings (startFunctions.ts); the AppSync API over HTTP, HTTPS and
// WebSocket, with the console and EvaluateCode on the same port (serveAppSync.ts, localTools.ts); the
// REST shim's HTTP API (serveRestApi.ts); managed login when the pool has a domain (localTools.ts); the outputs
// (stackOutputs.ts). The CLI (local/cli/start.ts) binds fixed ports and a data folder that persists;
// tests and the bench let every port default to a free one and use a temporary folder.
import type { AppSyncEngine } from '../appsync/engine/createAppSyncEngine.ts';
import type { ApiDefinition } from '../appsync/engine/definitions.ts';
import { stderrFaults } from '../http/internalFaults.ts';
import type { InternalFaultSink } from '../http/internalFaults.ts';
import { silentRequestLog } from '../http/requestLog.ts';
import { urlHost } from '../http/serverLifecycle.ts';
import type { RequestLogSink } from '../http/requestLog.ts';
import { listenGraphqlEndpoint } from './graphqlEndpoint.ts';
import { serveStackManagedLogin, stackConsole } from './localTools.ts';
import type { LocalOutputs } from './localOutputs.ts';
import { writeOutputs } from './localOutputs.ts';
import { serveAppSync } from './serveAppSync.ts';
import { serveRestApi } from './serveRestApi.ts';
import { stackOutputs } from './stackOutputs.ts';
import { stackGraphqlApi, stackReferences } from './stackReferences.ts';
import { readStackTemplate } from './stackTemplate.ts';
import { startFunctions, startSchedules, startStreamMappings } from './startFunctions.ts';
import { startServices } from './startServices.ts';
import { StopList } from './stopList.ts';

/** Where and how to run. Ports: 0 or absent picks a free one. */
export interface LocalStackOptions {
  cdkOutDir: string;
  dataDir: string;
  /** Wipe the services' data (tables, users, objects) before starting. */
  fresh?: boolean;
  /** The address every service listens on: 127.0.0.1 unless opened deliberately (npm start -- --host). */
  host?: string;
  ports?: {
    api?: number;
    dynamoDb?: number;
    cognito?: number;
    s3?: number;
    lambda?: number;
    rest?: number;
    /** The user pool's domain (managed login) and the stand-in identity providers, when the template has a domain. */
    oauth?: number;
    identityProviders?: number;
  };
  /** Lambda functions' own log lines: shown (npm start) or dropped (tests, the default). */
  lambdaLogs?: 'inherit' | 'ignore';
  requestLog?: RequestLogSink;
  /** Where every local server reports the emulator's own faults (default: stderr). */
  faults?: InternalFaultSink;
  /** Run the template's scheduled rules on their rate (npm start); off by default (tests invoke them). */
  schedules?: boolean;
}

/** A running local stack. */
export interface LocalStack {
  outputs: LocalOutputs;
  outputsFile: string;
  api: ApiDefinition;
  engine: AppSyncEngine;
  stop(): Promise<void>;
}

/**
 * Starts every service the template needs and serves its GraphQL API (HTTP, HTTPS, real-time), its
 * functions and stream mappings, and its HTTP API; resolves when all are ready. A failed start
 * stops whatever did start before rejecting.
 */
export async function createLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const host = options.host ?? '127.0.0.1';
  const ports = options.ports ?? {};
  const stack = readStackTemplate(options.cdkOutDir);
  const faults = options.faults ?? stderrFaults;
  const stops = new StopList(faults);
  try {
    const services = await startServices(
      stack,
      { dataDir: options.dataDir, host, ports, fresh: options.fresh, faults },
      stops,
    );
    const endpoint = await listenGraphqlEndpoint(
      { host, port: ports.api ?? 0, certificate: services.certificate },
      stops,
    );
    const graphqlUrl = `http://${urlHost(host)}:${endpoint.port}/graphql`;
    const refs = await stackReferences(stack, services, graphqlUrl);
    const api = stackGraphqlApi(stack, refs, services.s3.endpoint);

    const appSyncEndpoint = new URL(graphqlUrl).origin;
    const runner = startFunctions(stack, refs, services, appSyncEndpoint, options.lambdaLogs ?? 'ignore', stops);
    await startStreamMappings(stack, refs, services.dynamoDb.endpoint, runner, stops);
    if (options.schedules) startSchedules(stack, runner, stops);
    const requestLog = options.requestLog ?? silentRequestLog;
    const engine = serveAppSync(api, { services, runner }, endpoint, { requestLog, faults }, stops, (built) =>
      stackConsole(stack, services, api, built, stops),
    );
    const rest = await serveRestApi({
      template: stack.template,
      refs,
      runner,
      userPool: services.userPool,
      host,
      port: ports.rest ?? 0,
      faults,
    });
    if (rest) stops.add(rest.close);
    const managedLogin = await serveStackManagedLogin(
      stack,
      { services, runner },
      { host, ports: { domain: ports.oauth, identityProviders: ports.identityProviders } },
      stops,
    );

    const listeners = { host, apiPort: endpoint.port, restPort: rest?.port };
    const outputs = { ...stackOutputs(stack, services, api, listeners, options.dataDir), ...managedLogin };
    const outputsFile = writeOutputs(options.dataDir, outputs);
    return { outputs, outputsFile, api, engine, stop: () => stops.stopAll() };
  } catch (error) {
    await stops.stopAll();
    throw error;
  }
}
