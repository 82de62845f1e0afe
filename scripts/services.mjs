// Throwaway Redis and PostgreSQL servers for the sync tests and the sync
// benchmark: each is started on a free loopback port with its own files in a
// temporary folder (nothing already running is used or touched) and removed
// when stopped. When a binary is missing, the error says how to install it.
import { spawn, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export const REDIS_ADVICE = 'Install it with: sudo apt-get update && sudo apt-get install -y redis-server';
export const POSTGRES_ADVICE = 'Install it with: sudo apt-get update && sudo apt-get install -y postgresql';

/** A free TCP port on 127.0.0.1. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && existsSync(path.join(dir, name))) return path.join(dir, name);
  }
  return null;
}

/** The redis-server binary; throws with install advice when missing. */
export function findRedis() {
  const bin = onPath('redis-server');
  if (!bin || spawnSync(bin, ['--version']).status !== 0) {
    throw new Error(`redis-server is not installed (not found on PATH). ${REDIS_ADVICE}`);
  }
  return bin;
}

/** The folder holding PostgreSQL's initdb and postgres; throws with install advice when missing. */
export function findPostgres() {
  const candidates = [];
  const initdb = onPath('initdb');
  if (initdb) candidates.push(path.dirname(initdb));
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    for (const v of readdirSync(root).sort((a, b) => Number(b) - Number(a))) candidates.push(path.join(root, v, 'bin'));
  }
  for (const dir of candidates) {
    if (existsSync(path.join(dir, 'initdb')) && existsSync(path.join(dir, 'postgres'))) return dir;
  }
  throw new Error(`PostgreSQL is not installed (initdb and postgres were found neither on PATH nor in /usr/lib/postgresql/*/bin). ${POSTGRES_ADVICE}`);
}

/** Waits until `cond()` or the process exits; throws after `ms`. */
async function until(cond, proc, ms, what) {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (proc.exitCode !== null || proc.signalCode !== null) throw new Error(`${what()} (the process exited)`);
    if (Date.now() > deadline) throw new Error(`timed out: ${what()}`);
    await sleep(20);
  }
}

function watch(proc) {
  let out = '';
  proc.stdout?.on('data', (d) => (out += d.toString()));
  proc.stderr?.on('data', (d) => (out += d.toString()));
  const exited = new Promise((resolve) => proc.once('exit', (code, signal) => resolve(code ?? signal)));
  return { output: () => out, exited };
}

/**
 * Starts redis-server on a free loopback port without persistence.
 * @returns {Promise<{ port: number, stop(): Promise<unknown> }>}
 */
export async function startRedis() {
  const bin = findRedis();
  const port = await freePort();
  const proc = spawn(bin, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const w = watch(proc);
  const stop = async () => {
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGTERM');
    return w.exited;
  };
  try {
    await until(() => w.output().includes('Ready to accept connections'), proc, 10_000, () => `redis-server to start:\n${w.output()}`);
  } catch (err) {
    await stop();
    throw err;
  }
  return { port, stop };
}

/** uid and gid of a user from /etc/passwd, or null. */
function userIds(name) {
  try {
    const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith(`${name}:`));
    if (!line) return null;
    const [, , uid, gid] = line.split(':');
    return { uid: Number(uid), gid: Number(gid) };
  } catch {
    return null;
  }
}

/**
 * Makes a new PostgreSQL cluster in a temporary folder, starts it on a free
 * loopback port (trust authentication, loopback only) and creates the
 * database `branchpoint` in it. PostgreSQL refuses to run as root: as root,
 * the cluster is made and run as the `postgres` user that Debian's package
 * creates.
 * @param {{ fsync?: boolean }} [options] fsync off by default (throwaway data)
 * @returns {Promise<{ port: number, url: string, stop(): Promise<unknown> }>}
 */
export async function startPostgres({ fsync = false } = {}) {
  const bin = findPostgres();
  let ids = {};
  if (typeof process.getuid === 'function' && process.getuid() === 0) {
    const pgUser = userIds('postgres');
    if (!pgUser) throw new Error(`PostgreSQL refuses to run as root and there is no "postgres" user to run it as. ${POSTGRES_ADVICE} (the package creates that user)`);
    ids = pgUser;
  }
  const dir = mkdtempSync(path.join(tmpdir(), 'bp-pg-'));
  const remove = () => rmSync(dir, { recursive: true, force: true });
  if (ids.uid !== undefined) chownSync(dir, ids.uid, ids.gid);
  const data = path.join(dir, 'data');
  const env = { PATH: process.env.PATH ?? '', LC_ALL: 'C', LANG: 'C' };

  const init = spawnSync(path.join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-locale', '--no-sync'], {
    cwd: dir,
    env,
    encoding: 'utf8',
    ...ids,
  });
  if (init.status !== 0) {
    remove();
    throw new Error(`initdb failed (${init.error?.message ?? `exit ${init.status}`}):\n${init.stdout}${init.stderr}`);
  }

  const port = await freePort();
  const proc = spawn(
    path.join(bin, 'postgres'),
    ['-D', data, '-p', String(port), '-k', dir, '-c', 'listen_addresses=127.0.0.1', '-c', `fsync=${fsync ? 'on' : 'off'}`, '-c', 'max_connections=100'],
    { cwd: dir, env, stdio: ['ignore', 'pipe', 'pipe'], ...ids },
  );
  const w = watch(proc);
  const stop = async () => {
    // SIGINT: PostgreSQL's "fast" shutdown.
    if (proc.exitCode === null && proc.signalCode === null) proc.kill('SIGINT');
    const r = await w.exited;
    remove();
    return r;
  };
  try {
    await until(() => w.output().includes('ready to accept connections'), proc, 30_000, () => `PostgreSQL to start:\n${w.output()}`);
    const { default: pg } = await import('pg');
    const admin = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres` });
    await admin.connect();
    try {
      await admin.query('CREATE DATABASE branchpoint');
    } finally {
      await admin.end();
    }
  } catch (err) {
    await stop();
    throw err;
  }
  return { port, url: `postgres://postgres@127.0.0.1:${port}/branchpoint`, stop };
}
