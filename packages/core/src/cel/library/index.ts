/**
 * kro's CEL function library on cel-js: {@link createKroEnvironment} builds the environment every kro expression is
 * checked and evaluated in; {@link listCelFunctions} describes its functions for editors; {@link isNamespacedFunction}
 * tells `random.seededString(...)` from a method call on a variable; {@link checkCelRegex} validates regexes as
 * `matches`/`find`/`findAll` will use them.
 */
export { createKroEnvironment, KRO_ENVIRONMENT_OPTIONS, type KroEnvironmentOptions } from './createKroEnvironment.js';
export { listCelFunctions, celTypeDisplay, type CelFunctionInfo } from './listCelFunctions.js';
export { isNamespacedFunction, isKnownFunction, KRO_FUNCTION_NAMESPACES, KRO_NAMESPACED_FUNCTIONS } from './namespacedFunctions.js';
export { checkCelRegex, type CelRegexCheck } from './regexLibrary.js';
export type { CelLibraryId } from './CelFunctionDef.js';
export { KroCondition, KRO_RUNTIME, RUNTIME_TYPE, CONDITION_TYPE } from './runtimeLibrary.js';
export { KroOmit, KRO_OMIT } from './kroLibrary.js';
export { CelQuantity, QUANTITY_TYPE } from './quantityLibrary.js';
export { CelURL, URL_TYPE } from './urlLibrary.js';
export { CelIP, CelCIDR, IP_TYPE, CIDR_TYPE } from './ipLibrary.js';
export { CelSemver, SEMVER_TYPE } from './semverLibrary.js';
export { goDurationString, formatRfc3339, formatRfc3339Nano } from './goTime.js';
export { formatCelValue } from './formatCelValue.js';
export { celGoErrorMessage } from './celGoErrorMessage.js';
