// Mints and revokes invitations to sync rooms, with the server's secret.
//   node server/tokens-cli.mjs mint <room> <owner|editor|viewer> [days=7]
//   node server/tokens-cli.mjs revoke <token id>
// Prints the token and its id (mint). The running server picks up a
// revocation within a second and closes that token's open connections.
// With SYNC_DATABASE_URL set (instances sharing PostgreSQL), a revocation is
// also written to the shared table, and every instance closes the token's
// connections at once (SYNC_DATABASE_TABLE as for the server).
import { mintToken, newTokenId, ROLES } from '../lib/sync/tokens.mjs';
import { dataDir, loadSecret, revoke } from './store.mjs';

const [cmd, a, b, c] = process.argv.slice(2);
const dir = dataDir();
if (cmd === 'mint' && a && ROLES.includes(b)) {
  const days = Number(c ?? 7);
  const id = newTokenId();
  const token = mintToken(loadSecret(dir), { room: a, role: b, expiresAt: Date.now() + days * 86_400_000, id });
  console.log(JSON.stringify({ token, id, room: a, role: b, expires: new Date(Date.now() + days * 86_400_000).toISOString() }));
} else if (cmd === 'revoke' && a) {
  revoke(dir, a);
  if (process.env.SYNC_DATABASE_URL) {
    const { revocationsFromEnv } = await import('./pg-revocations.mjs');
    const shared = revocationsFromEnv(process.env);
    try {
      await shared.revoke(a);
    } finally {
      await shared.close();
    }
    console.log(`revoked ${a} (here and in PostgreSQL)`);
  } else {
    console.log(`revoked ${a}`);
  }
} else {
  console.error('usage: node server/tokens-cli.mjs mint <room> <owner|editor|viewer> [days]\n       node server/tokens-cli.mjs revoke <token id>');
  process.exit(2);
}
