// A command that stays up while the harness talks to it: a line in, lines out up to a line that ends the
// answer. For what the harness would otherwise start hundreds of times in a row in one node (the steady
// load's requests, lab/probes/load-client.ts): one process in the node instead of two a request, each
// through nsenter or docker exec. It ends when its input is closed; a harness that dies closes it too.
import { execa } from 'execa';
import { CommandError, prefixedExecutor, type CommandResult, type Executor, type RunOptions } from './command.js';

export interface Conversation {
  /**
   * Writes `line`, then resolves with the lines it prints up to and including the first for which
   * `last` holds, within `timeoutMs`. One at a time: a second call waits for the first.
   */
  ask(line: string, last: (printed: string) => boolean, timeoutMs: number): Promise<string[]>;
  /** Closes its input and waits (up to `timeoutMs`) for it to exit; again, the same. */
  close(timeoutMs?: number): Promise<void>;
}

/** Starts `argv` (never through a shell) with its input and output kept open; `where` names the place for errors. */
export function startConversation(where: string, argv: readonly string[], options: { readonly cwd?: string } = {}): Conversation {
  const [file, ...args] = argv;
  if (!file) throw new Error(`${where}: empty command`);
  const child = execa(file, args, { reject: false, stdin: 'pipe', stdout: 'pipe', stderr: 'pipe', buffer: { stdout: false, stderr: true }, ...(options.cwd === undefined ? {} : { cwd: options.cwd }) });
  const pending: string[] = [];
  let partial = '';
  let wake: (() => void) | undefined;
  let ended: CommandResult | undefined;
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (chunk: string) => {
    const split = (partial + chunk).split('\n');
    partial = split.pop()!;
    pending.push(...split);
    wake?.();
  });
  const exited = child.then((r) => {
    ended = { command: argv, exitCode: r.exitCode ?? -1, stdout: partial, stderr: String(r.stderr ?? '') };
    wake?.();
  });
  // read through a function: the output's handlers set it, which the compiler's narrowing cannot see
  const exit = (): CommandResult | undefined => ended;
  let turn: Promise<unknown> = Promise.resolve();
  let closed: Promise<void> | undefined;
  const failed = (reason: string, result?: CommandResult): CommandError => new CommandError(where, result ?? { command: argv, exitCode: -1, stdout: '', stderr: '' }, reason);

  async function answer(line: string, last: (printed: string) => boolean, timeoutMs: number): Promise<string[]> {
    if (ended || closed) throw failed(ended ? `exited with status ${ended.exitCode} before it was asked ${JSON.stringify(line)}` : 'was closed', ended);
    // what it printed past the last answer's last line belongs to no question: the conversation is off
    if (pending.length > 0) throw failed(`printed what no question asked for, before ${JSON.stringify(line)}`, { command: argv, exitCode: -1, stdout: pending.join('\n'), stderr: '' });
    child.stdin!.write(`${line}\n`);
    const deadline = Date.now() + timeoutMs;
    const lines: string[] = [];
    for (;;) {
      while (pending.length > 0) {
        const printed = pending.shift()!;
        lines.push(printed);
        if (last(printed)) return lines;
      }
      const gone = exit();
      if (gone) throw failed(`exited with status ${gone.exitCode} while it answered ${JSON.stringify(line)}`, { ...gone, stdout: lines.join('\n') });
      const left = deadline - Date.now();
      if (left <= 0) throw failed(`did not answer ${JSON.stringify(line)} within ${timeoutMs} ms`, { command: argv, exitCode: -1, stdout: lines.join('\n'), stderr: '' });
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        wake = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      wake = undefined;
    }
  }

  return {
    ask(line, last, timeoutMs) {
      const asked = turn.then(() => answer(line, last, timeoutMs));
      turn = asked.catch(() => undefined);
      return asked;
    },
    close(timeoutMs = 10_000) {
      closed ??= (async () => {
        await turn;
        child.stdin!.end();
        const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
        await exited;
        clearTimeout(timer);
      })();
      return closed;
    },
  };
}

/** A node's executor (netns namespace, containerlab container): it runs commands, and can hold a conversation. */
export interface NodeExecutor extends Executor {
  converse(argv: readonly string[]): Conversation;
}

/**
 * prefixedExecutor's node executor: its commands run under `prefix`, its conversations under
 * `conversing` (`docker exec -i`, which keeps the command's input open, where `docker exec` gives it
 * none), both in `defaults`' working directory.
 */
export function prefixedNodeExecutor(where: string, prefix: readonly string[], defaults: RunOptions = {}, conversing: readonly string[] = prefix): NodeExecutor {
  return {
    ...prefixedExecutor(where, prefix, defaults),
    converse: (argv) => startConversation(where, [...conversing, ...argv], defaults.cwd === undefined ? {} : { cwd: defaults.cwd }),
  };
}
