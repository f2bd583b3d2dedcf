// Parser for http-echo's request log, as the echo pod writes it (lab/workloads/http-echo.ts and
// hashicorp/http-echo alike):
//   2025/07/04 01:44:58 20.1.10.2 10.0.1.1:20000 "GET / HTTP/1.1" 200 31 "curl/7.81.0" 3.667µs

export interface EchoRequest {
  readonly host: string;
  /** the client as the server saw it: "10.0.1.1:20000" */
  readonly client: string;
  readonly request: string;
  readonly status: number;
  readonly bytes: number;
  readonly agent: string;
}

const LINE = /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d (\S+) (\S+) "([^"]*)" (\d+) (\d+) "([^"]*)" \S+$/;

/** The request lines of the log; other lines (the start-up line, Kubernetes' prefixes aside) are skipped. */
export function parseEchoLog(log: string): EchoRequest[] {
  return log.split('\n').flatMap((line) => {
    const m = LINE.exec(line.trim());
    if (!m) return [];
    return [{ host: m[1]!, client: m[2]!, request: m[3]!, status: Number(m[4]), bytes: Number(m[5]), agent: m[6]! }];
  });
}
