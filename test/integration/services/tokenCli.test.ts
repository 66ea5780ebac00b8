import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_REGION, ensureUserPool, startCognitoLocal } from '../../../local/index.ts';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const CLI = join(ROOT, 'local', 'cli', 'token.ts');

/** Runs `npm run token -- …` as a user would, from `cwd` (where `.prolynk/` lives). */
async function token(cwd: string, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, [TSX, CLI, ...args], { cwd });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code: number; stdout: string; stderr: string };
    return { code: failure.code, stdout: failure.stdout, stderr: failure.stderr };
  }
}

describe('npm run token', () => {
  let project: string;
  let stop: () => Promise<void>;

  beforeAll(async () => {
    project = await mkdtemp(join(tmpdir(), 'prolynk-token-'));
    const cognito = await startCognitoLocal({ dataDir: join(project, '.prolynk', 'cognito') });
    stop = cognito.stop;
    const pool = await ensureUserPool(cognito.endpoint, {
      name: 'prolynk-token-pool',
      usernameAttributes: ['email'],
      customAttributes: [{ name: 'username', mutable: false }],
      clients: [{ name: 'web', explicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] }],
    });
    await mkdir(join(project, '.prolynk'), { recursive: true });
    await writeFile(
      join(project, '.prolynk', 'outputs.json'),
      JSON.stringify({
        cognitoEndpoint: cognito.endpoint,
        userPoolId: pool.userPoolId,
        userPoolClientId: pool.clients[0]!.clientId,
        region: LOCAL_REGION,
        graphqlUrl: 'http://127.0.0.1:4000/graphql',
      }),
    );
  });
  afterAll(async () => {
    await stop();
    await rm(project, { recursive: true, force: true });
  });

  it('asks for the local stack when it has not been started', async () => {
    const empty = await mkdtemp(join(tmpdir(), 'prolynk-token-empty-'));
    try {
      const result = await token(empty, '--email', 'a@example.com');
      expect(result.code).toBe(1);
      expect(result.stderr.trim()).toBe('Start the local stack first: npm start');
    } finally {
      await rm(empty, { recursive: true, force: true });
    }
  });

  it('creates the user, prints the three tokens, the default password and a curl call with the access token', async () => {
    const result = await token(project, '--email', 'cli@example.com', '--username', 'cli-user');

    expect(result.code).toBe(0);
    const jwts = result.stdout.match(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/gm) ?? [];
    expect(jwts).toHaveLength(3);
    const [idToken, accessToken] = jwts as [string, string];
    const claims = JSON.parse(Buffer.from(idToken.split('.')[1]!, 'base64url').toString()) as Record<string, unknown>;
    expect(claims['custom:username']).toBe('cli-user');
    expect(result.stdout).toMatch(/^Created and signed in cli@example\.com/);
    expect(result.stdout).toContain('Password: Local-Passw0rd!');
    expect(result.stdout).toContain(
      `curl -s http://127.0.0.1:4000/graphql -H 'Content-Type: application/json' -H 'Authorization: ${accessToken}'`,
    );
  });

  it('signs an existing user in again, and refuses the wrong password clearly', async () => {
    await token(project, '--email', 'again@example.com', '--password', 'Mine-Passw0rd!');

    const again = await token(project, '--email', 'again@example.com', '--password', 'Mine-Passw0rd!');
    const wrong = await token(project, '--email', 'again@example.com');

    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/^Signed in again@example\.com/);
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('exists with a different password');
  });

  it('requires --email', async () => {
    const result = await token(project);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--email is required');
  });
});
