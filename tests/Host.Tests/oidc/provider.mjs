// A real OpenID provider (panva's oidc-provider) for the portal's sign-in tests, on loopback only.
// It binds its own port (port 0: whatever is free) at once and prints "oidc-provider listening on port N", so no
// other process can take the port between choosing and binding it; the test fixture (../Web/OidcProvider.cs)
// reads the port back and configures the portal with http://localhost:N. Until told to serve, the provider is
// down: it accepts connections and closes them without an answer. Commands, one per line on stdin:
//   serve {"redirect_uris": [...], "post_logout_redirect_uri": "..."}  a fresh provider (no sessions) answers;
//                                                                      prints "oidc-provider ready"
//   down                                                               stops answering, drops every connection;
//                                                                      prints "oidc-provider down"
// So the provider can go down and come back at the same address, as a restarted one does, without ever releasing
// its port. The process ends when stdin closes or on SIGTERM.
// Environment: OIDC_CLIENT_ID, OIDC_CLIENT_SECRET, OIDC_STATE_DIR (signing key and cookie secret, kept so a
// restart is the same provider), OIDC_ACCOUNTS (JSON: login -> { sub, name, email, groups }).
// Its own login page (devInteractions) accepts any password for a known login: the tests exercise the portal, not it.
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createServer } from 'node:http';
import { createInterface } from 'node:readline';
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

// The stock memory adapter keeps one store for the whole process; this one is per provider.
function memoryAdapter() {
  const store = new Map();
  return class MemoryAdapter {
    constructor(model) { this.model = model; }
    key(id) { return `${this.model}:${id}`; }
    async upsert(id, payload) {
      store.set(this.key(id), payload);
      if (payload.grantId) store.set(`grant:${payload.grantId}`, [...(store.get(`grant:${payload.grantId}`) ?? []), this.key(id)]);
      if (payload.uid) store.set(`${this.model}:uid:${payload.uid}`, id);
      if (payload.userCode) store.set(`${this.model}:userCode:${payload.userCode}`, id);
    }
    async find(id) { return store.get(this.key(id)); }
    async findByUid(uid) { const id = store.get(`${this.model}:uid:${uid}`); return id === undefined ? undefined : this.find(id); }
    async findByUserCode(code) { const id = store.get(`${this.model}:userCode:${code}`); return id === undefined ? undefined : this.find(id); }
    async consume(id) { const payload = store.get(this.key(id)); if (payload) payload.consumed = Math.floor(Date.now() / 1000); }
    async destroy(id) { store.delete(this.key(id)); }
    async revokeByGrantId(grantId) {
      for (const key of store.get(`grant:${grantId}`) ?? []) store.delete(key);
      store.delete(`grant:${grantId}`);
    }
  };
}

const newProvider = (issuer, portal) => new Provider(issuer, {
  clients: [{
    client_id: env('OIDC_CLIENT_ID'),
    client_secret: env('OIDC_CLIENT_SECRET'),
    redirect_uris: portal.redirect_uris,
    post_logout_redirect_uris: [portal.post_logout_redirect_uri],
    grant_types: ['authorization_code'],
    response_types: ['code'],
    token_endpoint_auth_method: 'client_secret_post',
  }],
  // Each provider keeps its sessions, grants and codes to itself: after down and serve, nobody is signed in.
  adapter: memoryAdapter(),
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

const server = createServer((req, res) => (current ? current(req, res) : req.socket.destroy()));
const sockets = new Set();
server.on('connection', (socket) => { sockets.add(socket); socket.on('close', () => sockets.delete(socket)); });
let current = null;

const command = (line) => {
  const [verb, ...json] = line.trim().split(' ');
  if (verb === 'serve') {
    const provider = newProvider(`http://localhost:${server.address().port}`, JSON.parse(json.join(' ')));
    provider.on('server_error', (ctx, err) => console.error('server_error', err));
    current = provider.callback();
    console.log('oidc-provider ready');
  } else if (verb === 'down') {
    current = null;
    for (const socket of sockets) socket.destroy();
    console.log('oidc-provider down');
  } else if (verb) {
    console.error(`unknown command '${verb}'`);
  }
};

server.listen(0, '127.0.0.1', () => {
  console.log(`oidc-provider listening on port ${server.address().port}`);
  createInterface({ input: process.stdin }).on('line', command).on('close', stop);
});
const stop = () => { for (const socket of sockets) socket.destroy(); server.close(() => process.exit(0)); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
