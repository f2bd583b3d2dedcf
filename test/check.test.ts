import { describe, expect, it } from 'vitest';
import { assertCheckOutcome, compareSets, symptomsOf } from '../lab/checks/check.js';
import { pollUntil, pollUntilOrTimeout } from '../lab/util/poll.js';

describe('set equality checks', () => {
  it('pass on equal sets whatever the order and repetition', () => {
    expect(compareSets('x', ['a', 'b'], ['b', 'a', 'a'], '', { missing: 'path-missing', unexpected: 'path-unexpected' }).ok).toBe(true);
  });

  it('name what is missing and what is unexpected, then the evidence', () => {
    const outcome = compareSets('router0: paths', ['via 10.0.1.2', 'via 10.0.2.2'], ['via 10.0.1.2', 'blackhole'], 'line 1\nline 2', { missing: 'path-missing', unexpected: 'path-unexpected' });
    expect(outcome.ok).toBe(false);
    expect(outcome.symptoms).toEqual(['path-missing', 'path-unexpected']);
    expect(outcome.message).toBe(
      'router0: paths: expected {via 10.0.1.2, via 10.0.2.2}, missing {via 10.0.2.2}, unexpected {blackhole}\n' +
        '  evidence:\n    line 1\n    line 2',
    );
  });

  it('fail when something is expected absent and is there, with the symptom of an unexpected element only', () => {
    const outcome = compareSets('server0: paths', [], ['unreachable'], 'e', { missing: 'path-missing', unexpected: 'path-unexpected' });
    expect(outcome.ok).toBe(false);
    expect(outcome.symptoms).toEqual(['path-unexpected']);
  });

  it('end a failure with its symptoms, which the controls read back; an error that is not a check failure has none', async () => {
    const failing = { title: 't', run: async () => compareSets('x', ['a'], [], 'e', { missing: 'path-missing', unexpected: 'path-unexpected' }) };
    const error = (await assertCheckOutcome(failing).then(() => new Error('passed'), (e: unknown) => e)) as Error;
    expect(error.message.split('\n').at(-1)).toBe('  symptom: path-missing');
    expect(symptomsOf(error.message)).toEqual(['path-missing']);
    // vitest's reports print the stack, not the message: the symptoms must be there too
    expect(symptomsOf(error.stack!)).toEqual(['path-missing']);
    expect(symptomsOf('the fabric is not whole before the restart')).toEqual([]);
  });
});

describe('bounded polling', () => {
  it('returns the value once the condition holds', async () => {
    let n = 0;
    const value = await pollUntil({ what: 'n reaches 3', timeoutMs: 1000, intervalMs: 1, check: async () => ({ done: ++n === 3, seen: `n=${n}`, value: n }) });
    expect(value).toBe(3);
  });

  it('says what it waited for and what it saw last, errors included', async () => {
    let n = 0;
    await expect(
      pollUntil({
        what: 'the impossible',
        timeoutMs: 50,
        intervalMs: 5,
        check: async () => {
          if (++n % 2) throw new Error(`boom ${n}`);
          return { done: false, seen: `n=${n}` };
        },
      }),
    ).rejects.toThrow(/timed out after 0\.1 s waiting until the impossible; last seen: (boom \d+|n=\d+)/);
  });
});

describe('bounded polling whose time-out is an answer', () => {
  it('says it was done, or what it saw last when the time was up', async () => {
    expect(await pollUntilOrTimeout({ what: 'x', timeoutMs: 200, intervalMs: 10, check: async () => ({ done: true, seen: '' }) })).toEqual({ done: true });
    expect(await pollUntilOrTimeout({ what: 'x', timeoutMs: 50, intervalMs: 10, check: async () => ({ done: false, seen: 'still 1 of 2' }) })).toEqual({ done: false, lastSeen: 'still 1 of 2' });
  });
});
