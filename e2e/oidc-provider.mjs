// A real OpenID provider for Stige's tests: the certified `oidc-provider`
// package, on 127.0.0.1 (port from PORT, 0 = any), with one confidential
// client and three users. Prints `ISSUER=<url>` once it listens.
//
//   OIDC_CLIENT_ID, OIDC_CLIENT_SECRET   the client Stige signs in as
//   OIDC_REDIRECT_URIS                   comma-separated callback URLs
//
// Users (password = username + "-password"): kari (groups: stige-coordinators),
// ola (stige-admins), per (kitchen: no role in Stige).
//
// Besides the provider's own endpoints:
//   GET  /interaction/:uid        a sign-in form (username, password)
//   POST /interaction/:uid/login  checks it and finishes the interaction
//   POST /test/rotate             a new signing key (the old one is gone)
//   POST /test/redirect-uris      the client's callback URLs (body: comma-separated),
//                                 for a Stige started after the provider
//   GET  /other-issuer/.well-known/openid-configuration
//        this provider's metadata claiming another issuer: tokens from here
//        are then "from another issuer" for whoever trusts that one
import http from 'node:http';
import crypto from 'node:crypto';
import Provider from 'oidc-provider';

const USERS = {
  kari: { name: 'Kari Nordmann', email: 'kari@kommune.test', groups: ['stige-coordinators'] },
  ola: { name: 'Ola Nordmann', email: 'ola@kommune.test', groups: ['stige-admins', 'staff'] },
  per: { name: 'Per Hansen', email: 'per@kommune.test', groups: ['kitchen'] },
};

const clientId = process.env.OIDC_CLIENT_ID ?? 'stige';
const clientSecret = process.env.OIDC_CLIENT_SECRET ?? 'stige-test-secret';
let redirectUris = (process.env.OIDC_REDIRECT_URIS ?? '').split(',').filter(Boolean);

function signingKey() {
  const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...privateKey.export({ format: 'jwk' }), kid: crypto.randomUUID(), use: 'sig', alg: 'RS256' };
}

function makeProvider(issuer) {
  const provider = new Provider(issuer, {
    clients: [{
      client_id: clientId,
      client_secret: clientSecret,
      redirect_uris: redirectUris,
      grant_types: ['authorization_code'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
    }],
    jwks: { keys: [signingKey()] },
    cookies: { keys: [crypto.randomBytes(16).toString('hex')] },
    claims: {
      openid: ['sub'],
      profile: ['name', 'preferred_username', 'groups'],
      email: ['email'],
    },
    // The ID token carries the profile claims (as Entra ID and Keycloak can).
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: false } },
    interactions: { url: (ctx, interaction) => `/interaction/${interaction.uid}` },
    // No consent screen: the client is the organisation's own.
    async loadExistingGrant(ctx) {
      const grant = new ctx.oidc.provider.Grant({
        clientId: ctx.oidc.client.clientId,
        accountId: ctx.oidc.session.accountId,
      });
      grant.addOIDCScope('openid profile email');
      await grant.save();
      return grant;
    },
    async findAccount(ctx, id) {
      const user = USERS[id];
      if (!user) return undefined;
      return {
        accountId: id,
        async claims() {
          return { sub: id, preferred_username: id, ...user };
        },
      };
    },
  });
  return provider;
}

function form(uid, message = '') {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Test identity provider</title></head>
<body><main><h1>Test identity provider</h1>${message ? `<p role="alert">${message}</p>` : ''}
<form method="post" action="/interaction/${uid}/login">
<label for="username">Username</label> <input id="username" name="username" autocomplete="username">
<label for="password">Password</label> <input id="password" name="password" type="password" autocomplete="current-password">
<button type="submit">Sign in</button></form></main></body></html>`;
}

async function readForm(req) {
  let body = '';
  for await (const chunk of req) body += chunk;
  return Object.fromEntries(new URLSearchParams(body));
}

let provider;
let issuer;

const server = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url, issuer);
    const interaction = url.pathname.match(/^\/interaction\/([^/]+)(\/login)?$/);
    if (interaction && req.method === 'GET' && !interaction[2]) {
      const details = await provider.interactionDetails(req, res);
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(form(details.uid));
      return;
    }
    if (interaction && req.method === 'POST' && interaction[2]) {
      const details = await provider.interactionDetails(req, res);
      const { username, password } = await readForm(req);
      if (!USERS[username] || password !== `${username}-password`) {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
        res.end(form(details.uid, 'Wrong username or password.'));
        return;
      }
      await provider.interactionFinished(req, res, { login: { accountId: username } }, { mergeWithLastSubmission: false });
      return;
    }
    if (url.pathname === '/test/rotate' && req.method === 'POST') {
      provider = makeProvider(issuer);
      res.writeHead(204);
      res.end();
      return;
    }
    if (url.pathname === '/test/redirect-uris' && req.method === 'POST') {
      let body = '';
      for await (const chunk of req) body += chunk;
      redirectUris = body.split(',').map((u) => u.trim()).filter(Boolean);
      provider = makeProvider(issuer);
      res.writeHead(204);
      res.end();
      return;
    }
    if (url.pathname === '/other-issuer/.well-known/openid-configuration') {
      const own = await fetch(`${issuer}/.well-known/openid-configuration`).then((r) => r.json());
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ...own, issuer: `${issuer}/other-issuer` }));
      return;
    }
    provider.callback()(req, res);
  } catch (error) {
    res.writeHead(500, { 'content-type': 'text/plain' });
    res.end(String(error));
  }
});

server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => {
  issuer = `http://127.0.0.1:${server.address().port}`;
  provider = makeProvider(issuer);
  console.log(`ISSUER=${issuer}`);
  // Only the issuer goes to stdout, which the test may stop reading.
  console.log = console.info = console.warn = console.error;
});

// Stop with the test that started us.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
