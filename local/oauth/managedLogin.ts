// The user pool's domain, locally: Cognito's managed-login endpoints (docs: "User pool endpoints
// reference") in front of cognito-local, with external sign-ins through the stand-in identity
// provider (./standInIdp/). Create-only; ./serveManagedLogin.ts binds the ports.
import { Hono } from 'hono';
import type { ManagedLoginContext } from './context.ts';
import { authorizeRoutes } from './routes/authorize.ts';
import { discoveryRoutes } from './routes/discovery.ts';
import { idpResponseRoutes } from './routes/idpResponse.ts';
import { logoutRoutes } from './routes/logout.ts';
import { tokenRoutes } from './routes/token.ts';
import { userInfoRoutes } from './routes/userInfo.ts';

/** The managed-login app for one pool. */
export function createManagedLogin(ctx: ManagedLoginContext): Hono {
  const app = new Hono();
  // Browsers call the token and userInfo endpoints from the app's origin (Amplify does).
  app.use('/oauth2/*', async (c, next) => {
    await next();
    const origin = c.req.header('origin');
    if (origin) c.res.headers.set('access-control-allow-origin', origin);
  });
  app.options('/oauth2/*', (c) =>
    c.body(null, 204, {
      'access-control-allow-origin': c.req.header('origin') ?? '*',
      'access-control-allow-methods': 'GET, POST',
      'access-control-allow-headers': 'authorization, content-type',
    }),
  );
  authorizeRoutes(app, ctx);
  idpResponseRoutes(app, ctx);
  tokenRoutes(app, ctx);
  userInfoRoutes(app, ctx);
  logoutRoutes(app, ctx);
  discoveryRoutes(app, ctx);
  app.onError((error, c) => c.json({ error: 'server_error', error_description: error.message }, 500));
  return app;
}
