// The LAB_* variables, checked before anything starts: an invalid value names the allowed ones.
import { existsSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { UserFacingError } from '../util/errors.js';
import { repoRoot } from '../util/paths.js';
import type { FabricKind } from '../fabric/fabric-contract.js';
import type { LabFiles } from '../description/index.js';
import { FAULT_NAMES, type FaultName } from '../controls/faults.js';

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
  /** the lab's files: its containerlab topology, kind cluster, claims and manifests (absolute paths) */
  readonly files: LabFiles;
}

export const LAB_VARIABLES = {
  LAB_FABRIC: { values: ['netns', 'kind'], default: 'netns', help: 'which fabric to run the specs on' },
  LAB_KEEP: { values: ['0', '1'], default: '0', help: 'leave the fabric up after the run' },
  LAB_REUSE: { values: ['0', '1'], default: '0', help: 'run on the fabric a LAB_KEEP=1 run left up' },
  LAB_FAULT: { values: FAULT_NAMES, default: '', help: 'comma-separated faults to bring the netns fabric up with' },
  LAB_DRY_RUN: { values: ['0', '1'], default: '0', help: "print the kind fabric's bring-up plan and run nothing" },
  LAB_MANIFESTS: { values: ['a folder of manifests'], default: 'manifests', help: 'the folder of manifests both fabrics take the cluster from' },
  LAB_TOPOLOGY: { values: ['a containerlab topology file'], default: 'lab/kind/topology.clab.yaml', help: "the lab's containerlab topology: its nodes, links, exec commands and BIRD configs" },
  LAB_CLUSTER: { values: ['a kind cluster file'], default: 'lab/kind/cluster.yaml', help: "the lab's kind cluster: its nodes and their labels" },
  LAB_CLAIMS: { values: ['a claims file'], default: 'lab/claims.yaml', help: 'what the lab promises, which the specs assert' },
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

/** LAB_MANIFESTS, resolved against the current directory; it must be a folder. */
function readManifests(env: NodeJS.ProcessEnv): string {
  const value = env.LAB_MANIFESTS || join(repoRoot, LAB_VARIABLES.LAB_MANIFESTS.default);
  const dir = resolve(value);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new LabOptionsError(`LAB_MANIFESTS=${JSON.stringify(value)} is not a folder: LAB_MANIFESTS (${LAB_VARIABLES.LAB_MANIFESTS.help}) names one, like manifests/`);
  }
  return dir;
}

type FileVariable = 'LAB_TOPOLOGY' | 'LAB_CLUSTER' | 'LAB_CLAIMS';

/** A LAB_* variable naming a file, resolved against the current directory; it must be a file. */
function readFile(env: NodeJS.ProcessEnv, name: FileVariable): string {
  const value = env[name] || join(repoRoot, LAB_VARIABLES[name].default);
  const file = resolve(value);
  if (!existsSync(file) || !statSync(file).isFile()) {
    throw new LabOptionsError(`${name}=${JSON.stringify(value)} is not a file: ${name} (${LAB_VARIABLES[name].help}) names one, like ${LAB_VARIABLES[name].default}`);
  }
  return file;
}

function read(env: NodeJS.ProcessEnv, name: Exclude<Variable, 'LAB_FAULT' | 'LAB_MANIFESTS' | FileVariable>): string {
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
    files: { topology: readFile(env, 'LAB_TOPOLOGY'), cluster: readFile(env, 'LAB_CLUSTER'), claims: readFile(env, 'LAB_CLAIMS'), manifests: readManifests(env) },
  };
  if (options.dryRun && options.fabric !== 'kind') {
    throw new LabOptionsError('LAB_DRY_RUN=1 needs LAB_FABRIC=kind: the netns fabric has no plan to print, it comes up in seconds');
  }
  if (options.faults.length > 0 && options.reuse) {
    throw new LabOptionsError('LAB_FAULT and LAB_REUSE=1 do not go together: faults are set when the fabric comes up');
  }
  const given = (['LAB_MANIFESTS', 'LAB_TOPOLOGY', 'LAB_CLUSTER'] as const).filter((v) => env[v]);
  if (given.length > 0 && options.reuse) {
    throw new LabOptionsError(`${given.join(' and ')} and LAB_REUSE=1 do not go together: the lab is built from its files when the fabric comes up`);
  }
  if (options.faults.length > 0 && options.fabric !== 'netns') {
    throw new LabOptionsError('LAB_FAULT needs LAB_FABRIC=netns: the faults are made in the netns fabric');
  }
  return options;
}
