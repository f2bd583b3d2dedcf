import { execa } from 'execa';

export interface CommandResult {
  /** the argument vector as it was run */
  readonly command: readonly string[];
  readonly exitCode: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface RunOptions {
  /** default 30 s; every command is bounded */
  readonly timeoutMs?: number;
  /** resolve with the result instead of throwing when the exit code is not 0 */
  readonly allowFailure?: boolean;
  readonly input?: string;
  /** the working directory, e.g. for a Makefile that writes relative to $(PWD) */
  readonly cwd?: string;
}

/** A command that failed: what ran, where, how it ended and what it said. */
export class CommandError extends Error {
  constructor(
    readonly where: string,
    readonly result: CommandResult,
    readonly reason: string,
  ) {
    const stderr = result.stderr.trim();
    super(
      `${where}: \`${result.command.join(' ')}\` ${reason}` +
        (stderr ? `\n  stderr: ${stderr.split('\n').join('\n          ')}` : ''),
    );
    this.name = 'CommandError';
  }
}

/** Runs commands in one place: the host, a node's network context, a pod. */
export interface Executor {
  /** where the commands run, for messages: "router0", "pod default/ubuntu" */
  readonly where: string;
  run(argv: readonly string[], options?: RunOptions): Promise<CommandResult>;
}

/** Runs `argv` (never through a shell) and returns its result; `where` names the place for errors. */
export async function runCommand(
  where: string,
  argv: readonly string[],
  options: RunOptions = {},
): Promise<CommandResult> {
  const [file, ...args] = argv;
  if (!file) throw new Error(`${where}: empty command`);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const child = await execa(file, args, {
    reject: false,
    timeout: timeoutMs,
    stripFinalNewline: false,
    // PWD too, as a shell's cd sets it: a Makefile's $(PWD) reads the variable, not the directory.
    ...(options.cwd === undefined ? {} : { cwd: options.cwd, env: { PWD: options.cwd } }),
    ...(options.input === undefined ? { stdin: 'ignore' as const } : { input: options.input }),
  });
  const result: CommandResult = {
    command: argv,
    exitCode: child.exitCode ?? -1,
    stdout: String(child.stdout ?? ''),
    stderr: String(child.stderr ?? ''),
  };
  if (child.timedOut) throw new CommandError(where, result, `did not finish within ${timeoutMs} ms`);
  if (child.failed && child.exitCode === undefined) {
    throw new CommandError(where, result, `could not run: ${child.shortMessage ?? child.message}`);
  }
  if (result.exitCode !== 0 && !options.allowFailure) {
    throw new CommandError(where, result, `exited with status ${result.exitCode}`);
  }
  return result;
}

/**
 * An executor that prefixes every command, e.g. with `nsenter --net=...` or `docker exec NAME`.
 * Errors show the whole command, so that it can be run again by hand.
 */
export function prefixedExecutor(where: string, prefix: readonly string[], defaults: RunOptions = {}): Executor {
  return { where, run: (argv, options) => runCommand(where, [...prefix, ...argv], { ...defaults, ...options }) };
}

export const host: Executor = { where: 'host', run: (argv, options) => runCommand('host', argv, options) };
