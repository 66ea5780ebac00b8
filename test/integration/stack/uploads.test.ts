// The upload flow over the running stack: createUploadUrl (the presign Lambda behind AppSync),
// a real PUT to s3rver, then the key saved in the profile and the public URL derived from it.
import { describe, expect, inject, it } from 'vitest';
import { graphqlClient } from '../../support/graphqlClient.ts';
import { signUpUser } from '../../support/tokens.ts';

const stack = inject('localStack');
const gql = graphqlClient(stack.graphqlUrl);
const CREATE = `mutation U($input: CreateUploadUrlInput!) {
  createUploadUrl(input: $input) { uploadUrl key url contentType contentLength expiresAt headers { name value } }
}`;
const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

async function uploadUrl(token: string, input: Record<string, unknown>) {
  return gql.post(CREATE, { input }, { authorization: token });
}

describe('uploads', () => {
  it('presigns a PUT under the caller prefix; the upload lands and the profile serves its URL', async () => {
    const user = await signUpUser(stack);
    const res = await uploadUrl(user.accessToken, {
      fileType: 'profile_image',
      contentType: 'image/png',
      contentLength: PNG.length,
      fileExtension: '.png',
    });
    const upload = res.body.data.createUploadUrl;
    expect(upload.key).toMatch(new RegExp(`^users/${user.sub}/profile/[0-9a-f-]{36}\\.png$`));
    expect(upload.headers).toEqual([
      { name: 'Content-Type', value: 'image/png' },
      { name: 'Content-Length', value: String(PNG.length) },
    ]);
    expect(Date.parse(upload.expiresAt) - Date.now()).toBeGreaterThan(4 * 60_000);

    const put = await fetch(upload.uploadUrl, { method: 'PUT', headers: { 'content-type': 'image/png' }, body: PNG });
    expect(put.status).toBe(200);
    const claimed = await gql.post(
      'mutation S($input: ProfileInput!) { saveProfile(input: $input) { avatarUrl } }',
      { input: { username: `pic${user.sub.slice(0, 8)}`, avatarKey: upload.key } },
      { authorization: user.accessToken },
    );
    expect(claimed.body.data.saveProfile.avatarUrl).toBe(upload.url);
    const read = await fetch(upload.url);
    expect(read.status).toBe(200);
    expect(Buffer.from(await read.arrayBuffer())).toEqual(PNG);
  });

  it('storage refuses a PUT whose type, size or signature differs from what was signed', async () => {
    const user = await signUpUser(stack);
    const upload = (
      await uploadUrl(user.accessToken, { fileType: 'resume', contentType: 'application/pdf', contentLength: 4 })
    ).body.data.createUploadUrl;

    const wrongType = await fetch(upload.uploadUrl, {
      method: 'PUT',
      headers: { 'content-type': 'image/png' },
      body: 'abcd',
    });
    const wrongSize = await fetch(upload.uploadUrl, {
      method: 'PUT',
      headers: { 'content-type': 'application/pdf' },
      body: 'abcdefgh',
    });
    const tampered = await fetch(
      upload.uploadUrl.replace(
        /X-Amz-Signature=([0-9a-f])/,
        (_: string, c: string) => `X-Amz-Signature=${c === '0' ? '1' : '0'}`,
      ),
      {
        method: 'PUT',
        headers: { 'content-type': 'application/pdf' },
        body: 'abcd',
      },
    );

    expect([wrongType.status, wrongSize.status, tampered.status]).toEqual([403, 403, 403]);
    expect((await fetch(upload.url)).status).not.toBe(200);
  });

  it.each([
    [{ fileType: 'profile_image', contentType: 'image/gif', contentLength: 10 }, /contentType/],
    [{ fileType: 'resume', contentType: 'image/png', contentLength: 10 }, /contentType/],
    [{ fileType: 'profile_image', contentType: 'image/png', contentLength: 5 * 1024 * 1024 + 1 }, /contentLength/],
    [{ fileType: 'resume', contentType: 'application/pdf', contentLength: 0 }, /contentLength/],
    [
      { fileType: 'profile_image', contentType: 'image/png', contentLength: 10, fileExtension: '.pdf' },
      /fileExtension/,
    ],
  ])('the API refuses %j with BadRequest and signs nothing', async (input, message) => {
    const user = await signUpUser(stack);

    const res = await uploadUrl(user.accessToken, input);

    expect(res.body.data).toEqual({ createUploadUrl: null });
    expect(res.body.errors[0]).toMatchObject({ errorType: 'BadRequest', message: expect.stringMatching(message) });
  });

  it("refuses a profile pointing at another user's upload", async () => {
    const owner = await signUpUser(stack);
    const other = await signUpUser(stack);
    const upload = (
      await uploadUrl(owner.accessToken, { fileType: 'profile_image', contentType: 'image/png', contentLength: 4 })
    ).body.data.createUploadUrl;

    const res = await gql.post(
      'mutation S($input: ProfileInput!) { saveProfile(input: $input) { avatarUrl } }',
      { input: { username: `thief${other.sub.slice(0, 8)}`, avatarKey: upload.key } },
      { authorization: other.accessToken },
    );

    expect(res.body.errors[0]).toMatchObject({ errorType: 'BadRequest', errorInfo: { field: 'input.avatarKey' } });
  });
});
