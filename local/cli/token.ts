// `npm run token -- --email you@example.com [--password P] [--username alice]`: a signed-in local
// user in one step, for curl users. Needs the stack started by `npm start`.
import './requireNode24.ts';
import { readFile } from 'node:fs/promises';
import { resolve as resolvePath } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_LOCAL_PASSWORD, getLocalTokens } from '../index.ts';
import type { LocalTokens } from '../index.ts';

const OUTPUTS_FILE = resolvePath('.prolynk', 'outputs.json');

interface StackOutputs {
  cognitoEndpoint: string;
  userPoolId: string;
  userPoolClientId: string;
  region: string;
  graphqlUrl?: string;
}

const USAGE = 'Usage: npm run token -- --email you@example.com [--password P] [--username alice]';

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      email: { type: 'string' },
      password: { type: 'string' },
      username: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help === true) {
    console.log(USAGE);
    return;
  }
  if (values.email === undefined) throw new Error(`--email is required.\n${USAGE}`);

  const outputs = await readOutputs();
  const password = values.password ?? DEFAULT_LOCAL_PASSWORD;
  const tokens = await getLocalTokens({
    cognitoEndpoint: outputs.cognitoEndpoint,
    userPoolId: outputs.userPoolId,
    clientId: outputs.userPoolClientId,
    region: outputs.region,
    email: values.email,
    password,
    username: values.username,
  }).catch((error: unknown) => {
    // outputs.json outlives the stack: a refused connection means it is not running now.
    if ((error as NodeJS.ErrnoException).code === 'ECONNREFUSED')
      throw new Error(`The local stack is not running (no Cognito at ${outputs.cognitoEndpoint}): npm start`);
    throw error;
  });
  console.log(formatTokens(values.email, password, values.password === undefined, tokens, outputs.graphqlUrl));
}

async function readOutputs(): Promise<StackOutputs> {
  let text: string;
  try {
    text = await readFile(OUTPUTS_FILE, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new Error('Start the local stack first: npm start');
    throw error;
  }
  const outputs = JSON.parse(text) as Partial<StackOutputs>;
  for (const field of ['cognitoEndpoint', 'userPoolId', 'userPoolClientId', 'region'] as const) {
    if (typeof outputs[field] !== 'string')
      throw new Error(`${OUTPUTS_FILE} has no ${field}; restart the local stack: npm start`);
  }
  return outputs as StackOutputs;
}

/** The CLI's report: who signed in, the three tokens and a curl call ready to paste. */
function formatTokens(
  email: string,
  password: string,
  defaultPassword: boolean,
  tokens: LocalTokens,
  graphqlUrl?: string,
): string {
  const url = graphqlUrl ?? 'http://127.0.0.1:<port>/graphql';
  const body = JSON.stringify({ query: '{ me { userId username email profileComplete } }' });
  return [
    `${tokens.created ? 'Created and signed in' : 'Signed in'} ${email} (sub ${tokens.sub})`,
    `Password: ${password}${defaultPassword ? ' (the local default; pass --password to choose one)' : ''}`,
    '',
    'ID token:',
    tokens.idToken,
    '',
    'Access token:',
    tokens.accessToken,
    '',
    'Refresh token:',
    tokens.refreshToken,
    '',
    'Try it:',
    `curl -s ${url} -H 'Content-Type: application/json' -H 'Authorization: ${tokens.accessToken}' -d '${body}'`,
  ].join('\n');
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exitCode = 1;
});
