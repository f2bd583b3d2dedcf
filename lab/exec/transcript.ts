// A command's whole answer as text for a file a person reads later (a failing test's state dump, a
// timed-out bring-up's diagnostics): the command, its exit status, its output, or why it could not run.
import type { Executor } from './command.js';

/** Runs `argv` on `exec`, bounded, and never throws: "$ argv\n(exit N)\nstdout[\n--- stderr\nstderr]". */
export async function transcript(exec: Executor, argv: readonly string[], timeoutMs = 10_000): Promise<string> {
  return exec
    .run(argv, { allowFailure: true, timeoutMs })
    .then((r) => `$ ${argv.join(' ')}\n(exit ${r.exitCode})\n${r.stdout}${r.stderr ? `\n--- stderr\n${r.stderr}` : ''}`)
    .catch((error: unknown) => `$ ${argv.join(' ')}\n${error instanceof Error ? error.message : String(error)}\n`);
}
