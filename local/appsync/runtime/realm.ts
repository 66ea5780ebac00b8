// A fresh JavaScript realm (node:vm context) shaped like the APPSYNC_JS runtime. Its intrinsics
// are patched inside the realm itself, never the host's: the host process keeps its own Date,
// Promise, JSON.parse and Array.prototype.sort.
import vm from 'node:vm';

/** A patched vm context plus a function that copies host data into it. */
export interface AppSyncRealm {
  context: vm.Context;
  /** Deep-copies JSON-like host data into realm objects, so the realm's patched intrinsics apply to it. */
  adopt(value: unknown): unknown;
}

// Runs inside the realm. docs/appsync-facts.md §3: `Date` is not in the supported list, Promises/async are
// unsupported, JSON.parse returns "" on invalid input instead of throwing, and Array sort takes no
// comparator. WebAssembly, shared memory and weak references are not part of APPSYNC_JS either.
const PATCH_SOURCE = `(function () {
  'use strict';
  const g = globalThis;
  for (const name of ['Date', 'Promise', 'WebAssembly', 'SharedArrayBuffer', 'Atomics', 'FinalizationRegistry', 'WeakRef', 'eval']) {
    delete g[name];
  }
  const nativeParse = JSON.parse;
  Object.defineProperty(JSON, 'parse', {
    value: function parse(text, reviver) {
      try { return nativeParse(text, reviver); } catch (error) { return ''; }
    },
    writable: true, configurable: true, enumerable: false,
  });
  const nativeSort = Array.prototype.sort;
  Object.defineProperty(Array.prototype, 'sort', {
    value: function sort(compareFn) {
      if (compareFn !== undefined) {
        throw new TypeError('Array.prototype.sort does not accept a comparator function in APPSYNC_JS');
      }
      return nativeSort.call(this);
    },
    writable: true, configurable: true, enumerable: false,
  });
  function adopt(value) {
    if (value === null || typeof value !== 'object') return value;
    if (Array.isArray(value)) {
      const copy = [];
      for (const item of value) copy.push(adopt(item));
      return copy;
    }
    const copy = {};
    for (const key of Object.keys(value)) {
      // Assigning "__proto__" would set the copy's prototype; in JSON data it is an ordinary key.
      if (key === '__proto__') Object.defineProperty(copy, key, { value: adopt(value[key]), writable: true, enumerable: true, configurable: true });
      else copy[key] = adopt(value[key]);
    }
    return copy;
  }
  function format(args) {
    const parts = [];
    for (const arg of args) {
      if (typeof arg === 'string') { parts.push(arg); continue; }
      let text;
      try { text = JSON.stringify(arg); } catch (error) { text = undefined; }
      parts.push(text === undefined ? String(arg) : text);
    }
    return parts.join(' ');
  }
  // EvaluateCode shows every argument as JSON ("INFO - code.js:13:5: \"This request is allowed\"").
  function formatJson(args) {
    const parts = [];
    for (const arg of args) {
      let text;
      try { text = JSON.stringify(arg); } catch (error) { text = undefined; }
      parts.push(text === undefined ? String(arg) : text);
    }
    return parts.join(' ');
  }
  function installConsole(sink) {
    const console = {
      log: function log() { sink('log', format(arguments), formatJson(arguments)); },
      error: function error() { sink('error', format(arguments), formatJson(arguments)); },
    };
    Object.defineProperty(g, 'console', { value: console, writable: false, configurable: false, enumerable: false });
  }
  return { adopt: adopt, installConsole: installConsole };
})()`;

const patchScript = new vm.Script(PATCH_SOURCE, { filename: 'appsync-js-realm.js' });

/** Where console output goes: the plain text, and the same arguments each written as JSON. */
export type ConsoleSink = (level: 'log' | 'error', message: string, jsonMessage: string) => void;

/** Creates a realm with APPSYNC_JS intrinsics; console output goes to `sink`. */
export function createAppSyncRealm(name: string, sink: ConsoleSink): AppSyncRealm {
  // codeGeneration.strings=false: eval and the Function constructor throw EvalError inside the realm.
  const context = vm.createContext({}, { name, codeGeneration: { strings: false, wasm: false } });
  const realm = patchScript.runInContext(context) as {
    adopt(value: unknown): unknown;
    installConsole(sink: ConsoleSink): void;
  };
  realm.installConsole(sink);
  return { context, adopt: realm.adopt };
}

let dataRealm: AppSyncRealm | undefined;

/** Copies host data (arguments, data-source results, identity) into a patched realm, shared by all bundles. */
export function adoptIntoSandbox(value: unknown): unknown {
  dataRealm ??= createAppSyncRealm('appsync-data', () => undefined);
  return dataRealm.adopt(value);
}
