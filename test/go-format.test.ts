import { describe, expect, it } from 'vitest';
import { goDuration, goLogDate } from '../lab/workloads/go-format.js';

describe("Go's formatting, as http-echo logs it", () => {
  it('formats durations as time.Duration.String() does', () => {
    expect(goDuration(0n)).toBe('0s');
    expect(goDuration(150n)).toBe('150ns');
    expect(goDuration(3_667n)).toBe('3.667µs');
    expect(goDuration(4_459n)).toBe('4.459µs');
    expect(goDuration(2_000n)).toBe('2µs');
    expect(goDuration(1_500_000n)).toBe('1.5ms');
    expect(goDuration(2_000_000_000n)).toBe('2s');
    expect(goDuration(90_500_000_000n)).toBe('1m30.5s');
    expect(goDuration(7_200_000_000_000n)).toBe('2h0m0s');
  });

  it("formats log's date prefix in UTC", () => {
    expect(goLogDate(new Date(Date.UTC(2025, 6, 4, 1, 44, 58)))).toBe('2025/07/04 01:44:58');
  });
});
