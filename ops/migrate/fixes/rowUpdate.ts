// A planned change to one row, as data: what to SET, what to set only where it is missing, what
// to REMOVE (attribute paths), rendered into one UpdateItem expression with its own placeholders.
import { marshall } from '@aws-sdk/util-dynamodb';
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

/** The changes for one row; empty when the row needs none. */
export interface RowUpdate {
  set: Record<string, unknown>;
  /** SET a = if_not_exists(a, v): never overwrites a value written concurrently. */
  setIfMissing: Record<string, unknown>;
  /** Attribute paths, e.g. ["social_links", "twitter"]. */
  remove: string[][];
}

/** An update that changes nothing. */
export function noUpdate(): RowUpdate {
  return { set: {}, setIfMissing: {}, remove: [] };
}

/** True when `update` changes nothing. */
export function isEmpty(update: RowUpdate): boolean {
  return (
    Object.keys(update.set).length === 0 && Object.keys(update.setIfMissing).length === 0 && update.remove.length === 0
  );
}

/** The UpdateItem pieces for `update` (placeholders #u0…, :u0…). */
export function renderUpdate(update: RowUpdate): {
  UpdateExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues?: Record<string, AttributeValue>;
} {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  const nameOf = (attribute: string) => {
    const existing = Object.entries(names).find(([, n]) => n === attribute);
    if (existing) return existing[0];
    const placeholder = `#u${Object.keys(names).length}`;
    names[placeholder] = attribute;
    return placeholder;
  };
  const valueOf = (value: unknown) => {
    const placeholder = `:u${Object.keys(values).length}`;
    values[placeholder] = value;
    return placeholder;
  };
  const sets = [
    ...Object.entries(update.set).map(([a, v]) => `${nameOf(a)} = ${valueOf(v)}`),
    ...Object.entries(update.setIfMissing).map(([a, v]) => `${nameOf(a)} = if_not_exists(${nameOf(a)}, ${valueOf(v)})`),
  ];
  const removes = update.remove.map((path) => path.map(nameOf).join('.'));
  const clauses = [sets.length ? `SET ${sets.join(', ')}` : '', removes.length ? `REMOVE ${removes.join(', ')}` : ''];
  return {
    UpdateExpression: clauses.filter(Boolean).join(' '),
    ExpressionAttributeNames: names,
    ...(Object.keys(values).length
      ? { ExpressionAttributeValues: marshall(values, { removeUndefinedValues: true }) }
      : {}),
  };
}
