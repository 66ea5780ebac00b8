// Route selection as API Gateway HTTP APIs do it: the most specific route wins — literal segments
// over path variables over a greedy {proxy+}, a named method over ANY — and `$default` catches
// whatever no route matches (API Gateway developer guide, "Working with routes for HTTP APIs").
import type { HttpApiRoute } from './definitions.ts';

/** The route a request selected and the path variables it bound. */
export interface RouteMatch {
  route: HttpApiRoute;
  /** Undefined when the route has no path variables (the event then has no pathParameters). */
  pathParameters?: Record<string, string>;
}

type Segment =
  | { kind: 'literal'; text: string }
  | { kind: 'variable'; name: string }
  | { kind: 'greedy'; name: string };

interface Candidate {
  route: HttpApiRoute;
  segments: Segment[];
  pathParameters: Record<string, string>;
}

// Lower sorts first: how specific one segment of a route is.
const SEGMENT_RANK = { literal: 0, variable: 1, greedy: 2 } as const;

/** Picks the route for `method path` (path without the query string, still percent-encoded), or undefined for a 404. */
export function matchRoute(routes: HttpApiRoute[], method: string, path: string): RouteMatch | undefined {
  const requestSegments = path.split('/').slice(1);
  const candidates: Candidate[] = [];
  for (const route of routes) {
    if (route.pathPattern === undefined) continue;
    if (route.method !== 'ANY' && route.method !== method.toUpperCase()) continue;
    const segments = parsePattern(route.pathPattern);
    const pathParameters = bind(segments, requestSegments);
    if (pathParameters) candidates.push({ route, segments, pathParameters });
  }
  candidates.sort(bySpecificity);
  const best = candidates[0];
  if (best) {
    return {
      route: best.route,
      pathParameters: Object.keys(best.pathParameters).length > 0 ? best.pathParameters : undefined,
    };
  }
  const fallback = routes.find((route) => route.routeKey === '$default');
  return fallback ? { route: fallback } : undefined;
}

function parsePattern(pattern: string): Segment[] {
  return pattern
    .split('/')
    .slice(1)
    .map((part): Segment => {
      const variable = /^\{([^}+]+)(\+?)\}$/.exec(part);
      if (!variable) return { kind: 'literal', text: part };
      return variable[2] ? { kind: 'greedy', name: variable[1] } : { kind: 'variable', name: variable[1] };
    });
}

function bind(segments: Segment[], request: string[]): Record<string, string> | undefined {
  const parameters: Record<string, string> = {};
  for (let index = 0; index < segments.length; index += 1) {
    const segment = segments[index];
    if (segment.kind === 'greedy') {
      const rest = request.slice(index);
      if (rest.length === 0 || rest.join('/') === '') return undefined;
      parameters[segment.name] = decode(rest.join('/'));
      return parameters;
    }
    const part = request[index];
    if (part === undefined) return undefined;
    if (segment.kind === 'literal') {
      if (segment.text !== part) return undefined;
    } else {
      if (part === '') return undefined;
      parameters[segment.name] = decode(part);
    }
  }
  return segments.length === request.length ? parameters : undefined;
}

function bySpecificity(a: Candidate, b: Candidate): number {
  const length = Math.max(a.segments.length, b.segments.length);
  for (let index = 0; index < length; index += 1) {
    // A route that ended earlier only matched because the other one is greedy here.
    const rankA = a.segments[index] ? SEGMENT_RANK[a.segments[index].kind] : SEGMENT_RANK.greedy;
    const rankB = b.segments[index] ? SEGMENT_RANK[b.segments[index].kind] : SEGMENT_RANK.greedy;
    if (rankA !== rankB) return rankA - rankB;
  }
  return Number(a.route.method === 'ANY') - Number(b.route.method === 'ANY');
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
