import { CommandError, type CommandResult } from '../exec/command.js';

/**
 * birdc exits 1 whenever BIRD answers with an error code, including "Network not found" for a route
 * that is simply not there. Such answers are output for the parsers; only a birdc that never reached
 * BIRD (no "BIRD x ready." banner) is an error.
 */
export function birdcOutput(where: string, result: CommandResult): string {
  if (!/^BIRD [\d.]+ ready\./m.test(result.stdout)) {
    throw new CommandError(where, result, `did not reach BIRD (exit status ${result.exitCode}): ${result.stdout.trim()}`);
  }
  return result.stdout;
}
