// Branchpoint's sync server: Hocuspocus 3.4 (Yjs over WebSocket) as its own
// Node process beside Next. Rooms are stored in SQLite in the data folder
// (the embedded default), or in PostgreSQL when SYNC_DATABASE_URL is set
// (several instances sharing one store; server/pg-store.mjs);
// a room is reached only with an invitation token signed by this server's
// secret (lib/sync/tokens.mjs); a viewer's connection may write only to the
// discussion (comments, replies, resolve, dissent, their audit entries),
// checked here on the server for every update it sends; revoked tokens (data/revoked.json, and with PostgreSQL its
// table of revocations, which every instance shares) are refused on connect
// and their open connections closed, on every instance; oversized messages are refused by the
// WebSocket layer and malformed ones close their connection without
// reaching the document.
//
// Settings (environment):
//   SYNC_PORT (1234), SYNC_HOST (127.0.0.1), SYNC_DATA_DIR (<repo>/data),
//   SYNC_SECRET (else generated once into <data>/secret),
//   SYNC_MAX_MESSAGE_BYTES (8 MiB), SYNC_DEBOUNCE_MS (2000),
//   SYNC_REDIS_HOST / SYNC_REDIS_PORT (set: rooms are shared with other
//   instances through Redis), SYNC_NAME (instance name, for Redis and logs),
//   SYNC_DATABASE_URL (postgres://user:password@host:port/database: rooms
//   are stored in PostgreSQL instead of SQLite; the table is created when
//   missing), SYNC_DATABASE_TABLE (branchpoint_rooms; revocations are kept
//   in <table>_revoked).
//
//   SYNC_INVITE_DAYS (30): how long the invitations of a new room last;
//   SYNC_ALLOWED_ORIGINS (comma-separated origins, besides any loopback one)
//   that may open rooms from a page.
//
// HTTP: `POST /rooms` opens a new room with an unguessable name and answers
// {room, expires, invitations: {owner, editor, viewer}} (tokens signed here:
// the page never sees the secret). `POST /rooms/<room>/invitations`, with the
// room owner's token as `Authorization: Bearer <token>` and the JSON body
// {role: "editor" | "viewer", revoke?: <that role's old token>}, revokes the
// old invitation (its open connections are closed at once) and answers a new
// one {role, token, expires}. A request from a page is answered only
// for a loopback origin or one in SYNC_ALLOWED_ORIGINS (CORS); the tokens
// are never logged.
//
// `node server/sync-server.mjs` starts it; `node server/tokens-cli.mjs` mints
// and revokes invitations.
import { Server } from '@hocuspocus/server';
import { SQLite, upsertQuery, schema as sqliteSchema } from '@hocuspocus/extension-sqlite';
import * as Y from 'yjs';
import { mkdirSync } from 'node:fs';
import { verifyToken, canWrite, mintToken, newTokenId, ROLES } from '../lib/sync/tokens.mjs';
import { viewerMayApply } from '../lib/sync/viewer-writes.mjs';
import { randomBytes } from 'node:crypto';
import { Buffer } from 'node:buffer';
import { URL } from 'node:url';
import { setTimeout } from 'node:timers';
import { loadSecret, readRevoked, revoke, revokedFile, dataDir } from './store.mjs';

const env = process.env;
const port = Number(env.SYNC_PORT ?? 1234);
const host = env.SYNC_HOST ?? '127.0.0.1';
const maxPayload = Number(env.SYNC_MAX_MESSAGE_BYTES ?? 8 * 1024 * 1024);
const debounce = Number(env.SYNC_DEBOUNCE_MS ?? 2000);
const inviteDays = Number(env.SYNC_INVITE_DAYS ?? 30);
const allowedOrigins = new Set((env.SYNC_ALLOWED_ORIGINS ?? '').split(',').map((o) => o.trim()).filter(Boolean));
const dir = dataDir();
mkdirSync(dir, { recursive: true });
const secret = loadSecret(dir);

// ---------------------------------------------------------------------------
// Message checks (before Hocuspocus applies anything).

/** Reads a y-protocols message far enough to check the Yjs update it carries. */
function readVarUint(buf, pos) {
  let num = 0;
  let mult = 1;
  for (let i = 0; i < 8; i++) {
    if (pos.at >= buf.length) throw new Error('truncated message');
    const b = buf[pos.at++];
    num += (b & 0x7f) * mult;
    if (b < 0x80) return num;
    mult *= 128;
  }
  throw new Error('varint too long');
}
function readBytes(buf, pos) {
  const len = readVarUint(buf, pos);
  if (pos.at + len > buf.length) throw new Error('truncated message');
  const out = buf.subarray(pos.at, pos.at + len);
  pos.at += len;
  return out;
}

/** Throws when a sync message carries an update that is not a well-formed Yjs update; answers the update it carries (null: none). */
export function checkMessage(data) {
  const buf = data instanceof Uint8Array ? data : new Uint8Array(data);
  const pos = { at: 0 };
  readBytes(buf, pos); // document name
  const type = readVarUint(buf, pos);
  if (type !== 0) return null; // awareness, auth, stateless: Hocuspocus reads them in a try
  const syncType = readVarUint(buf, pos);
  if (syncType !== 1 && syncType !== 2) return null;
  const update = readBytes(buf, pos);
  Y.decodeUpdate(update); // throws on a malformed update
  return update;
}

// ---------------------------------------------------------------------------
// Revocation: the list is read again whenever its file changes; with
// PostgreSQL, revocations are also kept in a table shared by every instance
// (server/pg-revocations.mjs), which tells each instance as they happen.

let revoked = readRevoked(dir);
/** The Hocuspocus server (set once it is made, below). */
let server = null;
const isRevoked = (jti) => revoked.has(jti);
/** The shared revocations (PostgreSQL), or null with the embedded store. */
let sharedRevocations = null;
/** Whether a token id is revoked: this instance's list, then the shared table (the truth across instances). */
async function revokedAnywhere(jti) {
  if (isRevoked(jti)) return true;
  if (!sharedRevocations) return false;
  if (!(await sharedRevocations.has(jti))) return false;
  revoked = new Set([...revoked, jti]);
  return true;
}
/** Revokes a token id here, in the shared table when there is one, and closes its connections. */
async function revokeEverywhere(jti) {
  revoke(dir, jti);
  revoked = new Set([...revoked, jti]);
  await sharedRevocations?.revoke(jti);
  closeRevoked();
}

const log = (...args) => {
  if (env.SYNC_QUIET !== '1') console.log(`[sync${env.SYNC_NAME ? ` ${env.SYNC_NAME}` : ''}]`, ...args);
};

const extensions = [];
let storeLabel;
/** Resolves once the room store can be read (SQLite: its table exists). */
let storeReady = async () => {};
const databaseUrl = env.SYNC_DATABASE_URL;
if (databaseUrl) {
  if (!/^postgres(ql)?:\/\//.test(databaseUrl)) throw new Error('SYNC_DATABASE_URL must be a postgres:// URL');
  const [{ Database }, { createPgStore }] = await Promise.all([import('@hocuspocus/extension-database'), import('./pg-store.mjs')]);
  const rooms = createPgStore(databaseUrl, { table: env.SYNC_DATABASE_TABLE || undefined });
  await rooms.init(); // an unreachable database stops the server here, not at the first client
  const { revocationsFromEnv } = await import('./pg-revocations.mjs');
  sharedRevocations = revocationsFromEnv(env, {
    log,
    onRevoked: (ids) => {
      const fresh = ids.filter((id) => !revoked.has(id));
      if (fresh.length === 0) return;
      revoked = new Set([...revoked, ...fresh]);
      closeRevoked();
    },
  });
  await sharedRevocations.listen();
  extensions.push(
    new Database({
      fetch: ({ documentName }) => rooms.fetch(documentName),
      store: ({ documentName, state }) => rooms.store(documentName, state),
    }),
    { onDestroy: () => Promise.all([rooms.close(), sharedRevocations?.close()]) },
  );
  storeLabel = `PostgreSQL ${new URL(databaseUrl).host}`;
} else {
  // The extension's own store does not wait for SQLite to write; this one does,
  // so a server stopped right after the last client left has written the room.
  const sqlite = new SQLite({
    database: `${dir}/rooms.sqlite`,
    store: ({ documentName, state }) =>
      new Promise((resolve, reject) => {
        sqlite.db.run(upsertQuery, { $name: documentName, $data: state }, (err) => (err ? reject(err) : resolve()));
      }),
  });
  extensions.push(sqlite);
  storeLabel = `SQLite ${dir}/rooms.sqlite`;
  // The extension starts creating its table without waiting for it (and is configured after the server is made):
  // the server listens only once the table is there, so the first room read never meets a missing table (that
  // refused the first client now and then, as "permission-denied").
  const configure = sqlite.onConfigure.bind(sqlite);
  let tableReady = null;
  sqlite.onConfigure = (data) =>
    (tableReady = configure(data).then(() => new Promise((resolve, reject) => sqlite.db.run(sqliteSchema, (err) => (err ? reject(err) : resolve())))));
  storeReady = async () => {
    for (let i = 0; tableReady === null && i < 1000; i++) await new Promise((r) => setTimeout(r, 5));
    if (tableReady === null) throw new Error('the SQLite store was never configured');
    await tableReady;
  };
}
if (env.SYNC_REDIS_HOST || env.SYNC_REDIS_PORT) {
  const { Redis } = await import('@hocuspocus/extension-redis');
  // The extension takes a Redis lock before a room is stored, and an instance
  // that does not get it skips storing altogether (no later hook runs). That
  // loses updates: the instance holding the lock stores the room as it holds
  // it, which may lack the other instance's latest update, and nothing stores
  // that update later. Neither store here needs the lock: PostgreSQL writes
  // merge under a per-room database lock (server/pg-store.mjs) and SQLite is
  // one file per instance. So every instance always stores.
  class UnlockedRedis extends Redis {
    async onStoreDocument() {}
  }
  extensions.push(
    new UnlockedRedis({
      host: env.SYNC_REDIS_HOST ?? '127.0.0.1',
      port: Number(env.SYNC_REDIS_PORT ?? 6379),
      identifier: env.SYNC_NAME ?? `sync-${port}`,
    }),
  );
}

// ---------------------------------------------------------------------------
// Opening a room over HTTP.

/** A page on this machine (any port), or an origin the operator allowed. */
export function originAllowed(origin, allowed = allowedOrigins) {
  if (typeof origin !== 'string') return false;
  if (allowed.has(origin)) return true;
  try {
    const u = new URL(origin);
    return (u.protocol === 'http:' || u.protocol === 'https:') && ['localhost', '127.0.0.1', '[::1]'].includes(u.hostname);
  } catch {
    return false;
  }
}

/** A new room: its name (128 random bits) and one invitation per role. */
function openRoom() {
  const room = `r-${randomBytes(16).toString('base64url')}`;
  const expiresAt = Date.now() + inviteDays * 86_400_000;
  const invitations = Object.fromEntries(ROLES.map((role) => [role, mintToken(secret, { room, role, expiresAt, id: newTokenId() })]));
  return { room, expires: new Date(expiresAt).toISOString(), invitations };
}

function reply(response, status, headers, body) {
  response.writeHead(status, { 'Cache-Control': 'no-store', 'Content-Type': 'application/json', ...headers });
  response.end(body === undefined ? '' : JSON.stringify(body));
}

/** Closes the open connections that came in with a revoked invitation. */
function closeRevoked() {
  if (!server) return;
  for (const doc of server.hocuspocus.documents.values()) {
    for (const conn of doc.getConnections()) {
      if (conn.context && revoked.has(conn.context.jti)) conn.close({ code: 4403, reason: 'revoked' });
    }
  }
}

const MAX_BODY = 4096;
const INVITATIONS_PATH = /^\/rooms\/([A-Za-z0-9_-]{1,100})\/invitations$/;

/** The body of a request as JSON (at most MAX_BODY bytes); null when it is not. */
function readJson(request) {
  return new Promise((resolve) => {
    let size = 0;
    const chunks = [];
    // A larger body is read to its end (so the answer reaches the client) and dropped.
    request.on('data', (c) => {
      size += c.length;
      if (size <= MAX_BODY) chunks.push(c);
    });
    request.on('end', () => {
      if (size > MAX_BODY) return resolve(null);
      try {
        resolve(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        resolve(null);
      }
    });
    request.on('error', () => resolve(null));
  });
}

/**
 * A new invitation for `role` in `room`, asked by the room's owner, and the
 * old one (if given: a token of that room and role signed here) revoked.
 * Answers [status, body].
 */
async function replaceInvitation(room, request) {
  const auth = String(request.headers.authorization ?? '');
  let owner = verifyToken(secret, auth.startsWith('Bearer ') ? auth.slice(7) : '', { room, isRevoked });
  if (owner.ok && (await revokedAnywhere(owner.claims.jti))) owner = { ok: false, reason: 'revoked' };
  if (!owner.ok || owner.claims.role !== 'owner') {
    request.resume();
    log(`refused to replace an invitation of "${room}": ${owner.ok ? 'not the owner' : owner.reason}`);
    return [403, { error: 'owner-token-required' }];
  }
  const body = await readJson(request);
  const role = body?.role;
  if (role !== 'editor' && role !== 'viewer') return [400, { error: 'role-must-be-editor-or-viewer' }];
  if (body.revoke !== undefined) {
    // Checked with an expiry far ahead: an expired old link may still be revoked.
    const old = verifyToken(secret, body.revoke, { room, now: 0 });
    if (!old.ok || old.claims.role !== role) return [400, { error: 'not-an-invitation-of-this-room-and-role' }];
    await revokeEverywhere(old.claims.jti);
  }
  const expiresAt = Date.now() + inviteDays * 86_400_000;
  log(`replaced the ${role} invitation of ${room}`);
  return [201, { role, token: mintToken(secret, { room, role, expiresAt, id: newTokenId() }), expires: new Date(expiresAt).toISOString() }];
}

/** `POST /rooms`, `POST /rooms/<room>/invitations` (and their CORS preflights); every other request goes on to Hocuspocus' default answer. */
async function onRequest({ request, response }) {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const replacing = INVITATIONS_PATH.exec(url.pathname);
  if (url.pathname !== '/rooms' && !replacing) return;
  const origin = request.headers.origin;
  const cors = origin && originAllowed(origin)
    ? { 'Access-Control-Allow-Origin': origin, 'Access-Control-Allow-Methods': 'POST, OPTIONS', 'Access-Control-Allow-Headers': 'Content-Type, Authorization', 'Access-Control-Max-Age': '600', Vary: 'Origin' }
    : {};
  if (origin !== undefined && !originAllowed(origin)) {
    log(`refused to open a room for the origin "${String(origin).slice(0, 100)}"`);
    reply(response, 403, {}, { error: 'origin-not-allowed' });
  } else if (request.method === 'OPTIONS') {
    reply(response, 204, cors);
  } else if (request.method !== 'POST') {
    reply(response, 405, { ...cors, Allow: 'POST, OPTIONS' }, { error: 'method-not-allowed' });
  } else if (replacing) {
    const [status, body] = await replaceInvitation(replacing[1], request);
    reply(response, status, cors, body);
  } else {
    request.resume(); // no body is read
    const opened = openRoom();
    log(`opened room ${opened.room}`);
    reply(response, 201, cors, opened);
  }
  // Handled: Hocuspocus' default answer is skipped.
  throw null;
}

server = new Server(
  {
    name: env.SYNC_NAME ?? `branchpoint-sync-${port}`,
    port,
    address: host,
    quiet: true,
    debounce,
    maxDebounce: Math.max(debounce * 5, 10_000),
    extensions,
    onRequest,

    async onAuthenticate({ token, documentName, connectionConfig }) {
      let result = verifyToken(secret, token, { room: documentName, isRevoked });
      if (result.ok && (await revokedAnywhere(result.claims.jti))) result = { ok: false, reason: 'revoked' };
      if (!result.ok) {
        log(`refused a connection to "${String(documentName).slice(0, 100)}": ${result.reason}`);
        throw Object.assign(new Error(result.reason), { reason: result.reason });
      }
      // A viewer's connection may write, but only to the discussion: every update it sends is checked below.
      connectionConfig.readOnly = !canWrite(result.claims.role) && result.claims.role !== 'viewer';
      return { role: result.claims.role, jti: result.claims.jti };
    },

    // A health check a client can time: "ping:<id>" is answered "pong:<id>" after every earlier message of that connection.
    async onStateless({ payload, connection }) {
      if (typeof payload === 'string' && payload.length <= 100 && payload.startsWith('ping:')) connection.sendStateless(`pong:${payload.slice(5)}`);
    },

    async beforeHandleMessage({ update: message, context, document }) {
      let update;
      try {
        update = checkMessage(message);
      } catch (err) {
        log(`refused a malformed message: ${err instanceof Error ? err.message : 'unreadable'}`);
        throw Object.assign(new Error('malformed message'), { code: 4400, reason: 'malformed-message' });
      }
      // A viewer writes comments only (lib/sync/viewer-writes.mjs); anything more closes its connection, nothing applied.
      if (update && context?.role === 'viewer') {
        const verdict = viewerMayApply(document, update);
        if (!verdict.ok) {
          log(`refused a viewer's write to "${document.name.slice(0, 100)}": ${verdict.reason}`);
          throw Object.assign(new Error('view only'), { code: 4403, reason: 'view-only' });
        }
      }
    },
  },
  { maxPayload },
);

// Revocation takes effect on open connections too: they are closed.
import('node:fs').then(({ watchFile }) => {
  watchFile(revokedFile(dir), { interval: 500 }, () => {
    try {
      revoked = readRevoked(dir);
    } catch (err) {
      console.error(`[sync] kept the previous revocation list: ${err instanceof Error ? err.message : err}`);
      return;
    }
    closeRevoked();
  });
});

await storeReady();
await server.listen();
log(`listening on ws://${host}:${server.address.port} (rooms: ${storeLabel}; data: ${dir})`);
// A line the test harness waits for.
console.log(`SYNC_READY ${server.address.port}`);
