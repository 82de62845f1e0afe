// The sync server's files in its data folder: the secret that signs
// invitations (made once, readable by its owner only) and the list of
// revoked token ids.
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { newSecret } from '../lib/sync/tokens.mjs';

/** The data folder: SYNC_DATA_DIR, else `data/` at the root of the project. */
export function dataDir() {
  const here = path.dirname(fileURLToPath(import.meta.url));
  return path.resolve(process.env.SYNC_DATA_DIR ?? path.join(here, '..', 'data'));
}

/** SYNC_SECRET, else the secret kept in <dir>/secret (made on first use). */
export function loadSecret(dir) {
  if (process.env.SYNC_SECRET) {
    if (process.env.SYNC_SECRET.length < 16) throw new Error('SYNC_SECRET must be at least 16 characters');
    return process.env.SYNC_SECRET;
  }
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, 'secret');
  if (!existsSync(file)) writeFileSync(file, `${newSecret()}\n`, { mode: 0o600, flag: 'wx' });
  return readFileSync(file, 'utf8').trim();
}

export const revokedFile = (dir) => path.join(dir, 'revoked.json');

/**
 * The revoked token ids. Throws when the file exists but cannot be read: an
 * unreadable list must never be taken as "nothing revoked".
 */
export function readRevoked(dir) {
  const file = revokedFile(dir);
  if (!existsSync(file)) return new Set();
  const raw = JSON.parse(readFileSync(file, 'utf8'));
  if (!raw || !Array.isArray(raw.revoked)) throw new Error(`${file} does not hold {"revoked": [...]}`);
  return new Set(raw.revoked.filter((x) => typeof x === 'string'));
}

/** Adds a token id to the list (written whole, then renamed into place). */
export function revoke(dir, jti) {
  const list = readRevoked(dir);
  list.add(jti);
  mkdirSync(dir, { recursive: true });
  const file = revokedFile(dir);
  writeFileSync(`${file}.tmp`, `${JSON.stringify({ revoked: [...list].sort() }, null, 2)}\n`);
  renameSync(`${file}.tmp`, file);
}
