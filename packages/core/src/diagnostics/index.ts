export * from './Diagnostic.js';
export { DIAGNOSTIC_CATALOG, defaultSeverity, type DiagnosticCode } from './codes.js';
export { createDiagnostic, hasErrors, type DiagnosticExtras } from './createDiagnostic.js';
export { sortDiagnostics } from './sortDiagnostics.js';
export { renderCodeFrame, type CodeFrameOptions } from './renderCodeFrame.js';
