// Types for scripts/services.mjs (throwaway Redis and PostgreSQL servers).
export declare const REDIS_ADVICE: string;
export declare const POSTGRES_ADVICE: string;
export declare function freePort(): Promise<number>;
export declare function findRedis(): string;
export declare function findPostgres(): string;
export interface RunningService {
  port: number;
  stop(): Promise<unknown>;
}
export declare function startRedis(): Promise<RunningService>;
export declare function startPostgres(options?: { fsync?: boolean }): Promise<RunningService & { url: string }>;
