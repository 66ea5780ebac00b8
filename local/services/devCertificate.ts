// The development TLS certificate: Amplify JS v6 always opens wss://<graphql host>/graphql/realtime
// for a custom endpoint (docs/architecture.md §5), so the local endpoint must answer HTTPS/WSS too.
import { execFile } from 'node:child_process';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';

export interface DevCertificate {
  keyPath: string;
  certPath: string;
  /** PEM. */
  key: string;
  /** PEM; also the CA to trust, since it is self-signed. */
  cert: string;
  /** True when this call generated it. */
  created: boolean;
}

const KEY_FILE = 'localhost-key.pem';
const CERT_FILE = 'localhost-cert.pem';
// Apple platforms refuse TLS server certificates valid for more than 825 days.
const VALIDITY_DAYS = 825;

const run = promisify(execFile);

/** Returns a development certificate for localhost/127.0.0.1, generating it with openssl on first use. */
export async function ensureDevCertificate(dir: string): Promise<DevCertificate> {
  const keyPath = join(dir, KEY_FILE);
  const certPath = join(dir, CERT_FILE);
  const existing = await readPair(keyPath, certPath);
  if (existing !== undefined) return { keyPath, certPath, ...existing, created: false };

  await mkdir(dir, { recursive: true });
  // Generate beside the final names and rename into place, so a crash or a concurrent start never
  // leaves a key without its certificate.
  const suffix = `.${process.pid}.${Date.now()}.tmp`;
  const tempKey = keyPath + suffix;
  const tempCert = certPath + suffix;
  const tempConfig = join(dir, `openssl${suffix}.cnf`);
  try {
    await generate(tempKey, tempCert, tempConfig);
    await rename(tempKey, keyPath);
    await rename(tempCert, certPath);
  } finally {
    await rm(tempKey, { force: true });
    await rm(tempCert, { force: true });
    await rm(tempConfig, { force: true });
  }
  const pair = await readPair(keyPath, certPath);
  if (pair === undefined)
    throw new Error(`The development certificate in ${dir} could not be read back after generating it.`);
  return { keyPath, certPath, ...pair, created: true };
}

async function readPair(keyPath: string, certPath: string): Promise<{ key: string; cert: string } | undefined> {
  try {
    const [key, cert] = await Promise.all([readFile(keyPath, 'utf8'), readFile(certPath, 'utf8')]);
    return { key, cert };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

// A config file rather than `-addext`, which LibreSSL (macOS's openssl) lacks in older versions.
const OPENSSL_CONFIG = `[req]
distinguished_name = dn
x509_extensions = ext
prompt = no
[dn]
CN = localhost
[ext]
subjectAltName = DNS:localhost,IP:127.0.0.1,IP:::1
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
`;

async function generate(keyPath: string, certPath: string, configPath: string): Promise<void> {
  await writeFile(configPath, OPENSSL_CONFIG);
  const args = [
    'req',
    '-x509',
    '-config',
    configPath,
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-sha256',
    '-days',
    String(VALIDITY_DAYS),
    '-keyout',
    keyPath,
    '-out',
    certPath,
  ];
  try {
    await run('openssl', args);
  } catch (error) {
    const failure = error as NodeJS.ErrnoException & { stderr?: string };
    if (failure.code === 'ENOENT') {
      throw new Error(
        'openssl not found: install it (e.g. `apt-get install openssl`, `brew install openssl`) to generate the local HTTPS certificate.',
        { cause: error },
      );
    }
    throw new Error(
      `openssl could not generate the development certificate: ${failure.stderr?.trim() || failure.message}`,
      { cause: error },
    );
  }
}
