// What the PostgreSQL modules of the sync server share: safe SQL names, a
// table created once per process (two instances racing to create it is not
// an error), and a transaction on one pooled client.

/** Table and channel names: letters, digits and underscores (they are written into SQL). */
const SQL_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** Throws unless `name` is a safe SQL name; `what` names it in the message ("table", "channel"). */
export function checkSqlName(what, name) {
  if (!SQL_NAME.test(name)) throw new Error(`bad ${what} name: ${name}`);
}

/** A function that runs `createSql` (CREATE TABLE IF NOT EXISTS ...) once, retrying when another instance won the race. */
export function ensureTable(pool, createSql) {
  let ready = null;
  const init = () => {
    ready ??= pool.query(createSql).catch((err) => {
      ready = null;
      // Two instances creating the table at once: one of them loses the race on the catalog.
      if (err && err.code === '23505') return init();
      throw err;
    });
    return ready;
  };
  return init;
}

/** Runs `fn(client)` between BEGIN and COMMIT on one pooled client; rolls back and rethrows on failure. */
export async function inTransaction(pool, fn) {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}
