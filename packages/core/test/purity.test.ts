import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const repo = new URL('../../../', import.meta.url).pathname;

describe('packages/core purity rules', () => {
  it('rejects Node modules, the DOM, timers, clocks, randomness and console in core source', async () => {
    const eslint = new ESLint({ cwd: repo });
    const probe = [
      "import { readFileSync } from 'node:fs';",
      "export const f = () => [readFileSync, document, setTimeout, Date.now(), new Date(), Math.random(), console.log('x'), fetch];",
    ].join('\n');
    const [result] = await eslint.lintText(probe, { filePath: `${repo}packages/core/src/probe.ts` });
    const rules = new Set(result!.messages.map((m) => m.ruleId));
    expect(rules).toEqual(new Set(['no-restricted-imports', 'no-restricted-globals', 'no-restricted-properties', 'no-restricted-syntax']));
    expect(result!.messages.length).toBe(8);
  });

  it('allows the same code outside the core', async () => {
    const eslint = new ESLint({ cwd: repo });
    const [result] = await eslint.lintText("import { readFileSync } from 'node:fs';\nexport const f = () => [readFileSync, Date.now()];\n", {
      filePath: `${repo}packages/cli/src/probe.ts`,
    });
    expect(result!.messages).toEqual([]);
  });
});
