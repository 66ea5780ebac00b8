import type { CfnResource } from './cloudFormation.ts';
import { resolveIntrinsics, TemplateResolutionError } from './resolveIntrinsics.ts';
import type { ReferenceResolver } from './resolveIntrinsics.ts';

/** Reads one resource's properties with intrinsics resolved, naming the resource and property on failure. */
export interface PropertyReader {
  /** The resolved property, or undefined when absent. */
  optional<T = unknown>(name: string): T | undefined;
  /** The resolved property; throws naming the resource when absent. */
  required<T = unknown>(name: string): T;
  /** Throws a TemplateResolutionError located at this resource's property. */
  fail(name: string, message: string): never;
}

/** Makes a PropertyReader for one resource of the template. */
export function propertyReader(logicalId: string, resource: CfnResource, resolver: ReferenceResolver): PropertyReader {
  const properties = resource.Properties ?? {};
  const fail = (name: string, message: string): never => {
    throw new TemplateResolutionError(message, {
      resource: `${logicalId} (${resource.Type})`,
      path: `Properties.${name}`,
    });
  };
  const optional = <T>(name: string): T | undefined => {
    if (properties[name] === undefined) return undefined;
    return resolveIntrinsics(properties[name], resolver, {
      resource: `${logicalId} (${resource.Type})`,
      path: `Properties.${name}`,
    }) as T;
  };
  return {
    optional,
    required: <T>(name: string): T => {
      const value = optional<T>(name);
      return value === undefined ? fail(name, 'is required') : value;
    },
    fail,
  };
}
