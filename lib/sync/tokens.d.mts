/** Types of tokens.mjs (plain JavaScript so the sync server runs it with node). */
export declare const ROLES: readonly ['owner', 'editor', 'viewer'];
export type Role = (typeof ROLES)[number];
export declare const TOKEN_PREFIX: 'bp1';
export declare const MAX_TOKEN_LENGTH: number;
export declare const ROOM_PATTERN: RegExp;

export interface TokenClaims {
  room: string;
  role: Role;
  /** Seconds since 1970. */
  exp: number;
  /** The token id (what revocation names). */
  jti: string;
}

export type TokenRefusal = 'malformed' | 'bad-signature' | 'wrong-room' | 'expired' | 'revoked';
export type VerifyResult = { ok: true; claims: TokenClaims } | { ok: false; reason: TokenRefusal };

export declare function newTokenId(): string;
export declare function newSecret(): string;
export declare function mintToken(secret: string, invite: { room: string; role: Role; expiresAt: number; id?: string }): string;
export declare function verifyToken(
  secret: string,
  token: unknown,
  options?: { room?: string; now?: number; isRevoked?: (jti: string) => boolean },
): VerifyResult;
export declare function canWrite(role: Role): boolean;
