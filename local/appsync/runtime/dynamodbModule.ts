// `@aws-appsync/utils/dynamodb`: helpers that build the request objects a DynamoDB data source
// receives (docs/appsync-facts.md §2.1). Shapes follow AWS's recorded EvaluateCode outputs where they exist.
import { isPlainObject, toBinarySet, toDynamoDB, toMapValues, toNumberSet, toStringSet } from './util/dynamodb.ts';
import type { AttributeValue } from './util/dynamodb.ts';
import { usageError } from './util/errors.ts';
import { renderDynamoDBExpression } from './util/transform.ts';

export interface ExpressionObject {
  expression: string;
  expressionNames?: Record<string, string>;
  expressionValues?: Record<string, AttributeValue>;
}

const OPERATION_TYPES = new Set([
  'OPERATION_ADD',
  'OPERATION_REPLACE',
  'OPERATION_INCREMENT',
  'OPERATION_DECREMENT',
  'OPERATION_APPEND',
  'OPERATION_PREPEND',
  'OPERATION_REMOVE',
]);

// updateListItem markers have no enumerable keys on AWS (recorded), so their data lives here.
const listItemUpdates = new WeakMap<object, { payload: unknown; index: number }>();

/** The `operations` export: markers recorded from AWS as {type:"OPERATION_…", value|by|items}. */
export const operations = {
  add: (value: unknown) => ({ type: 'OPERATION_ADD', value }),
  replace: (value: unknown) => ({ type: 'OPERATION_REPLACE', value }),
  increment: (by?: number) => ({ type: 'OPERATION_INCREMENT', by }),
  decrement: (by?: number) => ({ type: 'OPERATION_DECREMENT', by }),
  append: (items: unknown[]) => ({ type: 'OPERATION_APPEND', items }),
  prepend: (items: unknown[]) => ({ type: 'OPERATION_PREPEND', items }),
  // The marker's shape is not recorded [?]; only its meaning (REMOVE) matters.
  remove: () => ({ type: 'OPERATION_REMOVE' }),
  updateListItem: (payload: unknown, index: number) => {
    const marker = {};
    listItemUpdates.set(marker, { payload, index: Number(index) });
    return marker;
  },
};

function isOperation(v: unknown): v is { type: string; value?: unknown; by?: unknown; items?: unknown } {
  return isPlainObject(v) && typeof v.type === 'string' && OPERATION_TYPES.has(v.type);
}

/** Drops empty name/value maps: DynamoDB rejects empty ExpressionAttribute* maps [?]. */
function compact(rendered: {
  expression: string;
  expressionNames: Record<string, string>;
  expressionValues: Record<string, AttributeValue>;
}): ExpressionObject {
  const out: ExpressionObject = { expression: rendered.expression };
  if (Object.keys(rendered.expressionNames).length > 0) out.expressionNames = rendered.expressionNames;
  if (Object.keys(rendered.expressionValues).length > 0) out.expressionValues = rendered.expressionValues;
  return out;
}

/** Renders a filter/condition object like util.transform.toDynamoDBConditionExpression, as an object. */
function renderCondition(filter: unknown, what: string): ExpressionObject | undefined {
  if (filter === undefined || filter === null) return undefined;
  const rendered = renderDynamoDBExpression(filter);
  if (rendered === null)
    throw usageError(`${what} cannot be rendered as a DynamoDB expression: ${JSON.stringify(filter)}`);
  // An empty filter object means "no filter"; DynamoDB rejects an empty expression.
  if (rendered.expression === '') return undefined;
  return compact(rendered);
}

type PathSegment = string | number;
interface UpdateClause {
  keyword: 'SET' | 'REMOVE';
  render: (path: (p: PathSegment[]) => string, value: (v: unknown) => string) => string;
}

/** Builds the update expression; placeholders #expName_N/:expValue_N count from 1 in output order (SET before REMOVE). */
function renderUpdate(update: unknown): ExpressionObject {
  if (!isPlainObject(update)) throw usageError('update: `update` must be an object of attribute updates');
  const clauses: UpdateClause[] = [];
  const walk = (obj: Record<string, unknown>, prefix: PathSegment[]) => {
    for (const [key, v] of Object.entries(obj)) {
      if (v === undefined) continue;
      const p = [...prefix, key];
      if (isOperation(v)) {
        switch (v.type) {
          case 'OPERATION_ADD':
          case 'OPERATION_REPLACE':
            clauses.push({ keyword: 'SET', render: (n, val) => `${n(p)} = ${val(v.value)}` });
            break;
          case 'OPERATION_INCREMENT':
          case 'OPERATION_DECREMENT': {
            const sign = v.type === 'OPERATION_INCREMENT' ? '+' : '-';
            // increment() / decrement() with no argument move by 1.
            clauses.push({ keyword: 'SET', render: (n, val) => `${n(p)} = ${n(p)} ${sign} ${val(v.by ?? 1)}` });
            break;
          }
          case 'OPERATION_APPEND':
            clauses.push({ keyword: 'SET', render: (n, val) => `${n(p)} = list_append(${n(p)}, ${val(v.items)})` });
            break;
          case 'OPERATION_PREPEND':
            clauses.push({ keyword: 'SET', render: (n, val) => `${n(p)} = list_append(${val(v.items)}, ${n(p)})` });
            break;
          default:
            clauses.push({ keyword: 'REMOVE', render: (n) => n(p) });
        }
      } else if (
        Array.isArray(v) &&
        v.length > 0 &&
        v.every((item) => isPlainObject(item) && listItemUpdates.has(item))
      ) {
        for (const marker of v) {
          const { payload, index } = listItemUpdates.get(marker as object)!;
          clauses.push({ keyword: 'SET', render: (n, val) => `${n([...p, index])} = ${val(payload)}` });
        }
      } else if (isPlainObject(v)) {
        // A bare object updates only the keys it names; operations.replace swaps the whole value [T].
        walk(v, p);
      } else {
        clauses.push({ keyword: 'SET', render: (n, val) => `${n(p)} = ${val(v)}` });
      }
    }
  };
  walk(update, []);

  const expressionNames: Record<string, string> = {};
  const nameFor = new Map<string, string>();
  const expressionValues: Record<string, AttributeValue> = {};
  const path = (segments: PathSegment[]) =>
    segments
      .map((s, i) => {
        if (typeof s === 'number') return `[${s}]`;
        let placeholder = nameFor.get(s);
        if (!placeholder) {
          placeholder = `#expName_${nameFor.size + 1}`;
          nameFor.set(s, placeholder);
          expressionNames[placeholder] = s;
        }
        return i === 0 ? placeholder : `.${placeholder}`;
      })
      .join('');
  const value = (v: unknown) => {
    const placeholder = `:expValue_${Object.keys(expressionValues).length + 1}`;
    expressionValues[placeholder] = toDynamoDB(v);
    return placeholder;
  };
  const parts: string[] = [];
  for (const keyword of ['SET', 'REMOVE'] as const) {
    const rendered = clauses.filter((c) => c.keyword === keyword).map((c) => c.render(path, value));
    if (rendered.length > 0) parts.push(`${keyword} ${rendered.join(', ')}`);
  }
  return compact({ expression: parts.join(' '), expressionNames, expressionValues });
}

/** Renders a projection list to {expression, expressionNames}; dotted entries become nested paths [?]. */
function renderProjection(projection: unknown): ExpressionObject | undefined {
  if (projection === undefined || projection === null) return undefined;
  if (!Array.isArray(projection)) throw usageError('projection must be a list of attribute names');
  const expressionNames: Record<string, string> = {};
  const nameFor = new Map<string, string>();
  const expression = projection
    .map((entry) =>
      String(entry)
        .split('.')
        .map((segment) => {
          let placeholder = nameFor.get(segment);
          if (!placeholder) {
            placeholder = `#projection_${nameFor.size}`;
            nameFor.set(segment, placeholder);
            expressionNames[placeholder] = segment;
          }
          return placeholder;
        })
        .join('.'),
    )
    .join(', ');
  return { expression, expressionNames };
}

const KEY_COMPARISONS: Record<string, string> = { eq: '=', lt: '<', le: '<=', gt: '>', ge: '>=' };

/** Renders a key condition such as {pk:{eq:…}, sk:{beginsWith:…}}; the exact AWS text is [?]. */
function renderKeyCondition(query: unknown): ExpressionObject {
  if (!isPlainObject(query))
    throw usageError('query: `query` must be a key condition object such as { id: { eq: value } }');
  const expressionNames: Record<string, string> = {};
  const expressionValues: Record<string, AttributeValue> = {};
  const parts: string[] = [];
  for (const [field, ops] of Object.entries(query)) {
    if (!isPlainObject(ops)) throw usageError(`query: the key condition on ${field} must be an operator object`);
    const name = `#${field}`;
    expressionNames[name] = field;
    for (const [op, v] of Object.entries(ops)) {
      const placeholder = `:${field}_${op}`;
      if (Object.hasOwn(KEY_COMPARISONS, op)) {
        expressionValues[placeholder] = toDynamoDB(v);
        parts.push(`${name} ${KEY_COMPARISONS[op]} ${placeholder}`);
      } else if (op === 'beginsWith') {
        expressionValues[placeholder] = toDynamoDB(v);
        parts.push(`begins_with(${name}, ${placeholder})`);
      } else if (op === 'between' && Array.isArray(v) && v.length >= 2) {
        expressionValues[`${placeholder}_start`] = toDynamoDB(v[0]);
        expressionValues[`${placeholder}_end`] = toDynamoDB(v[1]);
        parts.push(`${name} BETWEEN ${placeholder}_start AND ${placeholder}_end`);
      } else {
        throw usageError(`query: key conditions support eq, lt, le, gt, ge, between and beginsWith, not ${op}`);
      }
    }
  }
  return { expression: parts.join(' AND '), expressionNames, expressionValues };
}

const input = (payload: unknown, helper: string): Record<string, unknown> => {
  if (!isPlainObject(payload)) throw usageError(`${helper}: expects an input object`);
  return payload;
};

const keyOf = (value: unknown, helper: string) => {
  const key = toMapValues(value);
  if (key === null) throw usageError(`${helper}: \`key\` must be an object`);
  return key;
};

/** Copies the optional fields that are set (not undefined or null) onto a request. */
function withOptional(
  target: Record<string, unknown>,
  source: Record<string, unknown>,
  fields: string[],
): Record<string, unknown> {
  for (const f of fields) if (source[f] !== undefined && source[f] !== null) target[f] = source[f];
  return target;
}

const VERSIONING = ['customPartitionKey', 'populateIndexFields', '_version'];

function setIfDefined(target: Record<string, unknown>, field: string, value: unknown): void {
  if (value !== undefined) target[field] = value;
}

/** get({key, consistentRead?, projection?}) → GetItem request. */
export function get(payload: unknown): Record<string, unknown> {
  const p = input(payload, 'get');
  const out = withOptional({ operation: 'GetItem', key: keyOf(p.key, 'get') }, p, ['consistentRead']);
  setIfDefined(out, 'projection', renderProjection(p.projection));
  return out;
}

/** put({key, item, condition?, …}) → PutItem request with attributeValues. */
export function put(payload: unknown): Record<string, unknown> {
  const p = input(payload, 'put');
  const out: Record<string, unknown> = {
    operation: 'PutItem',
    key: keyOf(p.key, 'put'),
    attributeValues: toMapValues(p.item ?? {}),
  };
  setIfDefined(out, 'condition', renderCondition(p.condition, 'put: condition'));
  return withOptional(out, p, VERSIONING);
}

/** remove({key, condition?, …}) → DeleteItem request. */
export function remove(payload: unknown): Record<string, unknown> {
  const p = input(payload, 'remove');
  const out: Record<string, unknown> = { operation: 'DeleteItem', key: keyOf(p.key, 'remove') };
  setIfDefined(out, 'condition', renderCondition(p.condition, 'remove: condition'));
  return withOptional(out, p, VERSIONING);
}

/** update({key, update, condition?, …}) → UpdateItem request. */
export function update(payload: unknown): Record<string, unknown> {
  const p = input(payload, 'update');
  const out: Record<string, unknown> = {
    operation: 'UpdateItem',
    key: keyOf(p.key, 'update'),
    update: renderUpdate(p.update),
  };
  setIfDefined(out, 'condition', renderCondition(p.condition, 'update: condition'));
  return withOptional(out, p, VERSIONING);
}

const READ_OPTIONS = [
  'index',
  'limit',
  'nextToken',
  'scanIndexForward',
  'consistentRead',
  'select',
  'totalSegments',
  'segment',
];

/** query({query, filter?, index?, …}) → Query request. */
export function query(payload: unknown): Record<string, unknown> {
  const p = input(payload, 'query');
  const out: Record<string, unknown> = { operation: 'Query', query: renderKeyCondition(p.query) };
  setIfDefined(out, 'filter', renderCondition(p.filter, 'query: filter'));
  setIfDefined(out, 'projection', renderProjection(p.projection));
  return withOptional(out, p, READ_OPTIONS);
}

/** scan({filter?, index?, limit?, …}) → Scan request. */
export function scan(payload: unknown): Record<string, unknown> {
  const p = input(payload ?? {}, 'scan');
  const out: Record<string, unknown> = { operation: 'Scan' };
  setIfDefined(out, 'filter', renderCondition(p.filter, 'scan: filter'));
  setIfDefined(out, 'projection', renderProjection(p.projection));
  return withOptional(out, p, READ_OPTIONS);
}

/** sync({basePartitionKey?, deltaIndexName?, limit?, nextToken?, lastSync?, filter?}) → Sync request (availability on AWS is [?]). */
export function sync(payload: unknown): Record<string, unknown> {
  const p = input(payload ?? {}, 'sync');
  const out: Record<string, unknown> = { operation: 'Sync' };
  setIfDefined(out, 'filter', renderCondition(p.filter, 'sync: filter'));
  return withOptional(out, p, ['basePartitionKey', 'deltaIndexName', 'limit', 'nextToken', 'lastSync']);
}

const tablesOf = (p: Record<string, unknown>, helper: string): Record<string, unknown> => {
  if (!isPlainObject(p.tables)) throw usageError(`${helper}: \`tables\` must be an object keyed by table name`);
  return p.tables;
};

const listOf = (value: unknown, helper: string, table: string): unknown[] => {
  if (!Array.isArray(value)) throw usageError(`${helper}: the entry for table ${table} must be a list`);
  return value;
};

/** batchGet({tables:{T:{keys, consistentRead?, projection?}}}) → BatchGetItem request. */
export function batchGet(payload: unknown): Record<string, unknown> {
  const p = input(payload, 'batchGet');
  const tables: Record<string, unknown> = {};
  for (const [table, spec] of Object.entries(tablesOf(p, 'batchGet'))) {
    if (!isPlainObject(spec))
      throw usageError(`batchGet: the entry for table ${table} must be {keys, consistentRead?, projection?}`);
    const out = withOptional({ keys: listOf(spec.keys, 'batchGet', table).map((k) => keyOf(k, 'batchGet')) }, spec, [
      'consistentRead',
    ]);
    setIfDefined(out, 'projection', renderProjection(spec.projection));
    tables[table] = out;
  }
  return { operation: 'BatchGetItem', tables };
}

/** batchPut({tables:{T:[items]}}) → BatchPutItem request. */
export function batchPut(payload: unknown): Record<string, unknown> {
  const p = input(payload, 'batchPut');
  const tables: Record<string, unknown> = {};
  for (const [table, items] of Object.entries(tablesOf(p, 'batchPut'))) {
    tables[table] = listOf(items, 'batchPut', table).map((item) => {
      const typed = toMapValues(item);
      if (typed === null) throw usageError(`batchPut: every item for table ${table} must be an object`);
      return typed;
    });
  }
  return { operation: 'BatchPutItem', tables };
}

/** batchDelete({tables:{T:[keys]}}) → BatchDeleteItem request. */
export function batchDelete(payload: unknown): Record<string, unknown> {
  const p = input(payload, 'batchDelete');
  const tables: Record<string, unknown> = {};
  for (const [table, keys] of Object.entries(tablesOf(p, 'batchDelete'))) {
    tables[table] = listOf(keys, 'batchDelete', table).map((key) => keyOf(key, 'batchDelete'));
  }
  return { operation: 'BatchDeleteItem', tables };
}

/** transactGet({items:[{table, key, projection?}]}) → TransactGetItems request. */
export function transactGet(payload: unknown): Record<string, unknown> {
  const p = input(payload, 'transactGet');
  if (!Array.isArray(p.items)) throw usageError('transactGet: `items` must be a list');
  const transactItems = p.items.map((item) => {
    const i = input(item, 'transactGet');
    const out: Record<string, unknown> = { table: i.table, key: keyOf(i.key, 'transactGet') };
    setIfDefined(out, 'projection', renderProjection(i.projection));
    return out;
  });
  return { operation: 'TransactGetItems', transactItems };
}

function transactWriteItem(item: unknown): Record<string, unknown> {
  const i = input(item, 'transactWrite');
  const kinds = ['putItem', 'updateItem', 'deleteItem', 'conditionCheck'].filter((k) => isPlainObject(i[k]));
  if (kinds.length !== 1)
    throw usageError('transactWrite: each item needs exactly one of putItem, updateItem, deleteItem or conditionCheck');
  const kind = kinds[0];
  const spec = i[kind] as Record<string, unknown>;
  const what = `transactWrite: ${kind}`;
  const out: Record<string, unknown> = { table: spec.table, key: keyOf(spec.key, what) };
  if (kind === 'putItem') {
    out.operation = 'PutItem';
    out.attributeValues = toMapValues(spec.item ?? {});
  } else if (kind === 'updateItem') {
    out.operation = 'UpdateItem';
    out.update = renderUpdate(spec.update);
  } else {
    out.operation = kind === 'deleteItem' ? 'DeleteItem' : 'ConditionCheck';
  }
  setIfDefined(out, 'condition', renderCondition(spec.condition, `${what} condition`));
  return out;
}

/** transactWrite({items:[{putItem|updateItem|deleteItem|conditionCheck}]}) → TransactWriteItems request. */
export function transactWrite(payload: unknown): Record<string, unknown> {
  const p = input(payload, 'transactWrite');
  if (!Array.isArray(p.items)) throw usageError('transactWrite: `items` must be a list');
  return { operation: 'TransactWriteItems', transactItems: p.items.map(transactWriteItem) };
}

/** Creates the `@aws-appsync/utils/dynamodb` module exports. */
export function createDynamoDBModule(): Record<string, unknown> {
  return {
    get,
    put,
    remove,
    update,
    operations,
    query,
    scan,
    sync,
    batchGet,
    batchPut,
    batchDelete,
    transactGet,
    transactWrite,
    toStringSet,
    toNumberSet,
    toBinarySet,
  };
}
