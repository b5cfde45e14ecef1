// The OHIF Viewer served by a Vesalius server, driven in headless Chromium (Debian's
// /usr/bin/chromium) through playwright-core. ViewerBrowserIT (vna-server) runs it and checks
// what it writes; it also runs by hand against `./vna start` + `./vna demo-data`:
//
//   node viewer/test/ohif-browser.mjs --url http://127.0.0.1:8080 --study UID [--series UID]
//        [--expect TEXT]... [--out DIR] [--chromium /usr/bin/chromium] [--timeout SECONDS]
//        [--serve DIR --serve-port PORT --dicomweb URL] [--user NAME]
//
// With --user, the archive requires tokens: the viewer sends the browser to its issuer's login
// form, where the script logs in as NAME with the password in the environment variable
// VNA_VIEWER_PASSWORD (`./vna start`: user admin, password in data/security/issuer.properties),
// and waits until the viewer is back from its callback (authorization code + PKCE).
//
// With --serve, the viewer comes from another origin: this script serves the prepared viewer in
// DIR itself on 127.0.0.1:PORT under /viewer/ (index.html for client routes), with app-config.js
// pointing at the archive's DICOMweb root URL, and opens it there; the archive must allow that
// origin (CORS). requests.json then also holds each response's Access-Control-Allow-Origin.
//
// Steps: the study list (/viewer/), which must show every --expect text (e.g. the Patient ID);
// then the study (/viewer/viewer?StudyInstanceUIDs=...&initialSeriesInstanceUID=...) until
// the first viewport's canvas holds a picture that is not blank, or the time guard runs out.
// Writes into --out: study-list.png, viewer.png (whole page), viewport.png (the canvas),
// requests.json (every request to /dicomweb and /wado: method, URL, Accept, status, type),
// console.log (the page's console) and result.json (what was seen). Exit status 0 when the
// steps ran (result.json says what passed), 1 when the script itself failed.
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { chromium } from 'playwright-core';

const args = parseArgs(process.argv.slice(2));
const staticServer = args.serve ? await serveViewer(path.resolve(args.serve), Number(args['serve-port']), args.dicomweb) : null;
const base = staticServer ? `http://127.0.0.1:${args['serve-port']}` : args.url.replace(/\/+$/, '');
const out = path.resolve(args.out ?? 'target/ohif-browser');
const guardMs = Number(args.timeout ?? 180) * 1000;
fs.mkdirSync(out, { recursive: true });

const result = {
  url: base,
  study: args.study,
  series: args.series ?? null,
  login: args.user ? { form: null, returned: false } : null,
  studyList: { shown: false, missing: [], text: '' },
  viewer: { url: null, canvas: false, stats: null, notBlank: false, error: null },
  pageErrors: [],
  // Origin and path of each page the main frame showed (no query: codes, states), for reading a failed login.
  navigations: [],
  // Seconds from the start at which each step ended: for reading a slow run, never asserted.
  seconds: {},
};
const started = Date.now();
const mark = (step) => { result.seconds[step] = (Date.now() - started) / 1000; };
const requests = [];
const consoleLines = [];

function parseArgs(argv) {
  const a = { expect: [] };
  for (let i = 0; i < argv.length; i++) {
    const key = argv[i].replace(/^--/, '');
    const value = argv[++i];
    if (value === undefined) throw new Error(`--${key} needs a value`);
    if (key === 'expect') a.expect.push(value);
    else a[key] = value;
  }
  if (a.user && !process.env.VNA_VIEWER_PASSWORD) {
    console.error('--user needs the password in VNA_VIEWER_PASSWORD');
    process.exit(2);
  }
  if (a.serve && (!a['serve-port'] || !a.dicomweb)) {
    console.error('--serve needs --serve-port and --dicomweb');
    process.exit(2);
  }
  if ((!a.url && !a.serve) || !a.study) {
    console.error('usage: node ohif-browser.mjs --url URL --study UID [--series UID] [--expect TEXT]... [--out DIR]');
    process.exit(2);
  }
  return a;
}

/** A static server for the prepared viewer on another origin than the archive's. */
async function serveViewer(dir, port, dicomweb) {
  const root = dicomweb.replace(/\/+$/, '');
  const config = fs.readFileSync(path.join(dir, 'app-config.js'), 'utf8')
    .replace(/^const dicomWebRoot = .*$/m, `const dicomWebRoot = '${root}';`)
    .replace(/window\.location\.origin \+ '\/wado'/, `'${root.replace(/\/dicomweb$/, '')}/wado'`);
  const types = {
    '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.json': 'application/json',
    '.wasm': 'application/wasm', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon',
    '.woff2': 'font/woff2', '.xml': 'application/xml',
  };
  const server = http.createServer((req, res) => {
    const { pathname } = new URL(req.url, 'http://viewer');
    if (!pathname.startsWith('/viewer/')) {
      res.writeHead(404).end();
      return;
    }
    const rel = decodeURIComponent(pathname.slice('/viewer/'.length));
    if (rel === 'vesalius-login.js') {
      // The archive says how to log in (prepare.mjs --dicomweb points index.html there).
      res.writeHead(302, { location: `${root.replace(/\/dicomweb$/, '')}/viewer/vesalius-login.js` }).end();
      return;
    }
    if (rel === 'app-config.js') {
      res.writeHead(200, { 'content-type': types['.js'] }).end(config);
      return;
    }
    let file = path.resolve(dir, rel);
    if (file !== dir && !file.startsWith(dir + path.sep)) {
      res.writeHead(404).end();
      return;
    }
    if (!fs.existsSync(file) || fs.statSync(file).isDirectory()) {
      if (path.extname(rel) !== '') {
        res.writeHead(404).end();
        return;
      }
      file = path.join(dir, 'index.html');
    }
    res.writeHead(200, { 'content-type': types[path.extname(file)] ?? 'application/octet-stream' });
    fs.createReadStream(file).pipe(res);
  });
  await new Promise((resolve, reject) => server.once('error', reject).listen(port, '127.0.0.1', resolve));
  return server;
}

function write(name, value) {
  fs.writeFileSync(path.join(out, name), typeof value === 'string' ? value : `${JSON.stringify(value, null, 2)}\n`);
}

/** Mean and variance of the canvas' luminance, read in the page (the 2D canvas OHIF draws on). */
async function canvasStats(page) {
  return page.evaluate(() => {
    const canvases = [...document.querySelectorAll('canvas.cornerstone-canvas, .viewport-element canvas, canvas')]
      .filter((c) => c.width > 0 && c.height > 0 && c.offsetParent !== null);
    for (const c of canvases) {
      const ctx = c.getContext('2d', { willReadFrequently: true });
      if (!ctx) continue;
      const { data } = ctx.getImageData(0, 0, c.width, c.height);
      let sum = 0;
      let sumSq = 0;
      const n = data.length / 4;
      for (let i = 0; i < data.length; i += 4) {
        const y = 0.299 * data[i] + 0.587 * data[i + 1] + 0.114 * data[i + 2];
        sum += y;
        sumSq += y * y;
      }
      const mean = sum / n;
      return { width: c.width, height: c.height, mean, variance: sumSq / n - mean * mean, className: c.className };
    }
    return null;
  });
}

/** The issuer's login form (Spring Security's), then back to the viewer through its callback. */
async function logIn(page) {
  await page.waitForURL((url) => url.pathname === '/login', { timeout: Math.min(left(), 60_000) });
  result.login.form = page.url();
  await page.locator('input[name="username"]').fill(args.user);
  await page.locator('input[name="password"]').fill(process.env.VNA_VIEWER_PASSWORD);
  await page.locator('button[type="submit"], input[type="submit"]').first().click();
  await page.waitForURL((url) => url.origin === base && url.pathname.startsWith('/viewer') && !url.pathname.endsWith('/callback'),
    { timeout: Math.min(left(), 60_000) });
  result.login.returned = true;
  mark('login');
}

const browser = await chromium.launch({
  executablePath: args.chromium ?? '/usr/bin/chromium',
  headless: true,
  // No GPU here: WebGL through SwiftShader, which Chromium only allows when asked.
  args: ['--use-angle=swiftshader', '--enable-unsafe-swiftshader', '--ignore-gpu-blocklist'],
});
const deadline = Date.now() + guardMs;
const left = () => Math.max(1000, deadline - Date.now());
let failed = null;
try {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => result.pageErrors.push(String(e)));
  page.on('framenavigated', (frame) => {
    if (frame !== page.mainFrame()) return;
    const url = new URL(frame.url());
    result.navigations.push(url.origin + url.pathname);
  });
  page.on('requestfinished', async (request) => {
    const url = new URL(request.url());
    if (!/^\/(dicomweb|wado)(\/|$)/.test(url.pathname)) return;
    const response = await request.response();
    const headers = await request.allHeaders();
    const responseHeaders = response ? await response.allHeaders() : {};
    requests.push({
      method: request.method(),
      path: url.pathname + url.search,
      accept: headers.accept ?? null,
      origin: headers.origin ?? null,
      // The scheme only: never the token.
      authorization: headers.authorization?.split(' ')[0] ?? null,
      status: response?.status() ?? null,
      contentType: responseHeaders['content-type'] ?? null,
      allowOrigin: responseHeaders['access-control-allow-origin'] ?? null,
    });
  });
  page.on('requestfailed', async (request) => {
    const url = new URL(request.url());
    if (!/^\/(dicomweb|wado)(\/|$)/.test(url.pathname)) return;
    const headers = await request.allHeaders();
    requests.push({ method: request.method(), path: url.pathname + url.search, accept: headers.accept ?? null,
      status: null, failure: request.failure()?.errorText ?? 'failed' });
  });

  // 1. The study list, from QIDO-RS; first the login when the archive requires tokens.
  await page.goto(`${base}/viewer/`, { timeout: left() });
  if (args.user) await logIn(page);
  try {
    for (const text of args.expect) {
      await page.getByText(text, { exact: false }).first().waitFor({ timeout: Math.min(left(), 60_000) });
    }
  } catch (e) {
    // reported below through `missing`
  }
  const listText = await page.locator('body').innerText();
  result.studyList.text = listText;
  result.studyList.missing = args.expect.filter((t) => !listText.includes(t));
  result.studyList.shown = result.studyList.missing.length === 0;
  await page.screenshot({ path: path.join(out, 'study-list.png') });
  mark('studyList');

  // 2. The study, through WADO-RS: wait until a viewport canvas holds a picture.
  const params = new URLSearchParams({ StudyInstanceUIDs: args.study });
  if (args.series) params.set('initialSeriesInstanceUID', args.series);
  result.viewer.url = `${base}/viewer/viewer?${params}`;
  await page.goto(result.viewer.url, { timeout: left() });
  mark('viewerLoaded');
  // A refused retrieve (metadata, frames) ends the wait at once: the viewer will not render.
  const refused = () => requests.find((r) => /\/(metadata|frames\/)/.test(r.path) && !(r.status >= 200 && r.status < 300));
  try {
    // Remember what the loop saw: OHIF may replace the viewport's canvas right after creating it
    // (the hanging protocol matches again), so a second look can find none for a moment.
    let canvases = 0;
    while (Date.now() < deadline && !refused()) {
      canvases = await page.locator('canvas.cornerstone-canvas').count();
      if (canvases > 0) break;
      await page.waitForTimeout(500);
    }
    result.viewer.canvas = canvases > 0;
    mark('canvas');
    // Rendering is asynchronous (metadata, frames, decoding): poll the canvas until it is not
    // uniform. The deadline is a hang guard, not a measurement.
    while (result.viewer.canvas && Date.now() < deadline && !refused()) {
      result.viewer.stats = await canvasStats(page);
      if (result.viewer.stats && result.viewer.stats.variance > 1) break;
      await page.waitForTimeout(500);
    }
    if (refused()) {
      const r = refused();
      result.viewer.error = `WADO-RS answered ${r.status ?? r.failure} to GET ${r.path} (Accept: ${r.accept})`;
    } else if (!result.viewer.canvas) {
      result.viewer.error = 'no viewport canvas appeared before the time guard ran out';
    }
    result.viewer.notBlank = !!result.viewer.stats && result.viewer.stats.variance > 1;
    mark('rendered');
    // Let the viewer settle (overlays, thumbnails) before the pictures are taken, and close the
    // onboarding tour OHIF shows a first-time user over the viewport.
    await page.waitForLoadState('networkidle', { timeout: Math.min(left(), 15_000) }).catch(() => {});
    const skipTour = page.getByText('Skip all', { exact: true });
    if (await skipTour.isVisible().catch(() => false)) {
      await skipTour.click().catch(() => {});
      await skipTour.waitFor({ state: 'hidden', timeout: 5_000 }).catch(() => {});
    }
    if (result.viewer.canvas) {
      await page.locator('canvas.cornerstone-canvas').first().screenshot({ path: path.join(out, 'viewport.png') });
    }
  } catch (e) {
    result.viewer.error = String(e);
  }
  await page.screenshot({ path: path.join(out, 'viewer.png') });
  await context.close();
} catch (e) {
  failed = e;
  result.error = String(e.stack ?? e);
} finally {
  await browser.close();
  staticServer?.close();
  write('requests.json', requests);
  write('console.log', `${consoleLines.join('\n')}\n`);
  write('result.json', result);
}
console.log(`study list ${result.studyList.shown ? 'shows' : 'does NOT show'} ${JSON.stringify(args.expect)}; `
  + `viewport ${result.viewer.notBlank ? 'rendered' : 'blank or missing'} (${JSON.stringify(result.viewer.stats)}); `
  + `${requests.length} DICOMweb requests; output in ${out}`);
process.exit(failed ? 1 : 0);
