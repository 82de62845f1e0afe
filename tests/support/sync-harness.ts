/**
 * Starts the real sync server (server/sync-server.mjs) as a child process on
 * a free loopback port with its own data folder, and connects Hocuspocus
 * clients to it from Node (ws as the WebSocket). Every wait polls a
 * condition and fails with a message after a deadline (never a fixed sleep
 * standing in for an assertion).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as Y from 'yjs';
import WebSocket from 'ws';
import { HocuspocusProvider, HocuspocusProviderWebsocket } from '@hocuspocus/provider';
import { mintToken, newTokenId, type Role } from '@/lib/sync/tokens.mjs';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SECRET = 'test-secret-0123456789abcdef';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

export function tempDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), 'bp-sync-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface RunningServer {
  port: number;
  url: string;
  proc: ChildProcess;
  output: () => string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

export async function startServer(opts: { dir: string; port?: number; env?: Record<string, string> }): Promise<RunningServer> {
  const port = opts.port ?? (await freePort());
  const proc = spawn(process.execPath, [path.join(ROOT, 'server', 'sync-server.mjs')], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? '',
      SYNC_PORT: String(port),
      SYNC_HOST: '127.0.0.1',
      SYNC_DATA_DIR: opts.dir,
      SYNC_SECRET: SECRET,
      SYNC_DEBOUNCE_MS: '50',
      ...opts.env,
    } as unknown as NodeJS.ProcessEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  proc.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  proc.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  await waitFor(() => out.includes('SYNC_READY') || proc.exitCode !== null, 15_000, () => `server did not start:\n${out}`);
  if (proc.exitCode !== null) throw new Error(`server exited with ${proc.exitCode}:\n${out}`);
  return {
    port,
    url: `ws://127.0.0.1:${port}`,
    proc,
    output: () => out,
    stop: async (signal: NodeJS.Signals = 'SIGTERM') => {
      if (proc.exitCode === null && proc.signalCode === null) proc.kill(signal);
      return exited;
    },
  };
}

export async function waitFor(cond: () => boolean, ms = 10_000, what: () => string = () => 'condition'): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for: ${what()}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

export function token(room: string, role: Role, id = newTokenId(), expiresAt = Date.now() + 3_600_000): string {
  return mintToken(SECRET, { room, role, expiresAt, id });
}

export interface TestClient {
  doc: Y.Doc;
  provider: HocuspocusProvider;
  failed: string | null;
  closed: number | null;
  stateless: string[];
  destroy(): void;
}

/** A client that connects and (unless refused) syncs; resolves once authenticated and synced, or refused. */
export async function connect(url: string, room: string, tok: string, doc = new Y.Doc()): Promise<TestClient> {
  const c: TestClient = {
    doc,
    provider: undefined as unknown as HocuspocusProvider,
    failed: null,
    closed: null,
    stateless: [],
    destroy: () => {
      c.provider.destroy();
      socket.destroy();
    },
  };
  const socket = new HocuspocusProviderWebsocket({ url, WebSocketPolyfill: WebSocket });
  let synced = false;
  c.provider = new HocuspocusProvider({
    websocketProvider: socket,
    name: room,
    document: doc,
    token: tok,
    onSynced: () => (synced = true),
    onAuthenticationFailed: ({ reason }) => (c.failed = reason || 'refused'),
    onClose: ({ event }) => (c.closed = event.code),
    onStateless: ({ payload }) => c.stateless.push(payload),
  });
  c.provider.attach();
  await waitFor(() => synced || c.failed !== null, 10_000, () => `client of ${room} to sync or be refused`);
  return c;
}

/** Waits until every change this client made has been acknowledged by the server. */
export async function settled(c: TestClient): Promise<void> {
  await waitFor(() => !c.provider.hasUnsyncedChanges, 20_000, () => 'server to acknowledge the client\'s changes');
}

/** A round trip through the server: every message the client sent before it has been handled. */
export async function roundTrip(c: TestClient): Promise<void> {
  const id = `ping:${Math.random().toString(36).slice(2)}`;
  c.provider.sendStateless(id);
  await waitFor(() => c.stateless.includes(id.replace('ping:', 'pong:')), 10_000, () => 'pong from the server');
}

// y-protocols framing, by hand, for raw hostile messages.
export function varUint(n: number): number[] {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return out;
}
export function varString(s: string): number[] {
  const b = [...Buffer.from(s, 'utf8')];
  return [...varUint(b.length), ...b];
}
export function varBytes(b: Uint8Array | number[]): number[] {
  return [...varUint(b.length), ...b];
}

/** A raw WebSocket that authenticates for a room with a token; resolves once open. */
export async function rawSocket(url: string): Promise<{ ws: WebSocket; closed: () => number | null; received: Buffer[] }> {
  const ws = new WebSocket(url);
  let code: number | null = null;
  const received: Buffer[] = [];
  ws.on('close', (c) => (code = c));
  ws.on('message', (d: Buffer) => received.push(d));
  ws.on('error', () => undefined);
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { ws, closed: () => code, received };
}

/**
 * What a test started (servers, clients, folders), stopped after each test in
 * the reverse order: `const cleanup = cleanupAfterEach(); cleanup.push(() => s.stop())`.
 */
export function cleanupAfterEach(): { push(f: () => Promise<unknown> | void): void } {
  let stack: Array<() => Promise<unknown> | void> = [];
  afterEach(async () => {
    const todo = stack.reverse();
    stack = [];
    for (const f of todo) await f();
  });
  return { push: (f) => void stack.push(f) };
}

/** A sync server on a throwaway data folder, both removed after the test (through `cleanup`). */
export async function freshServer(cleanup: { push(f: () => Promise<unknown> | void): void }, env?: Record<string, string>): Promise<RunningServer> {
  const d = tempDataDir();
  cleanup.push(() => d.remove());
  const s = await startServer({ dir: d.dir, env });
  cleanup.push(() => s.stop());
  return s;
}
