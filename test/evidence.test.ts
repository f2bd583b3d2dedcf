// A failing service check tells its story first: each symptom, counted over the flows, then each flow.
import { describe, expect, it } from 'vitest';
import { storyFirst } from '../lab/checks/evidence.js';

describe('the story of a failing service check', () => {
  it('leads with the repeated symptom, counted, before the per-flow lines', () => {
    const problems = [
      ...['10.0.2.1:40001', '10.0.2.1:40002', '10.0.2.1:40003'].map((flow) => ({ flow, problem: 'replies left server0 from 10.1.0.1:8080, not 20.1.10.2:80', symptom: 'reply-source-wrong' })),
      { flow: '10.0.2.1:40002', problem: 'the echo log has no request from the real client', symptom: 'client-not-seen' },
    ];
    expect(storyFirst(problems, 8)).toEqual([
      '3 of 8 flows: replies left server0 from 10.1.0.1:8080, not 20.1.10.2:80',
      '1 of 8 flows: the echo log has no request from the real client',
      '  per flow:',
      '    10.0.2.1:40001: replies left server0 from 10.1.0.1:8080, not 20.1.10.2:80',
      '    10.0.2.1:40002: replies left server0 from 10.1.0.1:8080, not 20.1.10.2:80',
      '    10.0.2.1:40003: replies left server0 from 10.1.0.1:8080, not 20.1.10.2:80',
      '    10.0.2.1:40002: the echo log has no request from the real client',
    ]);
    expect(storyFirst([], 8)).toEqual([]);
  });
});
