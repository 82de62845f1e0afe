// Types for server/pg-revocations.mjs (revoked invitations in PostgreSQL).
export interface PgRevocations {
  init(): Promise<unknown>;
  all(): Promise<string[]>;
  has(jti: string): Promise<boolean>;
  revoke(jti: string): Promise<void>;
  listen(first?: boolean): Promise<void>;
  close(): Promise<void>;
}
export declare function createPgRevocations(
  url: string,
  options?: { table?: string; channel?: string; onRevoked?: (ids: string[]) => void; retryMs?: number; log?: (message: string) => void },
): PgRevocations;
export declare function revocationsFromEnv(
  env: Record<string, string | undefined>,
  options?: { onRevoked?: (ids: string[]) => void; retryMs?: number; log?: (message: string) => void },
): PgRevocations;
