export type OutputFormat = 'text' | 'json';

export type Command =
  | { readonly name: 'validate'; readonly inputs: readonly string[]; readonly crds: readonly string[]; readonly format: OutputFormat; readonly color: boolean }
  | { readonly name: 'crd'; readonly input: string; readonly crds: readonly string[] }
  | {
      readonly name: 'render';
      readonly rgd: string;
      readonly instance: string;
      readonly crds: readonly string[];
      readonly format: 'yaml' | 'json';
      readonly featureGates: { readonly CELOmitFunction?: boolean };
    }
  | { readonly name: 'help'; readonly topic?: string }
  | { readonly name: 'version' };

export class UsageError extends Error {}

/** Parses the command line. Throws {@link UsageError} with a message meant for the user. */
export function parseArgs(argv: readonly string[]): Command {
  const [command, ...rest] = argv;
  if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
    return rest[0] !== undefined ? { name: 'help', topic: rest[0] } : { name: 'help' };
  }
  if (command === '--version' || command === 'version') return { name: 'version' };
  const positional: string[] = [];
  const crds: string[] = [];
  let format: OutputFormat | 'yaml' | undefined;
  let color = false;
  let instance: string | undefined;
  const featureGates: { CELOmitFunction?: boolean } = {};
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    const [flag, inline] = arg.startsWith('--') && arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = (): string => {
      const v = inline ?? rest[++i];
      if (v === undefined || v === '') throw new UsageError(`${flag} needs a value`);
      return v;
    };
    if (flag === '--help' || flag === '-h') return { name: 'help', topic: command };
    else if (flag === '--crd') crds.push(value());
    else if (flag === '--format') {
      const v = value();
      const allowed = command === 'render' ? ['yaml', 'json'] : ['text', 'json'];
      if (!allowed.includes(v)) throw new UsageError(`--format must be ${allowed.join(' or ')}, got ${JSON.stringify(v)}`);
      format = v as OutputFormat | 'yaml';
    } else if (flag === '--instance') instance = value();
    else if (flag === '--feature-gates') {
      for (const gate of value().split(',')) {
        const m = /^(\w+)=(true|false)$/.exec(gate.trim());
        if (!m || m[1] !== 'CELOmitFunction') throw new UsageError(`--feature-gates takes CELOmitFunction=true|false, got ${JSON.stringify(gate)}`);
        featureGates.CELOmitFunction = m[2] === 'true';
      }
    } else if (flag === '--color') color = true;
    else if (flag.startsWith('-') && flag !== '-') throw new UsageError(`unknown option ${flag}`);
    else positional.push(arg);
  }
  if (command === 'validate') {
    if (positional.length === 0) throw new UsageError('validate needs at least one file or directory');
    return { name: 'validate', inputs: positional, crds, format: format === 'json' ? 'json' : 'text', color };
  }
  if (command === 'crd') {
    if (positional.length !== 1) throw new UsageError('crd needs exactly one RGD file');
    return { name: 'crd', input: positional[0]!, crds };
  }
  if (command === 'render') {
    if (positional.length !== 1) throw new UsageError('render needs exactly one RGD file');
    if (instance === undefined) throw new UsageError('render needs --instance <file> (the custom resource to render)');
    return { name: 'render', rgd: positional[0]!, instance, crds, format: format === 'json' ? 'json' : 'yaml', featureGates };
  }
  throw new UsageError(`unknown command ${JSON.stringify(command)}`);
}

export const USAGE = `kro-designer — validate kro ResourceGraphDefinitions offline, as kro v0.9.3 would.

Usage:
  kro-designer validate <file|dir>... [--crd <file|dir>]... [--format text|json]
  kro-designer crd <rgd-file> [--crd <file|dir>]...
  kro-designer render <rgd-file> --instance <file> [--crd <file|dir>]... [--format yaml|json]
  kro-designer --help | --version

validate  Checks every ResourceGraphDefinition in the given YAML files (directories are searched for
          *.yaml, *.yml and *.json) and reports every problem with file:line:column.
          Exit status: 0 when every RGD is valid, 1 when any has an error, 2 on usage or I/O errors.
crd       Prints the CustomResourceDefinition kro would generate for the RGD's instances.
render    Prints the objects kro would apply for the instance (defaulted and validated as the API server
          would): a YAML stream with a comment per excluded or pending resource, or JSON with every
          resource's state, the pending expressions and the resolvable status. Same exit status as validate.

Options:
  --crd <file|dir>   CRD YAML for kinds that are not built into Kubernetes 1.35 (repeatable).
  --format json      Machine-readable output (validate, render).
  --instance <file>  The instance (YAML or JSON) to render.
  --feature-gates CELOmitFunction=true
                     kro controller feature gates (render: enables omit()).
`;
