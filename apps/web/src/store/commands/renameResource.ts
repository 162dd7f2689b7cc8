import { isMap, isScalar } from 'yaml';
import type { Command, CommandResult } from '../DesignStore';
import { locateResources } from './locateResources';
import { rewriteReferences } from './renameReferences';
import { yamlScalarText } from './schemaFields';

/** A resource id kro accepts: lowerCamelCase, starting with a letter (see kro's id rules). */
const RESOURCE_ID = /^[a-z][a-zA-Z0-9]*$/;
/**
 * The reserved words a rename most likely hits; the validator (the core's full list, in its worker) reports any other
 * reserved id as a located problem right after the rename, which undo reverts in one step.
 */
const RESERVED = new Set(['schema', 'spec', 'status', 'metadata', 'item', 'items', 'each', 'self', 'this', 'kro']);

/**
 * Renames resource `oldId` to `newId`: its `id:` value changes in place and every `${oldId…}` reference in the
 * document follows (one command, so one undo step). Comments, quoting and unknown fields keep their bytes.
 */
export function renameResource(oldId: string, newId: string): Command {
  return {
    label: `Rename resource ${oldId} to ${newId}`,
    run(text): CommandResult {
      if (!RESOURCE_ID.test(newId)) return { ok: false, message: `“${newId}” is not a valid resource id (lowerCamelCase: a lower-case letter, then letters and digits)` };
      if (RESERVED.has(newId)) return { ok: false, message: `“${newId}” is a reserved word in kro` };
      const located = locateResources(text);
      if (!located.ok) return located;
      const { seq, ids } = located.value;
      if (newId === oldId) return { ok: true, text };
      if (ids.includes(newId)) return { ok: false, message: `A resource with id ${newId} already exists` };
      const index = ids.indexOf(oldId);
      const item = index === -1 ? undefined : seq?.items[index];
      const idNode = isMap(item) ? item.get('id', true) : undefined;
      if (!isScalar(idNode) || !idNode.range) return { ok: false, message: `There is no resource with id ${oldId}` };
      const [start, end] = idNode.range;
      const renamed = text.slice(0, start) + yamlScalarText(newId, idNode.type) + text.slice(end);
      return rewriteReferences(renamed, [oldId], [newId]);
    },
  };
}
