// Compiles one APPSYNC_JS bundle (esbuild ESM output, `@aws-appsync/utils` external) into request /
// response handlers that run in their own vm realm with only the APPSYNC_JS globals. The realm is
// created once per bundle and reused for every call.
import vm from 'node:vm';
import { createHash } from 'node:crypto';
import { transformSync } from 'esbuild';
import type { InvocationSource } from './contract.ts';
import { CODE_ERRORS_MESSAGE, CodeRejectedError, MAX_CODE_LENGTH } from './codeErrors.ts';
import { lintBundle } from './lintBundle.ts';
import { callerLocation, parseSourceMap } from './logLocation.ts';
import type { SourceMap } from 'node:module';
import { createAppSyncRealm } from './realm.ts';

/** The globals and importable modules a bundle sees (shape of createAppSyncGlobals' result). */
export interface SandboxGlobals {
  util: unknown;
  runtime: unknown;
  extensions: unknown;
  modules: Record<string, unknown>;
}

/** A compiled bundle's exported handlers. */
export interface CompiledHandlers {
  readonly name: string;
  request?(ctx: unknown): unknown;
  response?(ctx: unknown): unknown;
}

/** Where console.log / console.error lines go; without it they are dropped. */
export interface CompileOptions {
  invocations?: InvocationSource;
  /**
   * Log lines as EvaluateCode reports them: each argument as JSON, and where in the code the line
   * was written (`code.js:line:column`).
   */
  evaluateCodeLogs?: boolean;
}

interface CommonJsModule {
  code: string;
  map: SourceMap;
}

const commonJsByHash = new Map<string, CommonJsModule>();

function toCommonJs(code: string, name: string): CommonJsModule {
  const hash = createHash('sha256').update(code).digest('hex');
  const cached = commonJsByHash.get(hash);
  if (cached !== undefined) return cached;
  let output: CommonJsModule;
  try {
    const { code: translated, map } = transformSync(code, {
      format: 'cjs',
      loader: 'js',
      platform: 'neutral',
      logLevel: 'silent',
      sourcemap: 'external',
    });
    output = { code: translated, map: parseSourceMap(map) };
  } catch (error) {
    throw new CodeRejectedError(CODE_ERRORS_MESSAGE, name, [error instanceof Error ? error.message : String(error)]);
  }
  commonJsByHash.set(hash, output);
  return output;
}

/** Compiles an APPSYNC_JS bundle, rejecting what AppSync rejects (length, syntax rules, unknown imports). */
export function compileBundle(
  code: string,
  name: string,
  globals: SandboxGlobals,
  options: CompileOptions = {},
): CompiledHandlers {
  if (code.length > MAX_CODE_LENGTH) {
    // AppSync validates the length of Resolver.code / Function.code on create (API_Resolver, [D]);
    // the wording is AWS's generic constraint message [?].
    throw new CodeRejectedError(
      `1 validation error detected: Value at 'code' failed to satisfy constraint: Member must have length less than or equal to ${MAX_CODE_LENGTH}`,
      name,
    );
  }
  lintBundle(code, name);
  const commonJs = toCommonJs(code, name);
  const fileName = `appsync://${name}.js`;

  const realm = createAppSyncRealm(name, (level, message, jsonMessage) => {
    const invocation = currentInvocation(options.invocations);
    if (!invocation) return;
    if (!options.evaluateCodeLogs) {
      invocation.logs.push({ level, message });
      return;
    }
    const location = callerLocation({ fileName, map: commonJs.map, wrapperLines: 1 });
    invocation.logs.push(location ? { level, message: jsonMessage, location } : { level, message: jsonMessage });
  });
  for (const key of ['util', 'runtime', 'extensions'] as const) {
    Object.defineProperty(realm.context, key, {
      value: globals[key],
      writable: false,
      configurable: false,
      enumerable: false,
    });
  }

  // The module body sees `require`, `module` and `exports` only while it initialises: the handlers
  // run later and must find no CommonJS globals, as in AppSync.
  const wrapper = new vm.Script(
    `(function (exports, require, module) {"use strict";\n${commonJs.code}\n;exports = undefined; require = undefined; module = undefined;})`,
    { filename: fileName },
  );
  const moduleFunction = wrapper.runInContext(realm.context) as (
    exports: unknown,
    require: (id: string) => unknown,
    module: { exports: unknown },
  ) => void;
  const module = { exports: {} as Record<string, unknown> };
  const requireModule = (id: string): unknown => {
    if (Object.prototype.hasOwnProperty.call(globals.modules, id)) return globals.modules[id];
    throw new CodeRejectedError(CODE_ERRORS_MESSAGE, name, [`Cannot find module '${id}'`]);
  };
  moduleFunction(module.exports, requireModule, module);

  const exported = module.exports;
  const handlers: { name: string; request?: (ctx: unknown) => unknown; response?: (ctx: unknown) => unknown } = {
    name,
  };
  if (typeof exported.request === 'function') handlers.request = exported.request as (ctx: unknown) => unknown;
  if (typeof exported.response === 'function') handlers.response = exported.response as (ctx: unknown) => unknown;
  return handlers;
}

function currentInvocation(invocations: InvocationSource | undefined) {
  if (!invocations) return undefined;
  try {
    return invocations.current();
  } catch {
    // console.log at module scope runs while no handler is active: nothing to attach it to.
    return undefined;
  }
}
