import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LOCAL_CREDENTIALS, corsConfigurationXml, localS3ClientConfig, startS3Local } from '../../../local/index.ts';
import type { LocalBucket, RunningS3Local } from '../../../local/index.ts';

const BUCKET = 'prolynk-test-assets';
// The seed's bucket: public reads under the three user folders, CORS for browser uploads.
const BUCKETS: LocalBucket[] = [
  {
    name: BUCKET,
    cors: {
      CorsRules: [
        {
          AllowedOrigins: ['*'],
          AllowedMethods: ['GET', 'PUT', 'POST', 'HEAD'],
          AllowedHeaders: ['*'],
          ExposedHeaders: ['ETag'],
          MaxAge: 3000,
        },
      ],
    },
    publicReadKeyPatterns: ['users/*/profile/*', 'users/*/projects/*', 'users/*/resume/*'],
  },
];
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

function s3Client(
  endpoint: string,
  credentials: { accessKeyId: string; secretAccessKey: string } = { ...LOCAL_CREDENTIALS },
): S3Client {
  return new S3Client({ ...localS3ClientConfig(endpoint), credentials });
}

/** A presigned PUT as the upload Lambda makes it: Content-Type and Content-Length in the signature. */
function presignPut(
  client: S3Client,
  key: string,
  contentType: string,
  contentLength: number,
  options: { signingDate?: Date; expiresIn?: number } = {},
) {
  return getSignedUrl(
    client,
    new PutObjectCommand({ Bucket: BUCKET, Key: key, ContentType: contentType, ContentLength: contentLength }),
    {
      expiresIn: options.expiresIn ?? 300,
      signingDate: options.signingDate,
      signableHeaders: new Set(['content-type', 'content-length']),
    },
  );
}

async function put(url: string, body: Buffer, contentType: string): Promise<{ status: number; text: string }> {
  const response = await fetch(url, { method: 'PUT', body, headers: { 'Content-Type': contentType } });
  return { status: response.status, text: await response.text() };
}

describe('s3rver service', () => {
  let dataDir: string;
  let s3: RunningS3Local;
  let client: S3Client;

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'prolynk-s3-'));
    s3 = await startS3Local({ dataDir, port: 0, buckets: BUCKETS });
    client = s3Client(s3.endpoint);
  });
  afterAll(async () => {
    client.destroy();
    await s3.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('stores and returns an object written with the local credentials', async () => {
    await client.send(
      new PutObjectCommand({ Bucket: BUCKET, Key: 'users/u1/profile/a.txt', Body: 'hello', ContentType: 'text/plain' }),
    );
    const object = await client.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'users/u1/profile/a.txt' }));
    expect(await object.Body?.transformToString()).toBe('hello');
    expect(object.ContentType).toBe('text/plain');
  });

  it("also accepts s3rver's own S3RVER key pair, in any region", async () => {
    const other = new S3Client({
      endpoint: s3.endpoint,
      region: 'eu-west-1',
      forcePathStyle: true,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    await expect(
      other.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'users/u1/profile/b.txt', Body: 'x' })),
    ).resolves.toBeDefined();
    other.destroy();
  });

  it('refuses a request signed with an unknown secret', async () => {
    const wrong = s3Client(s3.endpoint, { ...LOCAL_CREDENTIALS, secretAccessKey: 'not-the-secret' });
    await expect(
      wrong.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'users/u1/profile/c.txt', Body: 'x' })),
    ).rejects.toMatchObject({ name: 'SignatureDoesNotMatch' });
    wrong.destroy();
  });

  it('accepts a presigned PUT with the signed content type and length, and serves the object publicly', async () => {
    const key = 'users/u1/profile/avatar.png';
    const url = await presignPut(client, key, 'image/png', PNG.length);

    const upload = await put(url, PNG, 'image/png');
    const download = await fetch(`${s3.endpoint}/${BUCKET}/${key}`);

    expect(upload.status).toBe(200);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await download.arrayBuffer())).toEqual(PNG);
  });

  it('refuses a presigned PUT whose signature was tampered with', async () => {
    const url = new URL(await presignPut(client, 'users/u1/profile/t.png', 'image/png', PNG.length));
    const signature = url.searchParams.get('X-Amz-Signature') ?? '';
    url.searchParams.set('X-Amz-Signature', (signature[0] === '0' ? '1' : '0') + signature.slice(1));

    const upload = await put(url.toString(), PNG, 'image/png');

    expect(upload.status).toBe(403);
    expect(upload.text).toContain('<Code>SignatureDoesNotMatch</Code>');
  });

  it('refuses an expired presigned PUT', async () => {
    const url = await presignPut(client, 'users/u1/profile/e.png', 'image/png', PNG.length, {
      expiresIn: 60,
      signingDate: new Date(Date.now() - 120_000),
    });

    const upload = await put(url, PNG, 'image/png');

    expect(upload.status).toBe(403);
    expect(upload.text).toContain('<Code>AccessDenied</Code>');
    expect(upload.text).toContain('Request has expired');
  });

  it('refuses a presigned PUT sent with another content type or size than was signed', async () => {
    const url = await presignPut(client, 'users/u1/profile/s.png', 'image/png', PNG.length);

    const otherType = await put(url, PNG, 'image/jpeg');
    const otherSize = await put(url, Buffer.concat([PNG, PNG]), 'image/png');

    expect([otherType.status, otherSize.status]).toEqual([403, 403]);
    expect(otherType.text).toContain('SignatureDoesNotMatch');
    expect(otherSize.text).toContain('SignatureDoesNotMatch');
  });

  it('refuses an unsigned write, as a bucket without public write does', async () => {
    const upload = await put(`${s3.endpoint}/${BUCKET}/users/u1/profile/anonymous.png`, PNG, 'image/png');
    expect(upload.status).toBe(403);
    expect(upload.text).toContain('<Code>AccessDenied</Code>');
  });

  it('serves unsigned reads only under the public key patterns', async () => {
    await client.send(new PutObjectCommand({ Bucket: BUCKET, Key: 'users/u1/private/notes.txt', Body: 'secret' }));
    const hidden = await fetch(`${s3.endpoint}/${BUCKET}/users/u1/private/notes.txt`);
    const listing = await fetch(`${s3.endpoint}/${BUCKET}`);
    expect(hidden.status).toBe(403);
    expect(listing.status).toBe(403);
  });

  it('answers a browser preflight for an upload from the bucket CORS rules', async () => {
    const preflight = await fetch(`${s3.endpoint}/${BUCKET}/users/u1/profile/x.png`, {
      method: 'OPTIONS',
      headers: {
        Origin: 'http://localhost:3000',
        'Access-Control-Request-Method': 'PUT',
        'Access-Control-Request-Headers': 'content-type',
      },
    });
    expect(preflight.status).toBe(200);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('PUT');
  });
});

describe('s3rver persistence', () => {
  it('keeps objects and the bucket across a restart over the same data folder', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'prolynk-s3-'));
    try {
      const first = await startS3Local({ dataDir, buckets: BUCKETS });
      const firstClient = s3Client(first.endpoint);
      await firstClient.send(
        new PutObjectCommand({
          Bucket: BUCKET,
          Key: 'users/u2/resume/cv.pdf',
          Body: 'pdf',
          ContentType: 'application/pdf',
        }),
      );
      firstClient.destroy();
      await first.stop();

      const second = await startS3Local({ dataDir, buckets: BUCKETS });
      const secondClient = s3Client(second.endpoint);
      const object = await secondClient.send(new GetObjectCommand({ Bucket: BUCKET, Key: 'users/u2/resume/cv.pdf' }));
      expect(await object.Body?.transformToString()).toBe('pdf');
      secondClient.destroy();
      await second.stop();
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

describe('corsConfigurationXml', () => {
  it("renders CloudFormation's CORS rules as S3's CORSConfiguration XML", () => {
    const xml = corsConfigurationXml({
      CorsRules: [
        {
          Id: 'uploads',
          AllowedOrigins: ['*'],
          AllowedMethods: ['GET', 'PUT'],
          AllowedHeaders: ['*'],
          ExposedHeaders: ['ETag', 'x-amz-request-id'],
          MaxAge: 3000,
        },
      ],
    });
    expect(xml).toBe(
      '<CORSConfiguration><CORSRule><ID>uploads</ID><AllowedOrigin>*</AllowedOrigin><AllowedMethod>GET</AllowedMethod>' +
        '<AllowedMethod>PUT</AllowedMethod><AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader>' +
        '<ExposeHeader>x-amz-request-id</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds></CORSRule></CORSConfiguration>',
    );
  });
});

describe('s3rver start-up errors', () => {
  it('names the port when it is already taken', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'prolynk-s3-'));
    const first = await startS3Local({ dataDir, buckets: BUCKETS });
    try {
      await expect(startS3Local({ dataDir, port: first.port, buckets: BUCKETS })).rejects.toThrow(
        `s3rver cannot listen on 127.0.0.1:${first.port}: the port is in use.`,
      );
    } finally {
      await first.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
