import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../lab/util/paths.js';
import { readLabOptions } from '../lab/run/env.js';
import { FAULT_NAMES } from '../lab/controls/faults.js';

describe('LAB_* variables', () => {
  it('defaults to the netns fabric, torn down after the run', () => {
    expect(readLabOptions({})).toEqual({ fabric: 'netns', faults: [], keep: false, reuse: false, dryRun: false, files: { topology: join(repoRoot, 'lab', 'kind', 'topology.clab.yaml'), cluster: join(repoRoot, 'lab', 'kind', 'cluster.yaml'), claims: join(repoRoot, 'lab', 'claims.yaml'), manifests: join(repoRoot, 'manifests') } });
  });

  it('reads valid values', () => {
    expect(readLabOptions({ LAB_FABRIC: 'kind', LAB_KEEP: '1', LAB_REUSE: '0' })).toEqual({ fabric: 'kind', faults: [], keep: true, reuse: false, dryRun: false, files: { topology: join(repoRoot, 'lab', 'kind', 'topology.clab.yaml'), cluster: join(repoRoot, 'lab', 'kind', 'cluster.yaml'), claims: join(repoRoot, 'lab', 'claims.yaml'), manifests: join(repoRoot, 'manifests') } });
    expect(readLabOptions({ LAB_FAULT: 'no-multipath, echo-down' }).faults).toEqual(['no-multipath', 'echo-down']);
  });

  it('rejects an invalid value and lists the allowed ones', () => {
    expect(() => readLabOptions({ LAB_FABRIC: 'docker' })).toThrow('LAB_FABRIC="docker" is not valid: LAB_FABRIC (which fabric to run the specs on) is one of netns, kind');
    expect(() => readLabOptions({ LAB_KEEP: 'yes' })).toThrow(/LAB_KEEP="yes" is not valid.*one of 0, 1/);
  });

  it('rejects an unknown fault and lists the faults', () => {
    expect(() => readLabOptions({ LAB_FAULT: 'echo-down,bgp-down' })).toThrow(
      new RegExp(`LAB_FAULT="echo-down,bgp-down" is not valid: bgp-down is not a fault; .* takes any of ${FAULT_NAMES.join(', ')}$`),
    );
  });

  it('rejects faults on a reused or a kind fabric, where they cannot be made', () => {
    expect(() => readLabOptions({ LAB_FAULT: 'echo-down', LAB_REUSE: '1' })).toThrow(/do not go together/);
    expect(() => readLabOptions({ LAB_FAULT: 'echo-down', LAB_FABRIC: 'kind' })).toThrow(/needs LAB_FABRIC=netns/);
  });

  it('takes LAB_DRY_RUN only for the kind fabric', () => {
    expect(readLabOptions({ LAB_FABRIC: 'kind', LAB_DRY_RUN: '1' }).dryRun).toBe(true);
    expect(() => readLabOptions({ LAB_DRY_RUN: '1' })).toThrow(/LAB_DRY_RUN=1 needs LAB_FABRIC=kind/);
  });

  it('takes LAB_MANIFESTS as a folder, relative to where the run starts, and not with LAB_REUSE=1', () => {
    expect(readLabOptions({ LAB_MANIFESTS: 'fixtures' }).files.manifests).toBe(resolve('fixtures'));
    expect(() => readLabOptions({ LAB_MANIFESTS: 'no-such-folder' })).toThrow('LAB_MANIFESTS="no-such-folder" is not a folder: LAB_MANIFESTS (the folder of manifests both fabrics take the cluster from) names one, like manifests/');
    expect(() => readLabOptions({ LAB_MANIFESTS: 'manifests', LAB_REUSE: '1' })).toThrow(/LAB_MANIFESTS and LAB_REUSE=1 do not go together/);
    expect(() => readLabOptions({ LAB_TOPOLOGY: 'no-such.yaml' })).toThrow(/LAB_TOPOLOGY="no-such.yaml" is not a file/);
  });

  it('rejects a LAB_ variable it does not know, which is most likely a typo', () => {
    expect(() => readLabOptions({ LAB_KEPP: '1' })).toThrow(/unknown variable LAB_KEPP: the harness reads LAB_FABRIC, LAB_KEEP, LAB_REUSE, LAB_FAULT, LAB_DRY_RUN, LAB_MANIFESTS, LAB_TOPOLOGY, LAB_CLUSTER, LAB_CLAIMS/);
  });
});
