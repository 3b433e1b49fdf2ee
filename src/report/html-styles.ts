/**
 * The HTML report's stylesheet: readable on screen, in dark mode (prefers-color-scheme) and on paper
 * (@media print: light, no shadows, charts kept whole on a page).
 */
import { PROVIDER_PALETTE } from './provider-colors.js';

/** The stylesheet, with one `.c<N>` class per palette colour (the CSP forbids inline style attributes). */
export function reportStyles(): string {
  const swatches = PROVIDER_PALETTE.map((c, i) => `.c${i}{--swatch:${c}}`).join('');
  return `
:root{color-scheme:light dark;--bg:#ffffff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;--panel:#f6f8fa;--best:#1a7f37;--warn:#9a6700;--accent:#0969da}
@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--fg:#e6edf3;--muted:#9198a1;--line:#3d444d;--panel:#151b23;--best:#3fb950;--warn:#d29922;--accent:#4493f8}}
*{box-sizing:border-box}
body{margin:0;background:var(--bg);color:var(--fg);font:15px/1.5 system-ui,-apple-system,"Segoe UI","DejaVu Sans",Roboto,sans-serif}
main{max-width:1240px;margin:0 auto;padding:24px}
h1{font-size:1.6rem;margin:0 0 4px}h2{font-size:1.25rem;margin:32px 0 8px;border-bottom:1px solid var(--line);padding-bottom:4px}
p.sub{color:var(--muted);margin:0 0 16px}
.verdict{background:var(--panel);border:1px solid var(--line);border-left:4px solid var(--accent);padding:12px 16px;border-radius:6px}
.verdict.noise{border-left-color:var(--warn)}
p.warn{border-left:4px solid var(--warn);padding:4px 12px}
table{border-collapse:collapse;width:100%;margin:8px 0;font-variant-numeric:tabular-nums}
th,td{border-bottom:1px solid var(--line);padding:6px 8px;text-align:right;vertical-align:top}
th:first-child,td:first-child,th.l,td.l{text-align:left}
td{white-space:nowrap}td.wrap{white-space:normal}td small{white-space:normal}
.table-wrap{overflow-x:auto}
th{font-weight:600;background:var(--panel)}
td small,th small{display:block;color:var(--muted);font-size:.78em;font-weight:400}
td.best{color:var(--best);font-weight:600}
td.tie{font-weight:600}
tr.ineligible td{color:var(--muted)}small.bad{color:var(--warn);font-weight:600}
.banner{background:var(--panel);border:1px solid var(--line);border-left:4px solid var(--warn);padding:8px 12px;border-radius:6px;margin:0 0 16px;font-weight:600}
.banner small{display:block;font-weight:400;color:var(--muted)}
.star{margin-right:2px}
.swatch{display:inline-block;width:.8em;height:.8em;border-radius:2px;margin-right:6px;background:var(--swatch);vertical-align:baseline}
${swatches}
.charts{display:grid;grid-template-columns:repeat(auto-fit,minmax(min(100%,520px),1fr));gap:16px}
@media (max-width:600px){main{padding:10px}body{font-size:14px}.chart{height:300px}.chart.h2{height:420px}.chart.h3{height:560px}figure{padding:6px}dl{grid-template-columns:1fr}}
figure{margin:0;background:var(--panel);border:1px solid var(--line);border-radius:6px;padding:12px;break-inside:avoid}
figure h3{margin:0 0 8px;font-size:1rem}
figure.wide{grid-column:1/-1}
figure,.chart{min-width:0}.chart canvas{max-width:100%}
.chart{position:relative;height:380px}
.chart.h2{height:560px}.chart.h3{height:760px}
figcaption{color:var(--muted);font-size:.85em;margin-top:8px}
dl{display:grid;grid-template-columns:max-content 1fr;gap:2px 16px;margin:8px 0}
dt{color:var(--muted)}dd{margin:0;word-break:break-all}
code{font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:.9em}
.note{color:var(--muted);font-size:.85em}
footer{color:var(--muted);font-size:.8em;margin-top:32px}
@media print{
:root{--bg:#fff;--fg:#000;--muted:#444;--line:#bbb;--panel:#fff;--best:#000;--accent:#000;--warn:#000}
body{font-size:11pt}main{max-width:none;padding:0}
.charts{display:block}figure{margin:0 0 12pt;page-break-inside:avoid}
/* The canvas keeps the bitmap drawn for the screen; print scales it to the page width, aspect kept. */
.chart,.chart.h2,.chart.h3{height:auto!important}.chart canvas{width:100%!important;height:auto!important}
h2{page-break-after:avoid}table{page-break-inside:auto;font-size:8.5pt}tr{page-break-inside:avoid}
td{white-space:normal}th,td{padding:3px 4px}.table-wrap{overflow:visible}
td.best .star::after{content:" (best)";font-weight:400}
}
`;
}
