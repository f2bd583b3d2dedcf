// The page's style: readable at a laptop's width (the drawings scale down, wide ones scroll), and in
// print (no backgrounds needed, every check's details shown, figures kept whole on a page).
export const STYLE = `
:root { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #24292f; }
body { margin: 0 auto; max-width: 1200px; padding: 16px 24px 48px; }
h1 { font-size: 22px; margin: 4px 0; } h2 { font-size: 18px; margin: 28px 0 8px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
h3 { font-size: 15px; margin: 14px 0 6px; }
.meta { color: #57606a; } .meta b { color: #24292f; }
.counts span { display: inline-block; margin-right: 12px; font-weight: 600; }
.passed { color: #1a7f37; } .failed { color: #cf222e; } .skipped { color: #8a8f98; }
.badge { display: inline-block; min-width: 52px; text-align: center; border-radius: 10px; padding: 0 8px; font-size: 12px; font-weight: 600; color: white; margin-right: 8px; }
.badge.passed { background: #1a7f37; color: white; } .badge.failed { background: #cf222e; color: white; } .badge.skipped { background: #8a8f98; color: white; }
details.check { border: 1px solid #d0d7de; border-radius: 6px; margin: 6px 0; padding: 4px 10px; }
details.check[data-state="failed"] { border-color: #cf222e; }
details.check > summary { cursor: pointer; } .check-id { color: #57606a; font-family: ui-monospace, monospace; font-size: 12px; margin-left: 6px; }
pre { background: #f6f8fa; padding: 8px; overflow-x: auto; white-space: pre-wrap; word-break: break-word; font-size: 12px; max-height: 480px; }
.figure { overflow-x: auto; margin: 8px 0; } .figure figure { margin: 0; } .figure svg { max-width: 100%; height: auto; }
svg.ladder, svg.lab-drawing { font-size: 12px; } .lane-name, .node-name { font-weight: 600; } .node-detail, .capture { fill: #57606a; font-size: 11px; }
.edge-label { font-size: 11px; paint-order: stroke; stroke: white; stroke-width: 4px; }
.files a { margin-right: 10px; font-family: ui-monospace, monospace; font-size: 12px; }
table { border-collapse: collapse; font-size: 13px; } td, th { border-bottom: 1px solid #d0d7de; padding: 3px 8px; text-align: left; }
.trends { display: flex; flex-wrap: wrap; gap: 8px; }
.legend span { margin-right: 14px; } .swatch { display: inline-block; width: 18px; height: 3px; vertical-align: middle; margin-right: 4px; }
@media print {
  body { max-width: none; padding: 0; } details.check { break-inside: avoid-page; } .figure { overflow: visible; }
  pre { max-height: none; } a { color: inherit; }
  details::details-content { content-visibility: visible; display: block; }
}
`;
