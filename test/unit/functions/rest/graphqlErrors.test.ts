import { describe, expect, it } from 'vitest';
import { mapGraphqlErrors } from '../../../../functions/rest/graphqlErrors.ts';

describe('AppSync errors → HTTP (docs/architecture.md §4)', () => {
  it('maps our errorTypes one to one and passes their message on', () => {
    const cases: [string, number][] = [
      ['BadRequest', 400],
      ['Unauthorized', 401],
      ['NotFound', 404],
      ['Conflict', 409],
    ];
    for (const [errorType, status] of cases) {
      expect(mapGraphqlErrors(200, [{ message: `m ${errorType}`, errorType }])).toEqual({
        status,
        message: `m ${errorType}`,
        expose: true,
      });
    }
  });

  it("treats a validation error (no errorType) as the caller's bad input", () => {
    const message =
      "Validation error of type WrongType: argument 'input.contentLength' with value 'StringValue{value='x'}' is not a valid 'Int' @ 'createUploadUrl'";
    expect(mapGraphqlErrors(200, [{ message }])).toEqual({ status: 400, message, expose: true });
  });

  it("answers 401 to AppSync's request-level UnauthorizedException", () => {
    expect(mapGraphqlErrors(401, [{ errorType: 'UnauthorizedException', message: 'Token has expired.' }])).toEqual({
      status: 401,
      message: 'Token has expired.',
      expose: true,
    });
  });

  it('hides every other failure behind a 500: data-source and Lambda errors, IAM refusals, unexpected HTTP statuses', () => {
    for (const [status, errors] of [
      [200, [{ errorType: 'DynamoDB:ProvisionedThroughputExceededException', message: 'rate' }]],
      [200, [{ errorType: 'Lambda:Unhandled', message: 'boom' }]],
      [403, [{ errorType: 'AccessDeniedException', message: 'no' }]],
      [502, undefined],
    ] as const) {
      expect(mapGraphqlErrors(status, errors)).toMatchObject({ status: 500, expose: false });
    }
  });

  it('is null for a successful answer', () => {
    expect(mapGraphqlErrors(200, undefined)).toBeNull();
    expect(mapGraphqlErrors(200, [])).toBeNull();
  });
});
