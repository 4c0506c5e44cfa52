// A peer for bench/run-peer-bench (issue 16): node oidc-provider 8.8 (it runs on Debian's Node 18) with the login
// a deployment adds to it, a route that checks a password with npm argon2 at sportello's Argon2id parameters
// (m=19 MiB, t=2, p=1) and opens a session in the provider's own store, answering with its cookie.
//   node server.mjs PORT        then  POST /login  {"username": "bench", "password": "..."}  -> 201 or 401
// BENCH_PEER_PASSWORD is the one account's password (default "bench-password"). Not part of the product.
import Provider from 'oidc-provider';
import argon2 from 'argon2';

const port = Number(process.argv[2]);
if (!Number.isInteger(port) || port <= 0) {
  console.error('usage: node server.mjs PORT');
  process.exit(2);
}

const issuer = `http://127.0.0.1:${port}`;
const provider = new Provider(issuer, {
  clients: [{ client_id: 'bench', client_secret: 'bench-secret', redirect_uris: [`${issuer}/cb`] }],
  cookies: { keys: ['a-bench-key-that-is-long-enough-to-sign-cookies'] },
});
provider.proxy = false;

const accounts = new Map([
  ['bench', await argon2.hash(process.env.BENCH_PEER_PASSWORD ?? 'bench-password',
    { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 })],
]);
const dummy = await argon2.hash('never-a-password', { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 });

async function jsonBody(ctx) {
  const chunks = [];
  let size = 0;
  for await (const chunk of ctx.req) {
    size += chunk.length;
    if (size > 4096) ctx.throw(413);
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    return ctx.throw(400);
  }
}

provider.use(async (ctx, next) => {
  if (ctx.path !== '/login') return next();
  if (ctx.method !== 'POST') ctx.throw(405);
  const { username, password } = await jsonBody(ctx);
  const stored = accounts.get(String(username));
  // An unknown name costs a verify too, as sportello's does.
  const ok = await argon2.verify(stored ?? dummy, String(password ?? '')) && stored !== undefined;
  if (!ok) {
    ctx.status = 401;
    ctx.body = { error: 'invalid_credentials' };
    return undefined;
  }
  const session = new provider.Session();
  session.accountId = String(username);
  session.loginTs = Math.floor(Date.now() / 1000);
  await session.save(3600);
  ctx.cookies.set(provider.cookieName('session'), session.id, { httpOnly: true, sameSite: 'lax', signed: true });
  ctx.status = 201;
  ctx.body = { account: session.accountId };
  return undefined;
});

provider.listen(port, '127.0.0.1', () => console.log(`peer oidc-provider listening on ${issuer}`));
