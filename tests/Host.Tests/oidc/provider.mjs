// A real OpenID provider (panva's oidc-provider) for the portal's sign-in tests, on loopback only.
// Configured by environment variables set by the test fixture (OidcProviderProcess.cs):
//   OIDC_PORT, OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_REDIRECT_URI (comma-separated), OIDC_POST_LOGOUT_URI,
//   OIDC_STATE_DIR (signing key and cookie secret, kept so a restart is the same provider),
//   OIDC_ACCOUNTS (JSON: login -> { sub, name, email, groups }).
// Its own login page (devInteractions) accepts any password for a known login: the tests exercise the portal, not it.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Provider from 'oidc-provider';

const env = (name) => { const v = process.env[name]; if (!v) throw new Error(`${name} is not set`); return v; };
const stateDir = env('OIDC_STATE_DIR');
mkdirSync(stateDir, { recursive: true });
const stateFile = join(stateDir, 'provider-state.json');
if (!existsSync(stateFile)) {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' };
  writeFileSync(stateFile, JSON.stringify({ jwk, cookieKey: randomBytes(32).toString('hex') }));
}
const state = JSON.parse(readFileSync(stateFile, 'utf8'));
const accounts = JSON.parse(env('OIDC_ACCOUNTS'));

const page = (title, body) => `<!DOCTYPE html><html><head><meta charset="utf-8"><title>${title}</title></head><body>${body}</body></html>`;

const provider = new Provider(env('OIDC_ISSUER'), {
  clients: [{
    client_id: env('OIDC_CLIENT_ID'),
    client_secret: env('OIDC_CLIENT_SECRET'),
    redirect_uris: env('OIDC_REDIRECT_URI').split(','),
    post_logout_redirect_uris: [env('OIDC_POST_LOGOUT_URI')],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  jwks: { keys: [state.jwk] },
  cookies: { keys: [state.cookieKey] },
  // Scopes and the claims they release; "groups" as Okta and Keycloak name it.
  claims: { openid: ['sub'], profile: ['name'], email: ['email', 'email_verified'], groups: ['groups'] },
  pkce: { required: () => true },
  features: {
    devInteractions: { enabled: true },
    // The stock sign-out pages import a web font; these ask nothing beyond this machine.
    rpInitiatedLogout: {
      enabled: true,
      logoutSource: async (ctx, form) => { ctx.body = page('Sign out', `<h1>Do you want to sign-out from ${ctx.host}?</h1>${form}<button autofocus type="submit" form="op.logoutForm" value="yes" name="logout">Yes, sign me out</button><button type="submit" form="op.logoutForm">No, stay signed in</button>`); },
      postLogoutSuccessSource: async (ctx) => { ctx.body = page('Signed out', '<h1>Sign-out Success</h1>'); },
    },
  },
  renderError: async (ctx, out) => { ctx.type = 'html'; ctx.body = page('Error', `<h1>Error</h1><pre>${JSON.stringify(out)}</pre>`); },
  async findAccount(ctx, id) {
    const account = accounts[id];
    if (!account) return undefined;
    return {
      accountId: id,
      async claims() {
        const claims = { sub: account.sub ?? id, name: account.name, email: account.email, email_verified: true };
        if (account.groups !== undefined) claims.groups = account.groups;
        return claims;
      },
    };
  },
});
provider.on('server_error', (ctx, err) => console.error('server_error', err));

const server = provider.listen(Number(env('OIDC_PORT')), '127.0.0.1', () => console.log('oidc-provider ready'));
const stop = () => server.close(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
