import { readdir, stat } from 'node:fs/promises';
import { extname, join } from 'node:path';

const YAML_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);

export class InputError extends Error {}

/**
 * Expands files and directories into a sorted list of files. Directories are searched recursively for YAML/JSON
 * files; a path that does not exist is an {@link InputError} naming it.
 */
export async function collectFiles(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const p of paths) {
    let info;
    try {
      info = await stat(p);
    } catch (cause) {
      throw new InputError(`${p}: no such file or directory`, { cause });
    }
    if (info.isDirectory()) files.push(...(await walk(p)));
    else files.push(p);
  }
  return files;
}

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const out: string[] = [];
  for (const e of entries) {
    const full = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      out.push(...(await walk(full)));
    } else if (e.isFile() && YAML_EXTENSIONS.has(extname(e.name).toLowerCase())) out.push(full);
  }
  return out;
}
