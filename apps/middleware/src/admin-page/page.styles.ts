/**
 * The page's whole style sheet, served as /admin/assets/page.css. A TypeScript string
 * rather than a .css file so the build (tsc) carries it into dist without a copy step;
 * a separate resource rather than a <style> element so the Content-Security-Policy can
 * forbid inline styles.
 */
export const PAGE_CSS = `
:root { color-scheme: light dark; --line: #8885; --muted: #888; --ok: #2a7a2a; --bad: #b3261e; }
* { box-sizing: border-box; }
body { font: 14px/1.4 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; margin: 0; padding: 0 1rem 2rem; }
header { display: flex; gap: 1rem; align-items: center; justify-content: space-between; border-bottom: 1px solid var(--line); padding: .5rem 0; }
header h1 { font-size: 1.1rem; margin: 0; }
header nav { display: flex; gap: .75rem; align-items: center; }
main { display: grid; gap: 1rem; grid-template-columns: repeat(auto-fit, minmax(36rem, 1fr)); margin-top: 1rem; }
section { border: 1px solid var(--line); border-radius: 6px; padding: .5rem .75rem; min-width: 0; overflow-x: auto; }
section.wide { grid-column: 1 / -1; }
h2 { font-size: 1rem; margin: .25rem 0 .5rem; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .2rem .4rem; border-bottom: 1px solid var(--line); vertical-align: top; overflow-wrap: break-word; }
td.reason { min-width: 14rem; }
td.ids { min-width: 12rem; font-size: .85rem; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
time, td.actions { white-space: nowrap; }
td.actions form { margin: 0 .25rem .25rem 0; }
form.inline { display: inline-flex; gap: .25rem; align-items: center; margin: 0; }
form.filters { display: flex; flex-wrap: wrap; gap: .5rem; align-items: end; margin-bottom: .5rem; }
form.filters label, form.sign-in label { display: flex; flex-direction: column; font-size: .85rem; }
input, select, button { font: inherit; padding: .15rem .4rem; }
button { cursor: pointer; }
.flash { padding: .4rem .75rem; border-radius: 6px; margin-top: .75rem; border: 1px solid var(--ok); }
.flash.error { border-color: var(--bad); }
.muted { color: var(--muted); }
.paused { color: var(--bad); font-weight: 600; }
.pager { display: flex; gap: 1rem; margin-top: .4rem; }
form.sign-in { max-width: 24rem; margin: 4rem auto; display: flex; flex-direction: column; gap: .75rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
`;
