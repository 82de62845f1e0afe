// Invitation tokens for sync rooms: who may reach a room, with which role,
// until when. A token is `bp1.<payload>.<signature>`: the payload is base64url
// JSON {v, room, role, exp (seconds since 1970), jti (token id)} and the
// signature is HMAC-SHA256 over "bp1." + payload with the server's secret.
// Unguessable (the token id is 128 random bits) and unforgeable without the
// secret; revocation is by token id (the server keeps the list).
//
// Plain JavaScript with node:crypto (types in tokens.d.mts) so the sync
// server runs it with plain `node`; server side only, never in a page.
import { Buffer } from 'node:buffer';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

export const ROLES = /** @type {const} */ (['owner', 'editor', 'viewer']);
export const TOKEN_PREFIX = 'bp1';
/** Longest token read (a longer one is refused before any work). */
export const MAX_TOKEN_LENGTH = 1024;
/** Room names: letters, digits, hyphens and underscores. */
export const ROOM_PATTERN = /^[A-Za-z0-9_-]{1,100}$/;
const JTI_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

const b64url = (buf) => Buffer.from(buf).toString('base64url');

function sign(secret, payload) {
  return createHmac('sha256', secret).update(`${TOKEN_PREFIX}.${payload}`).digest();
}

/** A new random token id. */
export function newTokenId() {
  return b64url(randomBytes(16));
}

/** A new random server secret (hex, 256 bits). */
export function newSecret() {
  return randomBytes(32).toString('hex');
}

/**
 * Signs an invitation. `expiresAt` is milliseconds since 1970.
 * Throws on a bad room, role, expiry or secret (a programming error).
 */
export function mintToken(secret, { room, role, expiresAt, id = newTokenId() }) {
  if (typeof secret !== 'string' || secret.length < 16) throw new Error('the secret must be at least 16 characters');
  if (typeof room !== 'string' || !ROOM_PATTERN.test(room)) throw new Error('bad room name');
  if (!ROLES.includes(role)) throw new Error('bad role');
  if (!Number.isFinite(expiresAt)) throw new Error('bad expiry');
  if (!JTI_PATTERN.test(id)) throw new Error('bad token id');
  const payload = b64url(JSON.stringify({ v: 1, room, role, exp: Math.floor(expiresAt / 1000), jti: id }));
  return `${TOKEN_PREFIX}.${payload}.${b64url(sign(secret, payload))}`;
}

/**
 * Checks a token: well formed, signed with `secret`, for `room` (when given),
 * not expired at `now` (ms), not revoked. Never throws.
 * Returns {ok: true, claims} or {ok: false, reason}.
 */
export function verifyToken(secret, token, { room, now = Date.now(), isRevoked } = {}) {
  try {
    if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'malformed' };
    const parts = token.split('.');
    if (parts.length !== 3 || parts[0] !== TOKEN_PREFIX) return { ok: false, reason: 'malformed' };
    const [, payload, sig] = parts;
    const given = Buffer.from(sig, 'base64url');
    const expected = sign(secret, payload);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'bad-signature' };
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (
      typeof claims !== 'object' || claims === null || claims.v !== 1 ||
      typeof claims.room !== 'string' || !ROOM_PATTERN.test(claims.room) ||
      !ROLES.includes(claims.role) || !Number.isFinite(claims.exp) ||
      typeof claims.jti !== 'string' || !JTI_PATTERN.test(claims.jti)
    ) {
      return { ok: false, reason: 'malformed' };
    }
    if (room !== undefined && claims.room !== room) return { ok: false, reason: 'wrong-room' };
    if (claims.exp * 1000 <= now) return { ok: false, reason: 'expired' };
    if (isRevoked && isRevoked(claims.jti)) return { ok: false, reason: 'revoked' };
    return { ok: true, claims: { room: claims.room, role: claims.role, exp: claims.exp, jti: claims.jti } };
  } catch {
    return { ok: false, reason: 'malformed' };
  }
}

/** May this role change the document? */
export function canWrite(role) {
  return role === 'owner' || role === 'editor';
}
