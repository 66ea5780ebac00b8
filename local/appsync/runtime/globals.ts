// Builds the APPSYNC_JS globals (`util`, `runtime`, `extensions`) and the `@aws-appsync/utils`
// modules that the sandbox injects into a vm context. Per-call state comes from the invocation.
import type { InvocationSource } from './contract.ts';
import { createDynamoDBModule } from './dynamodbModule.ts';
import { createExtensions } from './extensions.ts';
import { createRuntimeGlobal } from './runtimeGlobal.ts';
import { authTypeOf } from './util/authType.ts';
import { createDynamoDBUtils } from './util/dynamodb.ts';
import { base64Decode, base64Encode, escapeJavaScript, urlDecode, urlEncode } from './util/encoding.ts';
import { createErrorHelpers } from './util/errors.ts';
import { createHttpUtils } from './util/http.ts';
import { byteSource, createIdHelpers } from './util/ids.ts';
import { matches } from './util/matches.ts';
import { createMathUtils } from './util/math.ts';
import { createStrUtils } from './util/str.ts';
import { createTimeUtils } from './util/time.ts';
import { createTransformUtils } from './util/transform.ts';
import { createXmlUtils } from './util/xml.ts';

export interface AppSyncGlobals {
  util: Record<string, unknown>;
  runtime: Record<string, unknown>;
  extensions: Record<string, unknown>;
  modules: Record<string, Record<string, unknown>>;
}

const notSupportedLocally = (name: string) => () => {
  throw new Error(`util.rds.${name} is not supported locally (this emulator has no RDS data source)`);
};

/** Builds the APPSYNC_JS globals; per-call state comes from `invocations.current()`. */
export function createAppSyncGlobals(
  invocations: InvocationSource,
  options: { now?: () => number; random?: () => number } = {},
): AppSyncGlobals {
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const { error, appendError, unauthorized } = createErrorHelpers(invocations);
  const { autoId, autoUlid, autoKsuid } = createIdHelpers({ now, bytes: byteSource(options.random) });
  // Exactly the keys of @aws-appsync/utils 2.1.1; VTL-only helpers (isNull, toJson, …) must stay
  // absent so code AWS rejects fails here too (docs/appsync-facts.md §1.1).
  const util: Record<string, unknown> = {
    escapeJavaScript,
    urlEncode,
    urlDecode,
    base64Encode,
    base64Decode,
    autoId,
    autoUlid,
    autoKsuid,
    unauthorized,
    error,
    appendError,
    matches,
    authType: (): string => authTypeOf(invocations.current().identity),
    time: createTimeUtils(now),
    dynamodb: createDynamoDBUtils(),
    rds: { toJsonString: notSupportedLocally('toJsonString'), toJsonObject: notSupportedLocally('toJsonObject') },
    http: createHttpUtils(invocations),
    xml: createXmlUtils(),
    transform: createTransformUtils(),
    math: createMathUtils(random),
    str: createStrUtils(),
  };
  const runtime = createRuntimeGlobal();
  const extensions = createExtensions(invocations);
  return {
    util,
    runtime,
    extensions,
    modules: {
      '@aws-appsync/utils': { util, runtime, extensions },
      '@aws-appsync/utils/dynamodb': createDynamoDBModule(),
    },
  };
}
