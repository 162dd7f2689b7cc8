import { readFile } from 'node:fs/promises';
import { InputError } from './collectFiles.js';

/** Reads a file as UTF-8 text, dropping a byte-order mark. I/O failures become an {@link InputError}. */
export async function readTextFile(path: string): Promise<string> {
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch (cause) {
    const code = (cause as NodeJS.ErrnoException).code;
    throw new InputError(`${path}: cannot read file${code ? ` (${code})` : ''}`, { cause });
  }
  const text = bytes.toString('utf8');
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
