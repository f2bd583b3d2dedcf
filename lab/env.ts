// The LAB_* variables, checked before anything starts: an invalid value names the allowed ones.
import { UserFacingError } from './errors.js';
import type { FabricKind } from './fabric.js';

export interface LabOptions {
  readonly fabric: FabricKind;
  /** leave the fabric up after the run, for LAB_REUSE=1 */
  readonly keep: boolean;
  /** attach to the fabric a LAB_KEEP=1 run left up */
  readonly reuse: boolean;
}

export const LAB_VARIABLES = {
  LAB_FABRIC: { values: ['netns', 'kind'], default: 'netns', help: 'which fabric to run the specs on' },
  LAB_KEEP: { values: ['0', '1'], default: '0', help: 'leave the fabric up after the run' },
  LAB_REUSE: { values: ['0', '1'], default: '0', help: 'run on the fabric a LAB_KEEP=1 run left up' },
} as const;

type Variable = keyof typeof LAB_VARIABLES;

export class LabOptionsError extends UserFacingError {
  override name = 'LabOptionsError';
}

function read(env: NodeJS.ProcessEnv, name: Variable): string {
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
  return {
    fabric: read(env, 'LAB_FABRIC') as FabricKind,
    keep: read(env, 'LAB_KEEP') === '1',
    reuse: read(env, 'LAB_REUSE') === '1',
  };
}
