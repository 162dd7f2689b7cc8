import { spawn } from 'node:child_process';

/** A `go` command that failed; carries the tail of its output for diagnosis. */
export class GoCommandError extends Error {
  constructor(
    message: string,
    readonly args: readonly string[],
    readonly output: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'GoCommandError';
  }
}

/** Options for {@link runGo}. */
export interface RunGoOptions {
  readonly cwd: string;
  /** Extra environment on top of `process.env`. */
  readonly env?: Readonly<Record<string, string>>;
  /** Receives each line of stderr as it arrives (go build reports errors and downloads there). */
  readonly onStderrLine?: (line: string) => void;
}

/**
 * The environment every go invocation gets: never switch toolchains (CI has exactly one and no
 * network access for toolchain downloads), and build static binaries without a C compiler.
 */
export const GO_ENV: Readonly<Record<string, string>> = { GOTOOLCHAIN: 'local', CGO_ENABLED: '0' };

/**
 * Runs `go <args>` and resolves with its stdout. Rejects with {@link GoCommandError} on a non-zero
 * exit or when `go` cannot be started.
 */
export function runGo(args: readonly string[], options: RunGoOptions): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn('go', args, {
      cwd: options.cwd,
      env: { ...process.env, ...GO_ENV, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const stdout: Buffer[] = [];
    const stderrTail: string[] = [];
    let partial = '';
    child.stdout.on('data', (chunk: Buffer) => stdout.push(chunk));
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop() ?? '';
      for (const line of lines) emit(line);
    });
    const emit = (line: string): void => {
      stderrTail.push(line);
      if (stderrTail.length > 60) stderrTail.shift();
      options.onStderrLine?.(line);
    };
    child.on('error', (err) => {
      reject(new GoCommandError(`cannot run "go ${args.join(' ')}": ${err.message} (is Go on PATH?)`, args, '', { cause: err }));
    });
    child.on('close', (code, signal) => {
      if (partial !== '') emit(partial);
      if (code === 0) {
        resolvePromise(Buffer.concat(stdout).toString('utf8'));
        return;
      }
      const output = stderrTail.join('\n');
      reject(
        new GoCommandError(
          `"go ${args.join(' ')}" in ${options.cwd} failed (${signal ?? `exit ${String(code)}`}):\n${output}`,
          args,
          output,
        ),
      );
    });
  });
}
