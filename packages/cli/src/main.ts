import { renderCodeFrame, validateFiles, type Diagnostic } from '@kro-designer/core';
import { stringify } from 'yaml';
import { collectFiles, InputError } from './collectFiles.js';
import { toJsonReport, toTextReport, type FileReport } from './formatReport.js';
import { parseArgs, USAGE, UsageError } from './parseArgs.js';
import { readTextFile } from './readTextFile.js';
import { renderCommand } from './renderCommand.js';

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
}

const processIo: CliIo = {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
};

/**
 * Runs the CLI and returns its exit status: 0 valid, 1 an RGD has errors, 2 usage or I/O error.
 * Never throws for user mistakes; an unexpected exception is a bug and is reported as such with exit status 2.
 */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  try {
    const command = parseArgs(argv);
    switch (command.name) {
      case 'help':
        io.stdout(USAGE);
        return 0;
      case 'version':
        io.stdout('kro-designer 0.1.0 (kro v0.9.3 semantics, Kubernetes 1.35 schemas)\n');
        return 0;
      case 'validate':
        return await validate(command.inputs, command.crds, command.format, io);
      case 'crd':
        return await printCrd(command.input, command.crds, io);
      case 'render': {
        const [crds, rgd, instance] = await Promise.all([loadCrds(command.crds), readTextFile(command.rgd), readTextFile(command.instance)]);
        const out = renderCommand({ rgd: { path: command.rgd, text: rgd }, instance: { path: command.instance, text: instance }, crds, featureGates: command.featureGates }, command.format);
        io.stderr(out.stderr);
        io.stdout(out.stdout);
        return out.code;
      }
    }
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`kro-designer: ${err.message}\n\n${USAGE}`);
      return 2;
    }
    if (err instanceof InputError) {
      io.stderr(`kro-designer: ${err.message}\n`);
      return 2;
    }
    io.stderr(`kro-designer: internal error (please report it): ${err instanceof Error ? err.message : String(err)}\n`);
    return 2;
  }
}

async function loadCrds(crdPaths: readonly string[]) {
  const crdFiles = await collectFiles(crdPaths);
  return Promise.all(crdFiles.map(async (path) => ({ path, text: await readTextFile(path) })));
}

/** Prints CRD file problems; errors make the CRDs unusable, which is an input error (exit 2). */
function reportCrdProblems(crds: readonly { path: string; text: string }[], byFile: ReadonlyMap<string, readonly Diagnostic[]>, io: CliIo): void {
  let failed = false;
  for (const file of crds) {
    for (const d of byFile.get(file.path) ?? []) {
      if (d.severity === 'info') continue;
      if (d.severity === 'error') failed = true;
      io.stderr(renderCodeFrame(file.text, d, { fileName: file.path }) + '\n');
    }
  }
  if (failed) throw new InputError('the CRD files above could not be used');
}

async function validate(inputs: readonly string[], crdPaths: readonly string[], format: 'text' | 'json', io: CliIo): Promise<number> {
  const crds = await loadCrds(crdPaths);
  const paths = await collectFiles(inputs);
  if (paths.length === 0) throw new InputError(`no YAML files found in ${inputs.join(', ')}`);
  const files = await Promise.all(paths.map(async (path) => ({ path, text: await readTextFile(path) })));
  const result = validateFiles(files, { crds });
  reportCrdProblems(crds, result.crdDiagnostics, io);
  const reports: FileReport[] = [...result.files];
  io.stdout(format === 'json' ? JSON.stringify(toJsonReport(reports), null, 2) + '\n' : toTextReport(reports));
  return reports.every((r) => r.result.valid) ? 0 : 1;
}

async function printCrd(input: string, crdPaths: readonly string[], io: CliIo): Promise<number> {
  const crds = await loadCrds(crdPaths);
  const text = await readTextFile(input);
  const validation = validateFiles([{ path: input, text }], { crds });
  reportCrdProblems(crds, validation.crdDiagnostics, io);
  const result = validation.files[0]!.result;
  const withCrd = result.rgds.filter((r) => r.crd !== undefined);
  for (const d of result.diagnostics) {
    if (d.severity !== 'info') io.stderr(renderCodeFrame(result.source.lines, d, { fileName: input }) + '\n');
  }
  if (withCrd.length === 0) {
    io.stderr(`kro-designer: ${input}: no CRD could be generated (the file needs a ResourceGraphDefinition with a valid spec.schema)\n`);
    return 1;
  }
  io.stdout(withCrd.map((r) => stringify(r.crd, { lineWidth: 0 })).join('---\n'));
  return result.valid ? 0 : 1;
}
