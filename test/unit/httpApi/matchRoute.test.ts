import { describe, expect, it } from 'vitest';
import { matchRoute } from '../../../local/httpApi/matchRoute.ts';
import { route } from './support.ts';

// The routes of AWS's "Working with routes for HTTP APIs" precedence example.
const routes = [
  route('GET /pets/dog/1'),
  route('GET /pets/dog/{id}'),
  route('GET /pets/{proxy+}'),
  route('ANY /{proxy+}'),
  route('$default'),
];

describe('matchRoute', () => {
  it('prefers a full literal match over path variables and greedy variables', () => {
    expect(matchRoute(routes, 'GET', '/pets/dog/1')?.route.routeKey).toBe('GET /pets/dog/1');
  });

  it('binds a path variable when no literal route matches', () => {
    const match = matchRoute(routes, 'GET', '/pets/dog/2');
    expect(match?.route.routeKey).toBe('GET /pets/dog/{id}');
    expect(match?.pathParameters).toEqual({ id: '2' });
  });

  it('gives a greedy variable the rest of the path, slashes included', () => {
    const match = matchRoute(routes, 'GET', '/pets/cat/1/toys');
    expect(match?.route.routeKey).toBe('GET /pets/{proxy+}');
    expect(match?.pathParameters).toEqual({ proxy: 'cat/1/toys' });
  });

  it('lets ANY match a method no specific route names', () => {
    expect(matchRoute(routes, 'POST', '/pets/dog/1')?.route.routeKey).toBe('ANY /{proxy+}');
  });

  it('sends what no route matches to $default, without path parameters', () => {
    const match = matchRoute(routes, 'GET', '/');
    expect(match?.route.routeKey).toBe('$default');
    expect(match?.pathParameters).toBeUndefined();
  });

  it('finds nothing (a 404) without a $default route', () => {
    expect(matchRoute([route('GET /profiles/{username}')], 'GET', '/profiles')).toBeUndefined();
    expect(matchRoute([route('GET /profiles/{username}')], 'DELETE', '/profiles/ada')).toBeUndefined();
  });

  it('prefers a named method over ANY on the same path', () => {
    const both = [route('ANY /profile'), route('PUT /profile')];
    expect(matchRoute(both, 'PUT', '/profile')?.route.routeKey).toBe('PUT /profile');
    expect(matchRoute(both, 'GET', '/profile')?.route.routeKey).toBe('ANY /profile');
  });

  it('decodes percent-encoded path parameters and has no parameters for a literal route', () => {
    expect(matchRoute([route('GET /profiles/{username}')], 'GET', '/profiles/ada%20l')?.pathParameters).toEqual({
      username: 'ada l',
    });
    expect(matchRoute([route('GET /profile')], 'GET', '/profile')?.pathParameters).toBeUndefined();
  });

  it('does not let a path variable match an empty segment', () => {
    expect(matchRoute([route('GET /profiles/{username}')], 'GET', '/profiles/')).toBeUndefined();
  });
});
