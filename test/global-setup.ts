/**
 * Once per test run: make sure the dashboard build in dist/web is current, so the browser tests
 * exercise the code in this checkout (a no-op when nothing in src/web changed).
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export function setup(): void {
  execFileSync(
    process.execPath,
    [fileURLToPath(new URL('../scripts/build-web.js', import.meta.url))],
    {
      stdio: 'inherit',
    },
  );
}
