// lab/claims.yaml holds the promises README.md states: the same VIP, port, answer, community, pods and
// restart time, so that the file the specs assert and the page a user reads do not drift apart.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { communityText, podKey } from '../lab/description/index.js';
import { repoRoot } from '../lab/util/paths.js';
import { topology as t } from './default-lab.js';

const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');

describe("README states lab/claims.yaml's promises", () => {
  it('the VIP and its port, the answer and the community', () => {
    expect(readme).toContain(`LoadBalancer VIP ${t.service.vip}:${t.service.port} -> ${t.service.backend.name}:${t.service.targetPort}`);
    expect(readme).toContain(`${Buffer.byteLength(t.service.answer)}-byte echo text`);
    expect(readme).toContain(`community ${communityText(t.service.community)}`);
  });

  it('the pods that ping each other, and the graceful restart time', () => {
    for (const [a, b] of t.claims.ping) expect(readme).toContain(`\`${a.name}\` (${t.pods.find((p) => podKey(p) === podKey(a))!.server}) and \`${b.name}\` (${t.pods.find((p) => podKey(p) === podKey(b))!.server}) ping each other`);
    expect(readme).toContain(`graceful restart time, ${t.claims.restartTimeSeconds} s`);
  });
});
