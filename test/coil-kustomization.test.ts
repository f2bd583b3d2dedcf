// The kustomization that points Coil at the API server, rendered by `kubectl kustomize` (the kustomize
// the doctor's kubectl embeds) over a stand-in of Coil v2.8.0's v2/: its kustomization sets `namespace:
// kube-system` over a Deployment coil-controller and a DaemonSet coild written in namespace `system`, each
// with env of its own, as v2/config/pod/*.yaml are. The patches must reach both as applied, keep their env,
// and leave the init container alone; a target that matched nothing would pass kustomize silently.
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { coilKustomization } from '../lab/kind/coil-steps.js';
import { kindLab } from '../lab/kind/names.js';
import { topology } from './default-lab.js';
import { scratchDir } from './fixtures.js';

const kubectl = spawnSync('kubectl', ['version', '--client'], { encoding: 'utf8' });

/** Coil v2.8.0's v2/, cut to what the patches touch (names, namespaces, containers and env as upstream has them). */
function coilV2(dir: string): void {
  const pod = (kind: string, name: string, env: object[], extra: object = {}) => ({
    apiVersion: 'apps/v1', kind, metadata: { name, namespace: 'system' },
    spec: { selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { hostNetwork: true, containers: [{ name, image: 'coil:dev', env }], ...extra } } },
  });
  mkdirSync(join(dir, 'v2'), { recursive: true });
  writeFileSync(join(dir, 'v2', 'pods.yaml'), [
    stringify(pod('Deployment', 'coil-controller', [{ name: 'COIL_POD_NAMESPACE', valueFrom: { fieldRef: { fieldPath: 'metadata.namespace' } } }])),
    stringify(pod('DaemonSet', 'coild', [{ name: 'COIL_NODE_NAME', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } }], { initContainers: [{ name: 'coil-installer', image: 'coil:dev' }] })),
  ].join('---\n'));
  writeFileSync(join(dir, 'v2', 'kustomization.yaml'), stringify({ resources: ['pods.yaml'], namespace: 'kube-system', commonLabels: { 'app.kubernetes.io/name': 'coil' } }));
}

describe("Coil's API-server patches", () => {
  it.skipIf(kubectl.status !== 0)('reach coil-controller and coild as kubectl applies them, beside their own env, the init container untouched', () => {
    const dir = scratchDir('coil-');
    coilV2(dir);
    for (const [file, content] of Object.entries(coilKustomization(kindLab(topology)))) {
      mkdirSync(join(dir, 'base'), { recursive: true });
      writeFileSync(join(dir, 'base', file), content);
    }
    const rendered = spawnSync('kubectl', ['kustomize', join(dir, 'base')], { encoding: 'utf8' });
    expect(rendered.status, rendered.stderr).toBe(0);
    const objects = parseAllDocuments(rendered.stdout).map((d) => d.toJS() as { kind: string; metadata: { name: string; namespace: string }; spec: any });
    const envOf = (kind: string) => {
      const o = objects.find((x) => x.kind === kind)!;
      expect(o.metadata.namespace).toBe('kube-system');
      return o.spec.template.spec.containers[0].env.map((e: { name: string; value?: string }) => `${e.name}=${e.value ?? '(from field)'}`);
    };
    const api = ['KUBERNETES_SERVICE_HOST=bgpv2-bird-coil-control-plane', 'KUBERNETES_SERVICE_PORT=6443'];
    expect(envOf('Deployment')).toEqual(expect.arrayContaining([...api, 'COIL_POD_NAMESPACE=(from field)']));
    expect(envOf('DaemonSet')).toEqual(expect.arrayContaining([...api, 'COIL_NODE_NAME=(from field)']));
    expect(objects.find((x) => x.kind === 'DaemonSet')!.spec.template.spec.initContainers[0].env).toBeUndefined();
  });
});
