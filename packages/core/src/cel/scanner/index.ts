export { scanExpressions, isStandalone, NESTED_EXPRESSION_MESSAGE, type ExpressionMatch, type ScanResult } from './scanExpressions.js';
export { buildStringTemplate, type StringTemplate } from './buildStringTemplate.js';
