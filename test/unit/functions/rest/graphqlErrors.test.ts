import { describe, expect, it } from 'vitest';
import { mapGraphqlErrors, UNAVAILABLE_MESSAGE, WRONG_TYPE_MESSAGE } from '../../../../functions/rest/graphqlErrors.ts';
import { keyNamer, profileFieldNamer } from '../../../../functions/rest/restFieldNames.ts';
import type { RestFieldNamer } from '../../../../functions/rest/restFieldNames.ts';

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

  it("treats a validation error (no errorType) as the caller's bad input, in plain words", () => {
    for (const message of [
      "Validation error of type WrongType: argument 'input.contentLength' with value 'StringValue{value='x'}' is not a valid 'Int' @ 'createUploadUrl'",
      "Variable 'input' has an invalid value: String cannot represent a non string value: 123",
    ]) {
      expect(mapGraphqlErrors(200, [{ message }])).toEqual({ status: 400, message: WRONG_TYPE_MESSAGE, expose: true });
    }
    expect(WRONG_TYPE_MESSAGE).not.toMatch(/Variable|input|String/);
  });

  it("names the REST body's keys in a BadRequest: the field the resolver names, or input paths in the message", () => {
    const bad = (message: string, field?: string) => [
      { errorType: 'BadRequest', message, ...(field ? { errorInfo: { field } } : {}) },
    ];
    const profile = profileFieldNamer({
      socialLinks: [{ platform: 'github', url: 'ftp://x' }],
      projects: [{ title: 'P', techStack: ['a'] }],
    });
    const cases: [ReturnType<typeof bad>, RestFieldNamer, string][] = [
      [
        bad('input.bio: must have at most 2000 characters', 'input.bio'),
        profile,
        'bio must have at most 2000 characters',
      ],
      [
        bad('input.fullName: must have at most 100 characters', 'input.fullName'),
        profile,
        'full_name must have at most 100 characters',
      ],
      [
        bad('input.projects[0].techStack: at most 20 entries of 1 to 50 characters', 'input.projects[0].techStack'),
        profile,
        'projects[0].tech_stack: at most 20 entries of 1 to 50 characters',
      ],
      [
        bad('input.socialLinks[0].url: must be an http(s) URL', 'input.socialLinks[0].url'),
        profile,
        'social_links.github must be an http(s) URL',
      ],
      [
        bad('input.skills[3]: a skill has 1 to 50 characters', 'input.skills[3]'),
        profile,
        'skills[3]: a skill has 1 to 50 characters',
      ],
      [
        bad('input.linkId: a link id has 1 to 64 letters', 'input.linkId'),
        keyNamer({ linkId: 'link_id' }),
        'link_id: a link id has 1 to 64 letters',
      ],
      [
        bad('linkId: a link id has 1 to 64 letters', 'linkId'),
        keyNamer({ linkId: 'id' }),
        'id: a link id has 1 to 64 letters',
      ],
      [
        bad('input.fileExtension "png" contradicts input.contentType image/jpeg (expected .jpg).'),
        keyNamer({ fileExtension: 'file_extension', contentType: 'content_type' }),
        'file_extension "png" contradicts content_type image/jpeg (expected .jpg).',
      ],
      [
        bad('You can have at most 100 links; delete one first.'),
        keyNamer({}),
        'You can have at most 100 links; delete one first.',
      ],
    ];
    for (const [errors, namer, message] of cases) {
      expect(mapGraphqlErrors(200, errors, namer)).toEqual({ status: 400, message, expose: true });
    }
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
      [
        200,
        [
          {
            errorType: 'DynamoDB:DynamoDbException',
            message: 'One or more parameter values were invalid (Service: DynamoDb, Status Code: 400, Request ID: r)',
          },
        ],
      ],
      [200, [{ errorType: 'DynamoDB:ConditionalCheckFailedException', message: 'The conditional request failed' }]],
      [200, [{ errorType: 'Lambda:Unhandled', message: 'boom' }]],
      [403, [{ errorType: 'AccessDeniedException', message: 'no' }]],
      [502, undefined],
    ] as const) {
      expect(mapGraphqlErrors(status, errors)).toMatchObject({ status: 500, expose: false });
    }
  });

  it('answers 503 when DynamoDB is briefly unavailable or throttling, without its internals', () => {
    for (const error of [
      {
        errorType: 'DynamoDB:DynamoDbException',
        message:
          'Service Unavailable: DynamoDB could not be reached (connect ECONNREFUSED 127.0.0.1:8000) (Service: DynamoDb, Status Code: 503, Request ID: null)',
      },
      {
        errorType: 'DynamoDB:DynamoDbException',
        message: 'Internal error (Service: DynamoDb, Status Code: 500, Request ID: r)',
      },
      {
        errorType: 'DynamoDB:ProvisionedThroughputExceededException',
        message: 'rate (Service: DynamoDb, Status Code: 400)',
      },
      { errorType: 'DynamoDB:ThrottlingException', message: 'slow down' },
    ]) {
      expect(mapGraphqlErrors(200, [error])).toEqual({ status: 503, message: UNAVAILABLE_MESSAGE, expose: true });
    }
    expect(UNAVAILABLE_MESSAGE).not.toMatch(/DynamoDB|ECONNREFUSED|127\.0\.0\.1/);
  });

  it('is null for a successful answer', () => {
    expect(mapGraphqlErrors(200, undefined)).toBeNull();
    expect(mapGraphqlErrors(200, [])).toBeNull();
  });
});
