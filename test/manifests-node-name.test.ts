// A pod that names its node (spec.nodeName), as attach writes an attached lab's pods where they run:
// bound without the scheduler, so the control plane's NoSchedule taint does not keep it off, and run
// nowhere when the cluster has no such node or the node's kubelet rejects it for its nodeSelector.
import { rmSync } from 'node:fs';
import { describe, expect, it, onTestFinished } from 'vitest';
import { readPlacement } from '../lab/manifests/intent.js';
import { readWith } from './manifest-copies.js';
import { manifestsWith } from '../lab/controls/mistakes.js';
import { KIND_CLUSTER_CONFIG } from '../lab/util/paths.js';

const WORKLOADS = 'workloads.yaml';
const CONTROL_PLANE = 'bgpv2-bird-coil-control-plane';
/** The test pod `ubuntu` as written: a nodeSelector for the control plane, and a toleration of its taint. */
const UBUNTU_PLACEMENT = `  nodeSelector:\n    kubernetes.io/hostname: ${CONTROL_PLANE}\n  tolerations:\n    - key: node-role.kubernetes.io/control-plane\n      operator: Exists\n      effect: NoSchedule\n  containers:`;
const nodeOf = (intent: ReturnType<typeof readWith>, name: string) => intent.pods.find((p) => p.name === name)?.node;

describe('a pod with spec.nodeName', () => {
  it("runs on the control plane without tolerating its taint, where the scheduler would leave it Pending (the published demo's pods, on a cluster whose taint it removed)", () => {
    const untolerated = readWith({ file: WORKLOADS, from: UBUNTU_PLACEMENT, to: `  nodeSelector:\n    kubernetes.io/hostname: ${CONTROL_PLANE}\n  containers:` });
    expect(nodeOf(untolerated, 'ubuntu')).toBeUndefined();
    expect(untolerated.notes).toContainEqual(expect.stringMatching(/Pod default\/ubuntu: spec: no node fits .*untolerated taint node-role\.kubernetes\.io\/control-plane:NoSchedule/));
    const bound = readWith({ file: WORKLOADS, from: UBUNTU_PLACEMENT, to: `  nodeName: ${CONTROL_PLANE}\n  nodeSelector:\n    kubernetes.io/hostname: ${CONTROL_PLANE}\n  containers:` });
    expect(nodeOf(bound, 'ubuntu')).toBe(CONTROL_PLANE);
    expect(bound.notes).toEqual([]);
  });

  it('runs where it is bound, a Deployment\'s template too, whatever node its labels would have picked', () => {
    const intent = readWith(
      { file: WORKLOADS, from: UBUNTU_PLACEMENT, to: '  nodeName: bgpv2-bird-coil-worker\n  containers:' },
      { file: WORKLOADS, from: `      nodeSelector:\n        kubernetes.io/hostname: ${CONTROL_PLANE}\n`, to: '      nodeName: bgpv2-bird-coil-worker\n' },
    );
    expect(nodeOf(intent, 'ubuntu')).toBe('bgpv2-bird-coil-worker');
    expect(nodeOf(intent, 'ubuntu-echo')).toBe('bgpv2-bird-coil-worker');
    expect(intent.services[0]!.backends.map((b) => b.node)).toEqual(['bgpv2-bird-coil-worker']);
  });

  it('runs nowhere when the cluster has no node of that name, and says so', () => {
    const intent = readWith({ file: WORKLOADS, from: UBUNTU_PLACEMENT, to: '  nodeName: bgpv2-bird-coil-worker7\n  containers:' });
    expect(nodeOf(intent, 'ubuntu')).toBeUndefined();
    expect(intent.notes).toEqual([
      expect.stringMatching(/workloads\.yaml: Pod default\/ubuntu: spec\.nodeName = "bgpv2-bird-coil-worker7": the cluster has no such node \(bgpv2-bird-coil-control-plane, bgpv2-bird-coil-worker\), so the pod runs nowhere$/),
    ]);
  });

  it("runs nowhere when its nodeSelector does not match the node: the node's kubelet rejects it (NodeAffinity)", () => {
    const intent = readWith({ file: WORKLOADS, from: UBUNTU_PLACEMENT, to: `  nodeName: bgpv2-bird-coil-worker\n  nodeSelector:\n    kubernetes.io/hostname: ${CONTROL_PLANE}\n  containers:` });
    expect(nodeOf(intent, 'ubuntu')).toBeUndefined();
    expect(intent.notes).toContainEqual(expect.stringMatching(
      /Pod default\/ubuntu: spec\.nodeName = "bgpv2-bird-coil-worker": its kubelet rejects the pod \(NodeAffinity: nodeSelector kubernetes\.io\/hostname=bgpv2-bird-coil-control-plane, the node has label kubernetes\.io\/hostname=bgpv2-bird-coil-worker\), so it never runs$/,
    ));
  });

  it('is placed the same when only placement is read (manifests the kind fabric applies as they are)', () => {
    const dir = manifestsWith([{ file: WORKLOADS, from: UBUNTU_PLACEMENT, to: '  nodeName: bgpv2-bird-coil-worker\n  containers:' }]);
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const { pods, pending } = readPlacement(dir, KIND_CLUSTER_CONFIG);
    expect(pods.find((p) => p.name === 'ubuntu')?.node).toBe('bgpv2-bird-coil-worker');
    expect(pending).toEqual([]);
  });
});
