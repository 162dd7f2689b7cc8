import { stringify } from 'yaml';
import type { PreviewObject } from '../validation/protocol';

const cache = new WeakMap<PreviewObject, string>();

/** The YAML text of a rendered object: the worker's, or stringified once here for items it sent only as data. */
export function objectYaml(o: PreviewObject): string {
  if (o.yaml !== undefined) return o.yaml;
  let text = cache.get(o);
  if (text === undefined) {
    text = stringify(o.object, { lineWidth: 0 });
    cache.set(o, text);
  }
  return text;
}

/** A cheap identity of an object's content, to tell whether a render changed it. */
export function objectKey(o: PreviewObject): string {
  return o.yaml ?? JSON.stringify(o.object);
}
