import { describe, expect, it } from 'vitest';
import { nodeSecrets, scryptPasswordHasher } from './nodeSecrets.js';

describe('nodeSecrets', () => {
  it('hashes passwords with scrypt and verifies them', async () => {
    const hasher = scryptPasswordHasher({ N: 1024, r: 8, p: 1 });
    const stored = await hasher.hash('correct horse battery');
    expect(stored).toMatch(/^scrypt\$1024\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
    expect(await hasher.hash('correct horse battery')).not.toBe(stored);
    expect(await hasher.verify('correct horse battery', stored)).toBe(true);
    expect(await hasher.verify('wrong', stored)).toBe(false);
    expect(await hasher.verify('x', 'plain text')).toBe(false);
    expect(await hasher.verify('x', 'scrypt$99999999$8$1$a$b')).toBe(false);
  });

  it('makes long random tokens and stable sha256 hashes', () => {
    expect(nodeSecrets.newToken()).toMatch(/^[\w-]{43}$/);
    expect(nodeSecrets.newToken()).not.toBe(nodeSecrets.newToken());
    expect(nodeSecrets.sha256('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(nodeSecrets.equal('a', 'a')).toBe(true);
    expect(nodeSecrets.equal('a', 'ab')).toBe(false);
  });
});
