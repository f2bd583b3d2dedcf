// Builders for the kind plan's steps (plan.ts), so that each step reads as what it does, what it needs
// and provides, and the upstream source it follows.
import type { CommandStep, StepContract, WaitStep } from './plan.js';

export const MINUTE = 60_000;

/** The published lab's Makefile (hanapedia/bgpv2 bird-coil/Makefile), which the plan follows. */
export const DEMO_MAKEFILE = 'hanapedia/bgpv2 bird-coil/Makefile';

export function command(what: string, argv: readonly string[], extra: Partial<Omit<CommandStep, 'kind' | 'what' | 'argv'>> = {}): CommandStep {
  return { kind: 'command', what, argv, ...extra };
}

export function wait(what: string, condition: WaitStep['condition'], contract: StepContract = {}, timeoutMs = 5 * MINUTE): WaitStep {
  return { kind: 'wait', what, condition, timeoutMs, ...contract };
}
