// What a BIRD command line says (lab/description/bird-argv.ts): the topology's cmd and a running
// container's PID 1 are read alike, BIRD's getopt forms included.
import { describe, expect, it } from 'vitest';
import { BIRD_DEFAULT_CONFIG, birdConfigOf, runsBird } from '../lab/description/bird-argv.js';

describe('a BIRD command line', () => {
  it('runs BIRD by name or by path, and nothing else', () => {
    expect(runsBird(['bird', '-f'])).toBe(true);
    expect(runsBird(['/usr/sbin/bird', '-c', '/etc/bird.conf', '-d'])).toBe(true);
    expect(runsBird(['/bin/bash', '/entrypoint.sh'])).toBe(false);
    expect(runsBird(['birdc'])).toBe(false);
    expect(runsBird([])).toBe(false);
  });

  it('names its config with -c FILE, -cFILE or -c last in a group, and otherwise reads the build default', () => {
    expect(birdConfigOf(['/usr/sbin/bird', '-c', '/etc/bird.conf', '-d'])).toBe('/etc/bird.conf');
    expect(birdConfigOf(['bird', '-f', '-c', '/etc/bird/lab/router0.conf'])).toBe('/etc/bird/lab/router0.conf');
    expect(birdConfigOf(['bird', '-c/etc/x.conf'])).toBe('/etc/x.conf');
    expect(birdConfigOf(['bird', '-fc', '/etc/y.conf'])).toBe('/etc/y.conf');
    // -s takes a value: the -c after it is its value's neighbour, the socket is not the config
    expect(birdConfigOf(['bird', '-s', '/run/bird.ctl', '-f'])).toBe(BIRD_DEFAULT_CONFIG);
    expect(birdConfigOf(['bird', '-s', '-c'])).toBe(BIRD_DEFAULT_CONFIG);
    expect(BIRD_DEFAULT_CONFIG).toBe('/etc/bird/bird.conf');
  });
});
