#!/usr/bin/env node
// Runs the TypeScript CLI directly from source through tsx, so `npx kro-designer` works right after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
process.exitCode = await main(process.argv.slice(2));
