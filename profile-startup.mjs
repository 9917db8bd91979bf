// Where start-up time goes, by original source file: a CPU profile of a cold load of a build with source maps.
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { SourceMapConsumer } from 'source-map-js';
import { findChromium } from './scripts/chromium.mjs';
const port = Number(process.env.PORT ?? 4190);
const dir = process.env.DIST ?? 'dist-map';
const server = spawn('npx', ['vite', 'preview', '--outDir', dir, '--port', String(port), '--strictPort', '--host', '127.0.0.1'], { stdio: 'ignore', detached: true });
for (let i = 0; i < 100; i++) { const ok = await fetch(`http://127.0.0.1:${port}/`).then(r => r.ok, () => false); if (ok) break; await new Promise(r => setTimeout(r, 300)); }
const browser = await chromium.launch({ executablePath: findChromium()?.path });
const maps = new Map();
const mapFor = (url) => { const f = url.split('/').pop(); if (!maps.has(f)) { try { maps.set(f, new SourceMapConsumer(JSON.parse(readFileSync(`${dir}/assets/${f}.map`, 'utf8')))); } catch { maps.set(f, null); } } return maps.get(f); };
try {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
  await cdp.send('Profiler.start');
  await page.goto(`http://127.0.0.1:${port}/`);
  await page.locator('.react-flow__node[data-id="crossover"]').waitFor();
  await page.locator('.monaco-editor .view-lines').first().waitFor({ timeout: 30000 });
  await page.waitForTimeout(1500);
  const { profile } = await cdp.send('Profiler.stop');
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  const group = (n) => {
    const cf = n.callFrame;
    if (!cf.url) return cf.functionName || '(native)';
    const m = mapFor(cf.url);
    if (!m) return cf.url.split('/').pop();
    const pos = m.originalPositionFor({ line: cf.lineNumber + 1, column: cf.columnNumber });
    const src = pos.source ?? '?';
    const nm = src.match(/node_modules\/((@[^/]+\/)?[^/]+)\/(.*)/);
    if (nm) return nm[1] === 'monaco-editor' ? 'monaco:' + nm[3].split('/').slice(2, 5).join('/') : nm[1];
    return src.replace(/^.*\/src\//, 'src/');
  };
  const dts = profile.timeDeltas;
  const parent = new Map(); for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n);
  profile.samples.forEach((id, i) => {
    let n = byId.get(id); let k = group(n);
    if (process.env.NEAREST && k !== '(idle)' && k !== '(program)') {
      let p = n; let g = k; const want = process.env.NEAREST;
      while (p && !(g = group(p)).startsWith(want)) p = parent.get(p.id);
      k = p ? g + ':' + (p.callFrame.functionName || '<top>') + '  [' + k + ']' : '(none) [' + k + ']';
    }
    self.set(k, (self.get(k) ?? 0) + (dts[i] ?? 0));
  });
  let total = 0; for (const v of self.values()) total += v;
  console.log('total sampled ms', (total / 1000).toFixed(0));
  [...self].sort((a, b) => b[1] - a[1]).slice(0, Number(process.env.TOP ?? 45)).forEach(([k, v]) => console.log((v / 1000).toFixed(1).padStart(7), k));
  await context.close();
} finally { await browser.close(); try { process.kill(-server.pid); } catch {} }
