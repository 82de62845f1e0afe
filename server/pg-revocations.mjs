// Revoked invitations shared by several sync server instances through
// PostgreSQL (SYNC_DATABASE_URL): one table of revoked token ids, and a
// NOTIFY on each revocation so that every instance closes that token's open
// connections at once. The table is the truth: a connection is checked
// against it (`has`), so a notification missed while an instance's listener
// was reconnecting never lets a revoked link in; on reconnecting the
// listener reads the whole list again.
import pg from 'pg';
import { setTimeout, clearTimeout } from 'node:timers';
import { checkSqlName, ensureTable, inTransaction } from './pg-common.mjs';

/**
 * @param {string} url postgres://user[:password]@host[:port]/database
 * @param {{ table?: string, channel?: string, onRevoked?: (ids: string[]) => void, retryMs?: number, log?: (message: string) => void }} [options]
 *   onRevoked: called with newly revoked ids (from this or another instance),
 *   and with the whole list each time the listener (re)connects.
 */
export function createPgRevocations(url, { table = 'branchpoint_revoked', channel = table, onRevoked = () => {}, retryMs = 1000, log = () => {} } = {}) {
  checkSqlName('table', table);
  checkSqlName('channel', channel);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  pool.on('error', (err) => log(`PostgreSQL (revocations): ${err.message}`));

  const init = ensureTable(pool, `CREATE TABLE IF NOT EXISTS ${table} (jti text PRIMARY KEY, revoked_at timestamptz NOT NULL DEFAULT now())`);

  /** Every revoked id. */
  async function all() {
    await init();
    const { rows } = await pool.query(`SELECT jti FROM ${table}`);
    return rows.map((r) => r.jti);
  }

  /** Whether an id is revoked (asked of the table itself). */
  async function has(jti) {
    if (typeof jti !== 'string') return false;
    await init();
    const { rows } = await pool.query(`SELECT 1 FROM ${table} WHERE jti = $1`, [jti]);
    return rows.length > 0;
  }

  /** Revokes an id and tells every listening instance, in one transaction. */
  async function revoke(jti) {
    await init();
    await inTransaction(pool, async (client) => {
      await client.query(`INSERT INTO ${table} (jti) VALUES ($1) ON CONFLICT (jti) DO NOTHING`, [jti]);
      await client.query('SELECT pg_notify($1, $2)', [channel, jti]);
    });
  }

  let listener = null;
  let closed = false;
  let retry = null;
  /**
   * Listens for revocations and reads the whole list once listening. A first
   * call that cannot connect throws (the server does not start); a listener
   * lost later reconnects by itself.
   */
  async function listen(first = true) {
    await init();
    const client = new pg.Client({ connectionString: url });
    listener = client;
    const again = (err) => {
      if (listener !== client) return;
      listener = null;
      client.end().catch(() => undefined);
      if (closed) return;
      log(`PostgreSQL revocation listener lost (${err instanceof Error ? err.message : 'ended'}); reconnecting`);
      retry = setTimeout(() => listen(false).catch(() => undefined), retryMs);
    };
    client.on('error', again);
    client.on('end', () => again(null));
    client.on('notification', (msg) => {
      if (msg.channel === channel && typeof msg.payload === 'string' && msg.payload) onRevoked([msg.payload]);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${channel}`);
      // Read after listening: a revocation made in between is seen by one or the other.
      onRevoked(await all());
    } catch (err) {
      if (first) {
        listener = null;
        await client.end().catch(() => undefined);
        throw err;
      }
      again(err);
    }
  }

  async function close() {
    closed = true;
    clearTimeout(retry);
    const l = listener;
    listener = null;
    await l?.end().catch(() => undefined);
    await pool.end();
  }

  return { init, all, has, revoke, listen, close };
}

/** The shared revocations of the instances that store rooms in SYNC_DATABASE_URL (their table is named after SYNC_DATABASE_TABLE's). */
export function revocationsFromEnv(env, options = {}) {
  return createPgRevocations(env.SYNC_DATABASE_URL, { table: `${env.SYNC_DATABASE_TABLE || 'branchpoint_rooms'}_revoked`, ...options });
}
