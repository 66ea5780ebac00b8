/**
 * Maps a reference to its local value: `(logicalId, undefined)` for `Ref` (also pseudo parameters
 * such as `AWS::Region`), `(logicalId, attribute)` for `Fn::GetAtt`. Returns undefined when it
 * has no local value, which resolveIntrinsics reports with the resource and property path.
 */
export type ReferenceResolver = (logicalId: string, attribute: string | undefined) => unknown;

/** Where a value sits in the template, for error messages. */
export interface PropertyLocation {
  resource: string;
  path: string;
}

/** A template value the local runtime cannot turn into a local value. */
export class TemplateResolutionError extends Error {
  constructor(
    message: string,
    readonly location: PropertyLocation,
  ) {
    super(`${location.resource} ${location.path}: ${message}`);
    this.name = 'TemplateResolutionError';
  }
}

// CloudFormation's marker for "leave this property out".
const NO_VALUE = Symbol('AWS::NoValue');

/** Replaces the intrinsic functions CDK emits (Ref, Fn::GetAtt, Fn::Join, Fn::Sub, Fn::Select, Fn::Split) with local values. */
export function resolveIntrinsics(
  value: unknown,
  resolver: ReferenceResolver,
  location: PropertyLocation = { resource: '(template)', path: '' },
): unknown {
  const resolved = resolveValue(value, resolver, location);
  return resolved === NO_VALUE ? undefined : resolved;
}

function resolveValue(value: unknown, resolver: ReferenceResolver, at: PropertyLocation): unknown {
  if (Array.isArray(value)) {
    return value
      .map((item, index) => resolveValue(item, resolver, child(at, `[${index}]`)))
      .filter((item) => item !== NO_VALUE);
  }
  if (typeof value !== 'object' || value === null) return value;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  if (keys.length === 1 && (keys[0] === 'Ref' || keys[0].startsWith('Fn::') || keys[0] === 'Condition')) {
    return resolveFunction(keys[0], record[keys[0]], resolver, child(at, `.${keys[0]}`));
  }
  const result: Record<string, unknown> = {};
  for (const key of keys) {
    const item = resolveValue(record[key], resolver, child(at, at.path ? `.${key}` : key));
    if (item !== NO_VALUE) result[key] = item;
  }
  return result;
}

function resolveFunction(name: string, argument: unknown, resolver: ReferenceResolver, at: PropertyLocation): unknown {
  switch (name) {
    case 'Ref': {
      if (typeof argument !== 'string') throw new TemplateResolutionError('Ref takes a logical ID', at);
      if (argument === 'AWS::NoValue') return NO_VALUE;
      return reference(argument, undefined, resolver, at);
    }
    case 'Fn::GetAtt': {
      const [logicalId, ...attribute] = typeof argument === 'string' ? argument.split('.') : (argument as unknown[]);
      if (typeof logicalId !== 'string' || attribute.length === 0) {
        throw new TemplateResolutionError('Fn::GetAtt takes [logicalId, attribute]', at);
      }
      return reference(logicalId, attribute.map((part) => resolveString(part, resolver, at)).join('.'), resolver, at);
    }
    case 'Fn::Join': {
      const [delimiter, items] = pair(argument, name, at);
      const list = resolveValue(items, resolver, at);
      if (typeof delimiter !== 'string' || !Array.isArray(list))
        throw new TemplateResolutionError('Fn::Join takes [delimiter, list]', at);
      return list.map((item) => scalar(item, at)).join(delimiter);
    }
    case 'Fn::Select': {
      const [index, items] = pair(argument, name, at);
      const list = resolveValue(items, resolver, at);
      const position = Number(resolveValue(index, resolver, at));
      if (!Array.isArray(list) || !Number.isInteger(position) || position < 0 || position >= list.length) {
        throw new TemplateResolutionError('Fn::Select index out of range', at);
      }
      return list[position];
    }
    case 'Fn::Split': {
      const [delimiter, source] = pair(argument, name, at);
      if (typeof delimiter !== 'string') throw new TemplateResolutionError('Fn::Split takes [delimiter, string]', at);
      return resolveString(source, resolver, at).split(delimiter);
    }
    case 'Fn::Sub':
      return substitute(argument, resolver, at);
    default:
      throw new TemplateResolutionError(`${name} is not supported by the local runtime`, at);
  }
}

function substitute(argument: unknown, resolver: ReferenceResolver, at: PropertyLocation): string {
  const [template, variables] = typeof argument === 'string' ? [argument, {}] : pair(argument, 'Fn::Sub', at);
  if (typeof template !== 'string' || typeof variables !== 'object' || variables === null) {
    throw new TemplateResolutionError('Fn::Sub takes a string or [string, variables]', at);
  }
  const values = variables as Record<string, unknown>;
  return template.replace(/\$\{([^}]*)\}/g, (_match, expression: string) => {
    // ${!Literal} writes ${Literal} unchanged.
    if (expression.startsWith('!')) return `\${${expression.slice(1)}}`;
    const name = expression.trim();
    if (name in values) return scalar(resolveValue(values[name], resolver, at), at);
    const dot = name.indexOf('.');
    if (dot > 0 && !name.startsWith('AWS::')) {
      return scalar(reference(name.slice(0, dot), name.slice(dot + 1), resolver, at), at);
    }
    return scalar(reference(name, undefined, resolver, at), at);
  });
}

function reference(
  logicalId: string,
  attribute: string | undefined,
  resolver: ReferenceResolver,
  at: PropertyLocation,
): unknown {
  const value = resolver(logicalId, attribute);
  if (value === undefined) {
    const what = attribute ? `Fn::GetAtt ${logicalId}.${attribute}` : `Ref ${logicalId}`;
    throw new TemplateResolutionError(`${what} has no local value`, at);
  }
  return value;
}

function resolveString(value: unknown, resolver: ReferenceResolver, at: PropertyLocation): string {
  return scalar(resolveValue(value, resolver, at), at);
}

function scalar(value: unknown, at: PropertyLocation): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  throw new TemplateResolutionError(`expected a string, got ${JSON.stringify(value)}`, at);
}

function pair(argument: unknown, name: string, at: PropertyLocation): [unknown, unknown] {
  if (!Array.isArray(argument) || argument.length !== 2)
    throw new TemplateResolutionError(`${name} takes two arguments`, at);
  return [argument[0], argument[1]];
}

function child(at: PropertyLocation, suffix: string): PropertyLocation {
  return { resource: at.resource, path: `${at.path}${suffix}` };
}
