// Loads the app's TypeScript modules (lib/) in Node for the benchmark scripts,
// through Vite's SSR loader with the same '@' alias as vitest. No build, no
// browser, no file watching. Close it when done.
import { createServer } from 'vite';

/** A Vite server in middleware mode rooted at `root`: `ssrLoadModule('/lib/...')` and `close()`. */
export function tsLoader(root) {
  return createServer({
    root,
    configFile: false,
    logLevel: 'error',
    appType: 'custom',
    resolve: { alias: { '@': root } },
    server: { middlewareMode: true, hmr: false, watch: null, ws: false },
    optimizeDeps: { noDiscovery: true, include: [] },
  });
}
