/**
 * The dashboard build: src/web → dist/web, served by the same Fastify process (src/server/web.ts).
 * Everything ships from npm: no CDN, no web fonts. The map's shapes are cut from world-atlas at
 * build time (see atlasPlugin) so the browser fetches only the countries it draws.
 */
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { atlasPlugin } from './scripts/atlas-plugin.js';

export default defineConfig({
  // Absolute, so the build works from any working directory (tests, npm scripts).
  root: fileURLToPath(new URL('./src/web', import.meta.url)),
  base: '/',
  plugins: [react(), atlasPlugin()],
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    // Pages load their charts on demand; the overview must stay small (see bench/dashboard.ts).
    chunkSizeWarningLimit: 1600,
    rolldownOptions: {
      output: {
        // Keep Observable Plot and the parts of d3 only it uses out of the overview's bundle:
        // without this, modules shared with the map (d3-array, …) pull Plot's into the entry.
        codeSplitting: {
          groups: [
            {
              name: 'plot',
              test: /node_modules[\\/](@observablehq[\\/]plot|d3-(?!geo|array)[a-z-]+|d3[\\/]|isoformat|interval-tree-1d|binary-search-bounds)[\\/]/,
            },
          ],
        },
      },
    },
  },
});
