// Which conformance checks the negative controls kill, read per check from each control's vitest JSON
// report: one row per check with the controls that made it fail. A check no control kills is an
// assertion whose regression would go unnoticed (issue 11 makes that fail the controls; for now the
// table says which they are).

/** The part of vitest's JSON report this reads. */
export interface JsonReport {
  readonly testResults?: readonly { readonly name: string; readonly assertionResults?: readonly { readonly title: string; readonly status: string }[] }[];
}

/** One check's result in one run. Example: {"spec":"bgp","title":"router0: BIRD sessions … are Established","status":"failed"} */
export interface CheckResult {
  readonly spec: string;
  readonly title: string;
  readonly status: string;
}

export function checkResults(report: JsonReport): CheckResult[] {
  return (report.testResults ?? []).flatMap((file) => {
    const spec = (file.name.split('/').at(-1) ?? file.name).replace(/\.spec\.ts$/, '');
    return (file.assertionResults ?? []).map((a) => ({ spec, title: a.title, status: a.status }));
  });
}

export interface CoverageRow {
  readonly spec: string;
  readonly title: string;
  /** the controls under which this check failed */
  readonly killedBy: readonly string[];
}

/** Every check any run reported, with the controls that failed it, in the order first seen. */
export function coverage(byControl: ReadonlyMap<string, readonly CheckResult[]>): CoverageRow[] {
  const rows = new Map<string, { spec: string; title: string; killedBy: string[] }>();
  for (const [control, results] of byControl) {
    for (const r of results) {
      const row = rows.get(r.title) ?? { spec: r.spec, title: r.title, killedBy: [] };
      rows.set(r.title, row);
      if (r.status === 'failed') row.killedBy.push(control);
    }
  }
  return [...rows.values()];
}

export function coverageTable(rows: readonly CoverageRow[]): string {
  const killed = rows.filter((r) => r.killedBy.length > 0).length;
  const lines = rows.map((r) => `| ${r.spec} | ${r.title} | ${r.killedBy.join(', ') || 'NONE'} |`);
  return ['| spec | check | killed by |', '| --- | --- | --- |', ...lines, '', `coverage: ${rows.length} checks, ${killed} killed, ${rows.length - killed} killed by no control`].join('\n') + '\n';
}
