/** Progress lines for long operations: one line per stage, with the stage's time and the total. */
export class Progress {
  private readonly start = performance.now();
  private stageStart = this.start;

  constructor(
    private readonly label: string,
    private readonly write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
  ) {}

  /** Marks the end of a stage. Returns the stage's duration in milliseconds. */
  stage(description: string): number {
    const now = performance.now();
    const took = now - this.stageStart;
    this.stageStart = now;
    this.write(`[${this.label}] ${description} (${seconds(took)}, total ${seconds(now - this.start)})`);
    return took;
  }

  /** A line that is not a stage: what runs, a fallback in use. */
  note(line: string): void {
    this.write(`[${this.label}] ${line}`);
  }

  elapsedMs(): number {
    return performance.now() - this.start;
  }
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}
