#!/usr/bin/env node
// The `accord` command. It runs the TypeScript sources through tsx, so `npm install` needs no
// build step; see docs/adr/0002-run-typescript-with-tsx.md.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
process.exitCode = await main(process.argv);
