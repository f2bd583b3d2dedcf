// What a user who got something wrong is told: by preflight, and by BIRD through the bring-up.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkBirdConfig } from '../lab/netns/bird.js';
import { checkBinaries, checkRoot, NETNS_REQUIREMENTS } from '../lab/netns/preflight.js';
import { scratchDir } from './fixtures.js';

describe('preflight', () => {
  it('says why root is needed and what to run instead', () => {
    expect(() => checkRoot(1000)).toThrow(/must run as root: it creates network namespaces.*Run `sudo npm test` \(unit tests alone: `npm run test:unit`\)/);
    expect(() => checkRoot(0)).not.toThrow();
  });

  it('names each missing binary with its Debian package, and the command that installs them', () => {
    const empty = scratchDir('no-binaries-');
    const requirements = [
      { binary: 'no-such-bird-binary', debianPackage: 'bird2' },
      { binary: 'no-such-gobgpd-binary', debianPackage: 'gobgpd' },
    ];
    expect(() => checkBinaries(requirements, empty)).toThrow(
      'missing no-such-bird-binary (Debian package bird2), no-such-gobgpd-binary (Debian package gobgpd). ' +
        'Install with `sudo npm run setup`, or `sudo apt-get install bird2 gobgpd`.',
    );
  });

  it('knows a package for every binary it needs', () => {
    for (const r of NETNS_REQUIREMENTS) expect(r.debianPackage).toMatch(/^[a-z0-9.+-]+$/);
  });
});

describe('a BIRD config with a syntax error', () => {
  it("stops the bring-up with BIRD's own message, the file and the line", async () => {
    const file = join(scratchDir('bird-conf-'), 'router0.conf');
    writeFileSync(file, 'router id 10.0.0.1;\nprotocol device {\n  scan time ten;\n}\n');
    await expect(checkBirdConfig('router0', file)).rejects.toThrow(
      new RegExp(`BIRD rejects the config of router0: bird: ${file}:3:\\d+ syntax error`),
    );
  });
});
