import type { ASTNode } from '@marcbachmann/cel-js';

/** Names an expression mentions, from its parsed AST. */
export interface ExpressionNames {
  /** Identifiers in order of first appearance (comprehension variables included: the AST does not bind them). */
  readonly identifiers: readonly string[];
  /** Field names selected with `.f`, `.?f` or a string-literal index `["f"]`. */
  readonly members: ReadonlySet<string>;
  /** Number of field selections, an upper bound on how deep the expression can reach into a type. */
  readonly selections: number;
}

/** Walks a cel-js AST and collects its identifiers and selected field names. */
export function collectNames(ast: ASTNode): ExpressionNames {
  const identifiers: string[] = [];
  const seen = new Set<string>();
  const members = new Set<string>();
  let selections = 0;
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const v of value) visit(v);
      return;
    }
    if (!isNode(value)) return;
    switch (value.op) {
      case 'id': {
        const name = value.args as string;
        if (!seen.has(name)) {
          seen.add(name);
          identifiers.push(name);
        }
        return;
      }
      case 'value':
        return;
      case '.':
      case '.?': {
        const [operand, field] = value.args as [ASTNode, string];
        members.add(field);
        selections++;
        visit(operand);
        return;
      }
      case '[]':
      case '[?]': {
        const [operand, index] = value.args as [ASTNode, ASTNode];
        if (index.op === 'value' && typeof index.args === 'string') {
          members.add(index.args);
          selections++;
        }
        visit(operand);
        visit(index);
        return;
      }
      default:
        visit(value.args);
    }
  };
  visit(ast);
  return { identifiers, members, selections };
}

function isNode(value: unknown): value is ASTNode {
  return typeof value === 'object' && value !== null && 'op' in value && 'args' in value;
}
