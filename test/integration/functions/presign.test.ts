import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUploadUrl } from '../../../functions/presign/createUploadUrl.ts';
import { s3PresignPut } from '../../../functions/presign/presignPut.ts';
import { createLambdaRunner, startS3Local } from '../../../local/index.ts';
import type { LambdaRunner, RunningS3Local } from '../../../local/index.ts';
import { assetKeyProblem } from '../../../resolvers/lib/assets.ts';
import { bundledFunction, LOCAL_AWS_ENV } from './bundledFunction.ts';

const BUCKET = 'prolynk-presign-test-assets';
const ALICE = '0f8a4c2e-1b7d-4e59-9a63-2d5c8b1e7f40';
const BOB = '7c1e9b3a-5d24-4f8e-b6a0-3e9d2c4f1a85';
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}';
const MIB = 1024 * 1024;

interface Upload {
  uploadUrl: string;
  key: string;
  url: string;
  contentType: string;
  contentLength: number;
  expiresAt: string;
  headers: { name: string; value: string }[];
}
type Result = { ok: true; upload: Upload } | { ok: false; errorType: string; message: string };

describe('presign function (bundled, against s3rver)', () => {
  let dataDir: string;
  let s3: RunningS3Local;
  let runner: LambdaRunner;

  const createUrl = async (input: Record<string, unknown>, sub: string | null = ALICE): Promise<Result> => {
    const outcome = await runner.invoke('PresignFunction', { sub, input });
    if (outcome.error) throw new Error(`${outcome.error.errorType}: ${outcome.error.errorMessage}`);
    return outcome.payload as Result;
  };
  const upload = async (input: Record<string, unknown>, sub = ALICE): Promise<Upload> => {
    const result = await createUrl(input, sub);
    if (!result.ok) throw new Error(`${result.errorType}: ${result.message}`);
    return result.upload;
  };
  const put = async (url: string, body: Buffer, headers: Record<string, string>) => {
    const response = await fetch(url, { method: 'PUT', body, headers });
    return { status: response.status, text: await response.text() };
  };
  const headersOf = (u: Upload) => Object.fromEntries(u.headers.map((h) => [h.name, h.value]));

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'prolynk-presign-s3-'));
    s3 = await startS3Local({
      dataDir,
      buckets: [
        { name: BUCKET, publicReadKeyPatterns: ['users/*/profile/*', 'users/*/projects/*', 'users/*/resume/*'] },
      ],
    });
    runner = createLambdaRunner(
      [
        bundledFunction('PresignFunction', 'presign', {
          S3_BUCKET: BUCKET,
          ASSETS_BASE_URL: `${s3.endpoint}/${BUCKET}`,
        }),
      ],
      {
        envOverrides: { ...LOCAL_AWS_ENV, S3_ENDPOINT: s3.endpoint },
      },
    );
  });
  afterAll(async () => {
    await runner?.close();
    await s3?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('signs a PUT that uploads the file, readable at the returned public url', async () => {
    const started = Date.now();
    const u = await upload({ fileType: 'profile_image', contentType: 'image/png', contentLength: PNG.length });

    const stored = await put(u.uploadUrl, PNG, headersOf(u));
    const download = await fetch(u.url);

    expect(stored.status).toBe(200);
    expect(download.status).toBe(200);
    expect(download.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await download.arrayBuffer())).toEqual(PNG);
    expect(u.url).toBe(`${s3.endpoint}/${BUCKET}/${u.key}`);
    expect(u.headers).toEqual([
      { name: 'Content-Type', value: 'image/png' },
      { name: 'Content-Length', value: String(PNG.length) },
    ]);
    const expiresAt = Date.parse(u.expiresAt);
    expect(expiresAt).toBeGreaterThanOrEqual(started + 300_000 - 1_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 300_000);
  });

  it('puts Content-Type and Content-Length in SignedHeaders, for 300 seconds, with no checksum S3 would enforce', async () => {
    const u = await upload({ fileType: 'resume', contentType: 'application/pdf', contentLength: 1234 });
    const query = new URL(u.uploadUrl).searchParams;

    expect(query.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    expect(query.get('X-Amz-SignedHeaders')?.split(';')).toEqual(['content-length', 'content-type', 'host']);
    expect(query.get('X-Amz-Expires')).toBe('300');
    expect([...query.keys()].filter((name) => /checksum/i.test(name))).toEqual([]);
  });

  it("puts each kind under the caller's own prefix and folder, with the extension of the content type", async () => {
    const avatar = await upload({
      fileType: 'profile_image',
      contentType: 'image/jpeg',
      contentLength: 10,
      fileExtension: '.jpeg',
    });
    const project = await upload({ fileType: 'project_image', contentType: 'image/webp', contentLength: 10 }, BOB);
    const resume = await upload({
      fileType: 'resume',
      contentType: 'application/pdf',
      contentLength: 10,
      fileExtension: 'PDF',
    });

    expect(avatar.key).toMatch(new RegExp(`^users/${ALICE}/profile/${UUID}\\.jpg$`));
    expect(project.key).toMatch(new RegExp(`^users/${BOB}/projects/${UUID}\\.webp$`));
    expect(resume.key).toMatch(new RegExp(`^users/${ALICE}/resume/${UUID}\\.pdf$`));
    expect([
      assetKeyProblem(avatar.key, ALICE, 'profile'),
      assetKeyProblem(project.key, BOB, 'projects'),
      assetKeyProblem(resume.key, ALICE, 'resume'),
    ]).toEqual([null, null, null]);
  });

  it('is refused by the storage when the PUT carries another content type or size than was signed', async () => {
    const u = await upload({ fileType: 'profile_image', contentType: 'image/png', contentLength: PNG.length });

    const otherType = await put(u.uploadUrl, PNG, { 'Content-Type': 'image/jpeg' });
    const otherSize = await put(u.uploadUrl, Buffer.concat([PNG, PNG]), { 'Content-Type': 'image/png' });

    expect([otherType.status, otherSize.status]).toEqual([403, 403]);
    expect(otherType.text).toContain('SignatureDoesNotMatch');
    expect(otherSize.text).toContain('SignatureDoesNotMatch');
  });

  it('is refused by the storage when the signature or the key was tampered with', async () => {
    const u = await upload({ fileType: 'profile_image', contentType: 'image/png', contentLength: PNG.length });
    const tampered = new URL(u.uploadUrl);
    const signature = tampered.searchParams.get('X-Amz-Signature') ?? '';
    tampered.searchParams.set('X-Amz-Signature', (signature[0] === '0' ? '1' : '0') + signature.slice(1));
    const otherKey = new URL(u.uploadUrl);
    otherKey.pathname = otherKey.pathname.replace(ALICE, BOB);

    const badSignature = await put(tampered.toString(), PNG, headersOf(u));
    const otherUser = await put(otherKey.toString(), PNG, headersOf(u));

    expect([badSignature.status, otherUser.status]).toEqual([403, 403]);
    expect(badSignature.text).toContain('SignatureDoesNotMatch');
    expect(otherUser.text).toContain('SignatureDoesNotMatch');
  });

  it('is refused by the storage once the 5 minutes have passed', async () => {
    // The same business code and presigner as the function, with a clock 6 minutes behind.
    const client = new S3Client({
      endpoint: s3.endpoint,
      forcePathStyle: true,
      region: 'us-east-1',
      credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
      requestChecksumCalculation: 'WHEN_REQUIRED',
    });
    const signedAgo = (ms: number) =>
      createUploadUrl(
        ALICE,
        { fileType: 'profile_image', contentType: 'image/png', contentLength: PNG.length },
        {
          presignPut: s3PresignPut(client, BUCKET),
          assetsBaseUrl: `${s3.endpoint}/${BUCKET}`,
          now: () => new Date(Date.now() - ms),
          newId: () => crypto.randomUUID(),
        },
      );
    const expired = await signedAgo(6 * 60_000);
    const stillValid = await signedAgo(4 * 60_000);

    const late = await put(expired.uploadUrl, PNG, headersOf(expired));
    const inTime = await put(stillValid.uploadUrl, PNG, headersOf(stillValid));
    client.destroy();

    expect(late.status).toBe(403);
    expect(late.text).toContain('Request has expired');
    expect(inTime.status).toBe(200);
  });

  it.each([
    [
      'a content type the seed does not allow',
      { fileType: 'profile_image', contentType: 'image/gif', contentLength: 10 },
      'input.contentType must be one of image/png, image/jpeg, image/jpg, image/webp',
    ],
    [
      'a PDF as a profile image',
      { fileType: 'profile_image', contentType: 'application/pdf', contentLength: 10 },
      'input.contentType',
    ],
    [
      'an image as a resume',
      { fileType: 'resume', contentType: 'image/png', contentLength: 10 },
      'input.contentType must be one of application/pdf',
    ],
    [
      'an unknown file type',
      { fileType: 'video', contentType: 'video/mp4', contentLength: 10 },
      'input.fileType must be one of profile_image, project_image, resume',
    ],
    [
      'an empty file',
      { fileType: 'resume', contentType: 'application/pdf', contentLength: 0 },
      'input.contentLength must be between 1 and',
    ],
    [
      'an image over 5 MiB',
      { fileType: 'project_image', contentType: 'image/png', contentLength: 5 * MIB + 1 },
      'between 1 and 5242880 bytes (5 MiB)',
    ],
    [
      'a PDF over 10 MiB',
      { fileType: 'resume', contentType: 'application/pdf', contentLength: 10 * MIB + 1 },
      'between 1 and 10485760 bytes (10 MiB)',
    ],
    [
      'a fractional size',
      { fileType: 'resume', contentType: 'application/pdf', contentLength: 1.5 },
      'input.contentLength',
    ],
    [
      'an extension contradicting the content type',
      { fileType: 'profile_image', contentType: 'image/jpeg', contentLength: 10, fileExtension: '.png' },
      'input.fileExtension ".png" contradicts input.contentType image/jpeg',
    ],
  ])('refuses %s with BadRequest and signs nothing', async (_case, input, message) => {
    const result = await createUrl(input);

    expect(result).toEqual({ ok: false, errorType: 'BadRequest', message: expect.stringContaining(message) });
  });

  it('accepts the largest allowed sizes exactly: 5 MiB images, 10 MiB PDFs', async () => {
    const image = await createUrl({ fileType: 'profile_image', contentType: 'image/webp', contentLength: 5 * MIB });
    const pdf = await createUrl({ fileType: 'resume', contentType: 'application/pdf', contentLength: 10 * MIB });

    expect([image.ok, pdf.ok]).toEqual([true, true]);
  });

  it('refuses a caller without a sub with Unauthorized', async () => {
    const result = await createUrl({ fileType: 'resume', contentType: 'application/pdf', contentLength: 10 }, null);

    expect(result).toEqual({ ok: false, errorType: 'Unauthorized', message: 'An upload needs a signed-in user.' });
  });
});
