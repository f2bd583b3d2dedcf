// The speaker's sessions check fails on its own claim when there is no speaker to ask (the fabric says
// SpeakerNotAnswering: netns, its GoBGP does not answer; kind, no CiliumBGPNodeConfig for the node), and
// throws anything else, which no control may count as a kill (lab/controls/coverage.ts).
import { describe, expect, it } from 'vitest';
import { speakerSessionEstablished } from '../lab/checks/bgp.js';
import { SpeakerNotAnswering, type Fabric } from '../lab/fabric/fabric-contract.js';
import { topology as t } from './default-lab.js';

const fabricWhose = (speakerSessions: Fabric['speakerSessions']): Fabric => ({ speakerSessions }) as Partial<Fabric> as Fabric;

describe("the speaker's sessions check", () => {
  it('fails with speaker-not-answering when the fabric has no speaker to ask', async () => {
    const check = speakerSessionEstablished(fabricWhose(async () => Promise.reject(new SpeakerNotAnswering('server1 GoBGP: the speaker does not answer: connection refused'))), t, 'server1');
    const outcome = await check.run();
    expect(outcome.ok).toBe(false);
    expect(outcome.symptoms).toEqual(['speaker-not-answering']);
    expect(outcome.message).toContain('server1: the Cilium speaker does not answer, so none of its sessions is Established');
  });

  it("throws any other error, which is no verdict on the claim", async () => {
    const check = speakerSessionEstablished(fabricWhose(async () => Promise.reject(new Error('a bug in the harness'))), t, 'server1');
    await expect(check.run()).rejects.toThrow('a bug in the harness');
  });
});
