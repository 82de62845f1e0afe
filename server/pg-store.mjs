// Rooms in PostgreSQL, shared by several sync server instances
// (SYNC_DATABASE_URL=postgres://...). One table, one row per room: the
// room's whole Yjs state as bytea (created when missing).
//
// Writes merge, they never overwrite: an instance stores the room as it
// holds it, and with several instances (joined by Redis) one of them may not
// yet hold an update another has already stored (Hocuspocus stores a room
// only on the instance whose client made the change). So `store` locks the
// row (an advisory lock per room, held for the transaction), reads what is
// there, applies both states to one Y.Doc and writes the union. Applying a
// Yjs update twice is harmless, so the union is always safe.
import { Buffer } from 'node:buffer';
import pg from 'pg';
import * as Y from 'yjs';
import { checkSqlName, ensureTable, inTransaction } from './pg-common.mjs';

/**
 * @param {string} url postgres://user[:password]@host[:port]/database
 * @param {{ table?: string, max?: number }} [options]
 */
export function createPgStore(url, { table = 'branchpoint_rooms', max = 5 } = {}) {
  checkSqlName('table', table);
  const pool = new pg.Pool({ connectionString: url, max });
  // An idle client's error (the database restarted) must not end the process.
  pool.on('error', (err) => console.error(`[sync] PostgreSQL: ${err.message}`));

  /** Creates the table when missing (once per process). */
  const init = ensureTable(
    pool,
    `CREATE TABLE IF NOT EXISTS ${table} (
       name text PRIMARY KEY,
       data bytea NOT NULL,
       updated_at timestamptz NOT NULL DEFAULT now()
     )`,
  );

  /** The stored state of a room, or null. */
  async function fetch(name) {
    await init();
    const { rows } = await pool.query(`SELECT data FROM ${table} WHERE name = $1`, [name]);
    return rows.length ? new Uint8Array(rows[0].data) : null;
  }

  /** Stores a room's state, merged with what is already stored. */
  async function store(name, state) {
    await init();
    await inTransaction(pool, async (client) => {
      await client.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`${table}:${name}`]);
      const { rows } = await client.query(`SELECT data FROM ${table} WHERE name = $1`, [name]);
      let data = Buffer.from(state);
      if (rows.length) {
        const doc = new Y.Doc({ gc: true });
        Y.applyUpdate(doc, new Uint8Array(rows[0].data));
        Y.applyUpdate(doc, state);
        data = Buffer.from(Y.encodeStateAsUpdate(doc));
        doc.destroy();
      }
      await client.query(
        `INSERT INTO ${table} (name, data, updated_at) VALUES ($1, $2, now())
         ON CONFLICT (name) DO UPDATE SET data = EXCLUDED.data, updated_at = now()`,
        [name, data],
      );
    });
  }

  return { init, fetch, store, close: () => pool.end() };
}
