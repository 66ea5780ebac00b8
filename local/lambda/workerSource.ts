// The code each Lambda worker thread runs: the local stand-in for Lambda's Node.js runtime
// interface client. Kept as source text for an `eval` worker so it runs as plain JavaScript under
// any loader (tsx, vitest, node) and never imports the project's TypeScript.
//
// Protocol (structured clone): parent → { id, requestId, event (JSON text), deadline (epoch ms) };
// worker → { id, payload (JSON text) } | { id, error: { errorType, errorMessage, trace }, initFailed },
// plus `initDurationMs` on the invocation that imported the handler (a cold start).
//
// Like the runtime: the handler module is `<module>.js|.mjs|.cjs` in the code folder, imported
// once per environment; a missing file is Runtime.ImportModuleError, a missing export Runtime.HandlerNotFound; a
// thrown error's `name` becomes errorType; the result is JSON-serialized (undefined → null).
export const LAMBDA_WORKER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const { existsSync } = require('node:fs');
const { resolve } = require('node:path');
const { pathToFileURL } = require('node:url');
const { codeDirectory, handler, functionName, arn, memorySize, enableSourceMaps } = workerData;
if (enableSourceMaps) process.setSourceMapsEnabled(true);

function runtimeError(name, message) {
  const error = new Error(message);
  error.name = name;
  return error;
}

let loading;
async function loadHandler() {
  const dot = handler.lastIndexOf('.');
  const modulePath = dot > 0 ? handler.slice(0, dot) : handler;
  const exportName = handler.slice(dot + 1);
  const base = resolve(codeDirectory, modulePath);
  const file = ['.js', '.mjs', '.cjs'].map((extension) => base + extension).find((candidate) => existsSync(candidate));
  if (!file) throw runtimeError('Runtime.ImportModuleError', "Error: Cannot find module '" + modulePath + "'");
  const started = performance.now();
  const module = await import(pathToFileURL(file).href);
  const fn = module[exportName] ?? (module.default ? module.default[exportName] : undefined);
  if (typeof fn !== 'function') throw runtimeError('Runtime.HandlerNotFound', handler + ' is undefined or not exported');
  return { fn, initDurationMs: performance.now() - started };
}

function callHandler(fn, event, context) {
  if (fn.length < 3) return Promise.resolve().then(() => fn(event, context));
  return new Promise((resolveCall, rejectCall) => {
    const settled = fn(event, context, (error, result) => (error ? rejectCall(error) : resolveCall(result)));
    if (settled && typeof settled.then === 'function') settled.then(resolveCall, rejectCall);
  });
}

function toLambdaError(error) {
  if (error instanceof Error) {
    return { errorType: error.name || 'Error', errorMessage: error.message, trace: String(error.stack || '').split('\n') };
  }
  return { errorType: typeof error, errorMessage: String(error), trace: [] };
}

parentPort.on('message', async ({ id, requestId, event, deadline }) => {
  const cold = loading === undefined;
  if (cold) loading = loadHandler();
  let initDurationMs;
  let initialized = false;
  try {
    const loaded = await loading;
    initialized = true;
    if (cold) initDurationMs = loaded.initDurationMs;
    const context = {
      functionName,
      functionVersion: '$LATEST',
      invokedFunctionArn: arn,
      memoryLimitInMB: String(memorySize),
      awsRequestId: requestId,
      logGroupName: '/aws/lambda/' + functionName,
      logStreamName: 'local/[$LATEST]' + requestId.replace(/-/g, ''),
      callbackWaitsForEmptyEventLoop: true,
      getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    };
    const result = await callHandler(loaded.fn, JSON.parse(event), context);
    const payload = JSON.stringify(result === undefined ? null : result);
    parentPort.postMessage({ id, payload, initDurationMs });
  } catch (error) {
    // A failed init leaves the module errored in this thread's module map: the parent discards
    // the environment, and the next invocation initializes a fresh one, as on Lambda.
    parentPort.postMessage({ id, error: toLambdaError(error), initDurationMs, initFailed: !initialized });
  }
});
`;
