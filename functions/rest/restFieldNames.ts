// GraphQL input paths (`input.projects[2].techStack`, camelCase) → the REST body's keys
// (`projects[2].tech_stack`, snake_case), so a resolver's refusal reaches a REST client in the
// body's own terms (docs/rest-contract.md "Our deviations"). Profile fields are named by the field
// table (resolvers/lib/profileFields.ts); simpler inputs by their route's key map.
import type { ProfileInput } from '../../generated/graphql.ts';
import type { ProfileFieldName } from '../../resolvers/lib/profileFields.ts';
import { PROFILE_FIELDS, PROJECT_FIELDS } from '../../resolvers/lib/profileFields.ts';

/** The REST key path for a GraphQL input path, or undefined when the route does not know it. */
export type RestFieldNamer = (graphqlPath: string) => string | undefined;

type Segment = string | number;

/** `input.projects[2].techStack` → ['input', 'projects', 2, 'techStack']. */
function segmentsOf(path: string): Segment[] {
  return path
    .split(/\.|(?=\[)/)
    .map((part) => (/^\[\d+\]$/.test(part) ? Number(part.slice(1, -1)) : part))
    .filter((part) => part !== '');
}

function joinSegments(segments: readonly Segment[]): string {
  return segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** Inputs whose fields map one to one: `input.<name>` (or an argument `<name>`) → `keys[name]`. */
export function keyNamer(keys: Readonly<Record<string, string>>): RestFieldNamer {
  return (path) => {
    const segments = segmentsOf(path);
    const [name, ...rest] = segments[0] === 'input' ? segments.slice(1) : segments;
    if (typeof name !== 'string' || !Object.hasOwn(keys, name)) return undefined;
    return joinSegments([keys[name], ...rest]);
  };
}

/** POST /profiles: fields by the field table, project fields by PROJECT_FIELDS, a social link by its platform. */
export function profileFieldNamer(input: ProfileInput): RestFieldNamer {
  return (path) => {
    const [root, name, index, nested] = segmentsOf(path);
    if (root !== 'input' || typeof name !== 'string' || !Object.hasOwn(PROFILE_FIELDS, name)) return undefined;
    const rest = PROFILE_FIELDS[name as ProfileFieldName].rest;
    if (rest === null || typeof index !== 'number') return rest ?? undefined;
    if (name === 'socialLinks') {
      const platform = input.socialLinks?.[index]?.platform;
      return platform === undefined ? rest : `${rest}.${platform}`;
    }
    if (name === 'projects' && typeof nested === 'string' && Object.hasOwn(PROJECT_FIELDS, nested)) {
      return `${rest}[${index}].${PROJECT_FIELDS[nested as keyof typeof PROJECT_FIELDS].rest}`;
    }
    return joinSegments([rest, index]);
  };
}

// Details that read as a predicate follow the key directly ("bio must have at most 2000 characters").
const PREDICATE = /^(must|is|are|can|cannot|together)\b/;

/** A refusal in REST terms: the REST key, then the resolver's reason for it. */
export function restMessage(restPath: string, detail: string): string {
  return PREDICATE.test(detail) ? `${restPath} ${detail}` : `${restPath}: ${detail}`;
}
