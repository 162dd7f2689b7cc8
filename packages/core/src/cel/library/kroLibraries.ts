import { builtinDocs } from './builtinDocs.js';
import type { CelLibrary } from './CelFunctionDef.js';
import { comprehensionMacros } from './comprehensionsLibrary.js';
import { encodersLibrary } from './encodersLibrary.js';
import { ipLibrary } from './ipLibrary.js';
import { k8sListsLibrary } from './k8sListsLibrary.js';
import { kroLibrary } from './kroLibrary.js';
import { listsExtLibrary } from './listsExtLibrary.js';
import { optionalLibrary } from './optionalLibrary.js';
import { quantityLibrary } from './quantityLibrary.js';
import { regexLibrary } from './regexLibrary.js';
import { runtimeLibrary } from './runtimeLibrary.js';
import { semverLibrary } from './semverLibrary.js';
import { standardLibrary } from './standardLibrary.js';
import { stringsLibrary } from './stringsLibrary.js';
import { timestampLibrary } from './timestampLibrary.js';
import { urlLibrary } from './urlLibrary.js';

/**
 * The libraries of kro v0.9.3's `BaseDeclarations` on top of cel-js: cel-go's ext TwoVarComprehensions, Lists,
 * Strings, Bindings (cel-js), OptionalTypes, Encoders; Kubernetes Lists, URLs, Regex, Quantity, IP, CIDR, Semver;
 * kro's Random, Maps, JSON, Hash, Lists, Omit, Runtime. Not included (as in kro): cel-go Math and Sets, Kubernetes
 * sets, format and authz libraries. Order matters only for type registration (types before functions).
 */
export const KRO_LIBRARIES: readonly CelLibrary[] = [
  builtinDocs,
  standardLibrary,
  timestampLibrary,
  stringsLibrary,
  listsExtLibrary,
  encodersLibrary,
  optionalLibrary,
  { functions: [], macros: comprehensionMacros },
  k8sListsLibrary,
  urlLibrary,
  regexLibrary,
  quantityLibrary,
  ipLibrary,
  semverLibrary,
  kroLibrary,
  runtimeLibrary,
];
