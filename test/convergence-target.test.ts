// What the convergence wait expects of a folder of manifests: the speakers that run and which advertise
// the VIP; on the kind fabric, a manifest only the netns fabric cannot run falls back to the claims,
// while a manifest nobody can read still stops.
import { rmSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { claimedTarget } from '../lab/fabric/converge.js';
import { convergenceTargetOf } from '../lab/manifests/convergence-target.js';
import { manifestsWith, type ManifestChange } from '../lab/controls/mistakes.js';
import { KIND_CLUSTER_CONFIG } from '../lab/util/paths.js';
import { topology } from './default-lab.js';

const dirs: string[] = [];
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));
const targetWith = (...changes: ManifestChange[]) => {
  const dir = manifestsWith(changes);
  dirs.push(dir);
  return () => convergenceTargetOf(topology, dir, KIND_CLUSTER_CONFIG);
};

describe('the convergence target of a manifests folder', () => {
  it("is the claims for the lab's own manifests, and narrows to what a mistake leaves", () => {
    expect(targetWith()()).toEqual(claimedTarget(topology));
    expect(targetWith({ file: 'cilium-bgp.yaml', from: 'advertise: bgp\nspec', to: 'advertise: other\nspec' })()).toEqual({ speakers: ['server0', 'server1'], vipAdvertisers: [] });
    expect(targetWith({ file: 'cilium-bgp.yaml', from: 'bgp: "65001"', to: 'bgp: "65002"' })()).toEqual({ speakers: [], vipAdvertisers: [] });
  });

  it('falls back to the claims where only the netns fabric cannot run a manifest, and stops on one nobody can read', () => {
    expect(targetWith({ file: 'cilium-bgp.yaml', from: '  gracefulRestart:\n', to: '  authSecretRef: bgp-auth\n  gracefulRestart:\n' })()).toEqual(claimedTarget(topology));
    expect(targetWith({ file: 'lb-pool.yaml', from: '  blocks:', to: '  blocks: [' })).toThrow(/lb-pool\.yaml:\d+:\d+: YAML/);
  });
});
