#!/usr/bin/env node
// Builds the dashboard (src/web → dist/web) when the build is missing or older than its
// sources. Runs on `npm install` (prepare), before `npm start` (prestart) and before the browser
// tests, so a fresh clone always serves a current dashboard without a separate step.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { URL, fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const built = join(root, 'dist', 'web', 'index.html');
const inputs = [
  join(root, 'src', 'web'),
  join(root, 'src', 'core'),
  join(root, 'vite.config.ts'),
  join(root, 'scripts', 'atlas-plugin.ts'),
  join(root, 'package-lock.json'),
];

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), 0);
}

const force = process.argv.includes('--force');
if (!force && existsSync(built) && statSync(built).mtimeMs >= Math.max(...inputs.map(newest))) {
  process.exit(0);
}
// Without this a programmatic build bundles React's development build (twice the size).
process.env.NODE_ENV = 'production';
let vite;
try {
  vite = await import('vite');
} catch {
  // A production install without devDependencies: serve the plain page instead.
  console.error(
    'accord: vite is not installed, so the dashboard is not built (the plain page is served).',
  );
  process.exit(0);
}
console.error('accord: building the dashboard (src/web → dist/web)…');
const started = Date.now();
await vite.build({
  configFile: join(root, 'vite.config.ts'),
  mode: 'production',
  logLevel: 'warn',
});
console.error(`accord: dashboard built in ${((Date.now() - started) / 1000).toFixed(1)} s`);
