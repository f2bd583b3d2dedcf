// The LAB_* variables, checked before anything starts: an invalid value names the allowed ones.
import { UserFacingError } from './errors.js';
import type { FabricKind } from './fabric.js';
import { FAULT_NAMES, type FaultName } from './faults.js';

export interface LabOptions {
  readonly fabric: FabricKind;
  /** faults to bring the fabric up with, for negative controls */
  readonly faults: readonly FaultName[];
  /** leave the fabric up after the run, for LAB_REUSE=1 */
  readonly keep: boolean;
  /** attach to the fabric a LAB_KEEP=1 run left up */
  readonly reuse: boolean;
  /** print the kind fabric's plan instead of running it */
  readonly dryRun: boolean;
}

export const LAB_VARIABLES = {
  LAB_FABRIC: { values: ['netns', 'kind'], default: 'netns', help: 'which fabric to run the specs on' },
  LAB_KEEP: { values: ['0', '1'], default: '0', help: 'leave the fabric up after the run' },
  LAB_REUSE: { values: ['0', '1'], default: '0', help: 'run on the fabric a LAB_KEEP=1 run left up' },
  LAB_FAULT: { values: FAULT_NAMES, default: '', help: 'comma-separated faults to bring the netns fabric up with' },
  LAB_DRY_RUN: { values: ['0', '1'], default: '0', help: "print the kind fabric's bring-up plan and run nothing" },
} as const;

type Variable = keyof typeof LAB_VARIABLES;

export class LabOptionsError extends UserFacingError {
  override name = 'LabOptionsError';
}

function readFaults(env: NodeJS.ProcessEnv): FaultName[] {
  const value = env.LAB_FAULT ?? '';
  const names = value.split(',').map((n) => n.trim()).filter(Boolean);
  const unknown = names.filter((n) => !(FAULT_NAMES as readonly string[]).includes(n));
  if (unknown.length > 0) {
    throw new LabOptionsError(
      `LAB_FAULT=${JSON.stringify(value)} is not valid: ${unknown.join(', ')} is not a fault; LAB_FAULT ` +
        `(${LAB_VARIABLES.LAB_FAULT.help}) takes any of ${FAULT_NAMES.join(', ')}`,
    );
  }
  return [...new Set(names)] as FaultName[];
}

function read(env: NodeJS.ProcessEnv, name: Exclude<Variable, 'LAB_FAULT'>): string {
  const spec = LAB_VARIABLES[name];
  const value = env[name];
  if (value === undefined || value === '') return spec.default;
  if (!(spec.values as readonly string[]).includes(value)) {
    throw new LabOptionsError(`${name}=${JSON.stringify(value)} is not valid: ${name} (${spec.help}) is one of ${spec.values.join(', ')}`);
  }
  return value;
}

export function readLabOptions(env: NodeJS.ProcessEnv = process.env): LabOptions {
  const unknown = Object.keys(env).filter((k) => k.startsWith('LAB_') && !(k in LAB_VARIABLES));
  if (unknown.length > 0) {
    throw new LabOptionsError(`unknown variable ${unknown.join(', ')}: the harness reads ${Object.keys(LAB_VARIABLES).join(', ')}`);
  }
  const options = {
    fabric: read(env, 'LAB_FABRIC') as FabricKind,
    faults: readFaults(env),
    keep: read(env, 'LAB_KEEP') === '1',
    reuse: read(env, 'LAB_REUSE') === '1',
    dryRun: read(env, 'LAB_DRY_RUN') === '1',
  };
  if (options.dryRun && options.fabric !== 'kind') {
    throw new LabOptionsError('LAB_DRY_RUN=1 needs LAB_FABRIC=kind: the netns fabric has no plan to print, it comes up in seconds');
  }
  if (options.faults.length > 0 && options.reuse) {
    throw new LabOptionsError('LAB_FAULT and LAB_REUSE=1 do not go together: faults are set when the fabric comes up');
  }
  if (options.faults.length > 0 && options.fabric !== 'netns') {
    throw new LabOptionsError('LAB_FAULT needs LAB_FABRIC=netns: the faults are made in the netns fabric');
  }
  return options;
}
