// Cilium's wire constants in one place: the ones the checks read are the ones bpf/lb_dsr.c writes.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DSR_OPTION_CLASS, DSR_OPTION_TYPE, GENEVE_PORT, WORLD_ID } from '../lab/fabric/cilium-wire.js';
import { repoRoot } from '../lab/util/paths.js';

const defines = new Map(
  [...readFileSync(join(repoRoot, 'bpf', 'lb_dsr.c'), 'utf8').matchAll(/^#define (\w+) (0x[0-9a-fA-F]+|\d+)\s*$/gm)].map((m) => [m[1]!, Number(m[2])]),
);

describe("Cilium's DSR-over-GENEVE wire format", () => {
  it('is the same in the checks and in the netns datapath', () => {
    expect({ GENEVE_PORT: defines.get('GENEVE_PORT'), DSR_OPT_CLASS: defines.get('DSR_OPT_CLASS'), DSR_OPT_TYPE: defines.get('DSR_OPT_TYPE'), WORLD_ID: defines.get('WORLD_ID') }).toEqual({
      GENEVE_PORT, DSR_OPT_CLASS: DSR_OPTION_CLASS, DSR_OPT_TYPE: DSR_OPTION_TYPE, WORLD_ID,
    });
  });
});
