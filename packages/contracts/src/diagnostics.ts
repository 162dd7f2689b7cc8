import { z } from 'zod';
import type { Diagnostic as CoreDiagnostic } from '@kro-designer/core';

const Span = z.object({ start: z.number().int(), end: z.number().int() }).meta({ description: 'UTF-16 offsets into the YAML text, end exclusive' });
const Position = z.object({ line: z.number().int(), column: z.number().int() }).meta({ description: '1-based line and column (UTF-16 code units)' });

/** The core's diagnostic plus a 1-based range, so clients need not rebuild a line index. */
export const Diagnostic = z
  .object({
    code: z.string(),
    severity: z.enum(['error', 'warning', 'info']),
    message: z.string(),
    span: Span,
    range: z.object({ start: Position, end: Position }),
    path: z.string(),
    resourceId: z.string().optional(),
    related: z
      .array(z.object({ message: z.string(), span: Span.optional(), path: z.string().optional(), resourceId: z.string().optional() }))
      .optional(),
    fixes: z.array(z.object({ title: z.string(), edits: z.array(z.object({ span: Span, newText: z.string() })) })).optional(),
  })
  .meta({ id: 'Diagnostic' });
export type Diagnostic = z.infer<typeof Diagnostic>;

/** Compile-time proof that every core diagnostic fits the contract once a range is added. */
export type CoreDiagnosticFits = CoreDiagnostic extends Omit<Diagnostic, 'range'> ? true : never;
