// Starts the app and its sync server together (after `next build`): the sync
// server (server/sync-server.mjs, SQLite in data/) and `next start`, their
// output forwarded with a prefix, both stopped on Ctrl+C or SIGTERM, and the
// other stopped when one exits.
//
// Settings (environment): PORT (3000) and HOST for the app; SYNC_PORT (1234),
// SYNC_HOST and the server's other settings (server/sync-server.mjs). The page
// learns the sync server's address from SYNC_URL (default: ws://<SYNC_HOST>:<SYNC_PORT>).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout } from 'node:timers';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const env = process.env;
const syncPort = env.SYNC_PORT ?? '1234';
const syncHost = env.SYNC_HOST ?? '127.0.0.1';
const appPort = env.PORT ?? '3000';
const shared = { ...env, NEXT_TELEMETRY_DISABLED: '1', SYNC_PORT: syncPort, SYNC_HOST: syncHost };

const children = [];
let stopping = false;

function run(name, command, args, extraEnv = {}) {
  const child = spawn(command, args, { cwd: root, env: { ...shared, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
  const forward = (stream, out) => {
    let rest = '';
    stream.on('data', (d) => {
      const lines = (rest + d.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) out.write(`[${name}] ${line}\n`);
    });
    stream.on('end', () => rest && out.write(`[${name}] ${rest}\n`));
  };
  forward(child.stdout, process.stdout);
  forward(child.stderr, process.stderr);
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`[start] ${name} stopped (${signal ?? `exit code ${code}`}); stopping the rest`);
      stop(code ?? 1);
    }
  });
  children.push(child);
  return child;
}

function stop(code = 0) {
  if (stopping) return;
  stopping = true;
  const alive = children.filter((c) => c.exitCode === null && c.signalCode === null);
  for (const c of alive) c.kill('SIGTERM');
  let left = alive.length;
  if (left === 0) process.exit(code);
  for (const c of alive) c.once('exit', () => --left === 0 && process.exit(code));
  setTimeout(() => {
    for (const c of alive) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    process.exit(code);
  }, 5000).unref();
}

process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

run('sync', process.execPath, [path.join(root, 'server', 'sync-server.mjs')]);
const nextBin = path.join(root, 'node_modules', 'next', 'dist', 'bin', 'next');
const nextArgs = [nextBin, 'start', '-p', appPort];
if (env.HOST) nextArgs.push('-H', env.HOST);
run('app', process.execPath, nextArgs, { SYNC_URL: env.SYNC_URL ?? `ws://${syncHost}:${syncPort}` });
console.log(`[start] app on http://${env.HOST ?? 'localhost'}:${appPort}, sync server on ws://${syncHost}:${syncPort} (Ctrl+C stops both)`);
