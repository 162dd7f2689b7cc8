import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createSchemaRegistry } from '../src/schemas/index.js';
import { renderInstance } from '../src/render/renderInstance.js';
import type { RenderOptions } from '../src/render/RenderTypes.js';
import { fixtureView } from './renderFixture.js';

/**
 * One RGD + instance per render rule (kro-spec §5, §10.3): `<name>.rgd.yaml`, `<name>.instance.yaml`, optional
 * `<name>.options.json` (RenderOptions without `observed`), and `<name>.expected.json` with the whole result.
 * `UPDATE_FIXTURES=1` rewrites the expectations; review the diff before committing it.
 */
const dir = new URL('./fixtures/render/', import.meta.url).pathname;
const cases = readdirSync(dir).filter((f) => f.endsWith('.rgd.yaml')).map((f) => f.replace(/\.rgd\.yaml$/, '')).sort();
const registry = createSchemaRegistry({}).value;

describe('render fixtures', () => {
  it('has fixtures', () => expect(cases.length).toBeGreaterThanOrEqual(10));
  for (const name of cases) {
    it(name, () => {
      const rgd = readFileSync(join(dir, `${name}.rgd.yaml`), 'utf8');
      const instance = readFileSync(join(dir, `${name}.instance.yaml`), 'utf8');
      const optionsPath = join(dir, `${name}.options.json`);
      const options = existsSync(optionsPath) ? (JSON.parse(readFileSync(optionsPath, 'utf8')) as RenderOptions) : {};
      const got = JSON.parse(JSON.stringify(fixtureView(renderInstance(rgd, registry, instance, options), rgd, instance))) as unknown;
      const expectedPath = join(dir, `${name}.expected.json`);
      if (process.env.UPDATE_FIXTURES === '1' || !existsSync(expectedPath)) writeFileSync(expectedPath, JSON.stringify(got, null, 2) + '\n');
      expect(got).toEqual(JSON.parse(readFileSync(expectedPath, 'utf8')));
    });
  }
});
