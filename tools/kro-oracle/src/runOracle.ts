import { spawn } from 'node:child_process';
import type { OracleBuild } from './buildOracle.js';

export interface TextFile {
  readonly path: string;
  readonly text: string;
}

/** kro's answer for one RGD document (see go/verdict.go). */
export interface OracleVerdict {
  readonly group?: string;
  readonly file: string;
  readonly document: number;
  readonly name: string;
  readonly valid: boolean;
  readonly error?: string;
  readonly topologicalOrder: readonly string[];
  readonly crd?: Record<string, unknown>;
  /** The API server could not publish (or kro could not serialise) the CRD kro generated. */
  readonly crdError?: string;
}

export interface CelCase {
  readonly id: string;
  readonly expr: string;
  readonly context?: Record<string, unknown>;
}

/** Exactly one of value (canonical text, as formatCelValue prints it), error or checkError. */
export interface CelOutcome {
  readonly id: string;
  readonly value?: string;
  readonly error?: string;
  readonly checkError?: string;
}

function run(binary: string, args: readonly string[], input: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(binary, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (c: Buffer) => out.push(c));
    child.stderr.on('data', (c: Buffer) => err.push(c));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      if (code === 0) resolvePromise(Buffer.concat(out).toString('utf8'));
      else reject(new Error(`kro-oracle ${args[0] ?? ''} failed (${signal ?? `exit ${String(code)}`}): ${Buffer.concat(err).toString('utf8').slice(-4000)}`));
    });
    child.stdin.end(input);
  });
}

/**
 * Validates groups of RGD files with kro's builder. Files of one group are applied together (an RGD may use the
 * kind a sibling defines); `crds` are installed for every group.
 */
export async function oracleVerdicts(
  build: OracleBuild,
  request: { readonly crds: readonly TextFile[]; readonly groups: readonly { readonly id: string; readonly files: readonly TextFile[] }[] },
): Promise<OracleVerdict[]> {
  const args = ['verdict', '-schemas', build.kubernetesSchemas, '-rgd-crd', build.rgdCrd, '-batch'];
  const out = await run(build.binary, args, JSON.stringify(request));
  return out
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as OracleVerdict);
}

/** Evaluates CEL expressions in kro's environment. */
export async function oracleEval(build: OracleBuild, cases: readonly CelCase[]): Promise<CelOutcome[]> {
  return JSON.parse(await run(build.binary, ['eval'], JSON.stringify({ vectors: cases }))) as CelOutcome[];
}
