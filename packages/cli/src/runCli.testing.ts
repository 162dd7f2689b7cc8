import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { main } from './main.js';

/** The repository root, for example files. */
export const repo = new URL('../../../', import.meta.url).pathname;

/** Runs the CLI in-process with `argv`, capturing its exit code and output. */
export async function run(...argv: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, { stdout: (t) => (stdout += t), stderr: (t) => (stderr += t) });
  return { code, stdout, stderr };
}

/** Writes `text` to a new file `name` in a fresh temporary directory and returns its path. */
export function tempFile(name: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'kro-designer-cli-'));
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}
