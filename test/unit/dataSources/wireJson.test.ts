import { describe, expect, it } from 'vitest';
import { fromWire, toWire } from '../../../local/appsync/dataSources/wireJson.ts';

describe('DynamoDB JSON on the wire', () => {
  it('sends bytes as base64, wherever they sit in the input', () => {
    const input = {
      Key: { id: { B: Uint8Array.from([1, 2, 255]) } },
      ExpressionAttributeValues: { ':set': { BS: [Buffer.from('a'), Buffer.from('b')] }, ':s': { S: 'text' } },
    };

    expect(JSON.parse(toWire(input))).toEqual({
      Key: { id: { B: 'AQL/' } },
      ExpressionAttributeValues: { ':set': { BS: ['YQ==', 'Yg=='] }, ':s': { S: 'text' } },
    });
  });

  it('reads B and BS values as bytes, and leaves an attribute named "B" an attribute value', () => {
    const output = fromWire(
      JSON.stringify({
        Item: { data: { B: 'AQL/' }, tags: { BS: ['YQ=='] }, B: { S: 'an attribute named B' }, n: { N: '1' } },
      }),
    ) as { Item: Record<string, Record<string, unknown>> };

    expect(output.Item.data.B).toEqual(Buffer.from([1, 2, 255]));
    expect(output.Item.tags.BS).toEqual([Buffer.from('a')]);
    expect(output.Item.B).toEqual({ S: 'an attribute named B' });
    expect(output.Item.n).toEqual({ N: '1' });
  });

  it('parses a body without binary values as plain JSON', () => {
    const body = JSON.stringify({ Items: [{ title: { S: 'has "B" in its text' } }], Count: 1 });

    expect(fromWire(body)).toEqual(JSON.parse(body));
  });
});
