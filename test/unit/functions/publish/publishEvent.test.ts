import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parse } from 'graphql';
import type { FieldNode, OperationDefinitionNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { GraphqlRequest } from '../../../../functions/lib/appsyncClient.ts';
import { PUBLISH_PROFILE_EVENT_MUTATION, publishEvent } from '../../../../functions/publish/publishEvent.ts';

const SCHEMA = readFileSync(resolve(import.meta.dirname, '..', '..', '..', '..', 'schema.graphql'), 'utf8');
const INPUT = {
  username: 'ada',
  kind: 'UPDATED' as const,
  renamedTo: null,
  profile: '{}',
  occurredAt: '2024-01-01T00:00:00.000Z',
};

describe('the publishProfileEvent call', () => {
  it('selects every ProfileEvent field, because subscribers only receive what the mutation selected', () => {
    const block = /type ProfileEvent\b[^{]*\{([\s\S]*?)\n\}/.exec(SCHEMA)?.[1] ?? '';
    const schemaFields = [...block.matchAll(/^\s{2}(\w+)\s*:/gm)].map((m) => m[1]).sort();
    const operation = parse(PUBLISH_PROFILE_EVENT_MUTATION).definitions[0] as OperationDefinitionNode;
    const field = operation.selectionSet.selections[0] as FieldNode;
    expect(field.name.value).toBe('publishProfileEvent');
    expect(field.selectionSet?.selections.map((s) => (s as FieldNode).name.value).sort()).toEqual(schemaFields);
    expect(schemaFields).toHaveLength(5);
  });

  it("signs with the function's IAM role and passes the input as the variable", async () => {
    const sent: GraphqlRequest[] = [];
    await publishEvent(async (request) => {
      sent.push(request);
      return { status: 200, data: { publishProfileEvent: INPUT } };
    }, INPUT);
    expect(sent).toEqual([
      { query: PUBLISH_PROFILE_EVENT_MUTATION, variables: { input: INPUT }, auth: { mode: 'iam' } },
    ]);
  });

  it('fails when AppSync answers with errors or a non-200 status', async () => {
    await expect(
      publishEvent(
        async () => ({
          status: 200,
          data: { publishProfileEvent: null },
          errors: [{ message: 'Not Authorized', errorType: 'Unauthorized' }],
        }),
        INPUT,
      ),
    ).rejects.toThrow(/Unauthorized: Not Authorized/);
    await expect(publishEvent(async () => ({ status: 403, errors: [] }), INPUT)).rejects.toThrow(/HTTP 403/);
  });
});
