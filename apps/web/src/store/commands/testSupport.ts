import { createSchemaRegistry, validateSource } from '@kro-designer/core';
import { STARTERS } from '../../features/starters/starters';

/** Shared setup for the command tests: the built-in registry, the webapp starter, and the first RGD a text validates to. */
export const registry = createSchemaRegistry({}).value;
export const webapp = STARTERS.find((s) => s.id === 'webapp')!.text;
export const rgdOf = (text: string) => validateSource(text, { registry }).rgds[0]!;
