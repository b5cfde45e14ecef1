// Prepares the prebuilt OHIF Viewer of the @ohif/app package to be served under a base path.
//
//   node viewer/prepare.mjs SOURCE_DIST TARGET_DIR [--base /viewer/] [--config FILE] [--dicomweb URL]
//
// The package's dist/ is built for the site root: index.html, the stylesheets and the webpack
// runtimes (app, chunks, workers) load everything from "/". This writes TARGET_DIR as a copy of
// SOURCE_DIST (unchanged files hard-linked where possible) with those root references moved to
// the base path, and our app-config.js in place of the package's. Each rewrite must find what it
// rewrites, so a future OHIF build laid out differently fails here with a message instead of
// serving a viewer that cannot load its chunks. ./vna viewer-install runs it.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

function usage(message) {
  console.error(`prepare.mjs: ${message}`);
  console.error('usage: node prepare.mjs SOURCE_DIST TARGET_DIR [--base /viewer/] [--config FILE] [--dicomweb URL]');
  process.exit(2);
}

const args = process.argv.slice(2);
const positional = [];
const options = { base: '/viewer/', config: path.join(path.dirname(new URL(import.meta.url).pathname), 'app-config.js'), dicomweb: null };
for (let i = 0; i < args.length; i++) {
  const a = args[i];
  if (a.startsWith('--')) {
    const key = a.slice(2);
    if (!(key in options) || i + 1 >= args.length) usage(`bad option ${a}`);
    options[key] = args[++i];
  } else {
    positional.push(a);
  }
}
if (positional.length !== 2) usage('SOURCE_DIST and TARGET_DIR are required');
const [source, target] = positional.map((p) => path.resolve(p));
const base = options.base;
if (!/^\/([A-Za-z0-9._-]+\/)*$/.test(base)) usage(`--base must start and end with "/" (is: ${base})`);
if (!fs.existsSync(path.join(source, 'index.html'))) usage(`${source} holds no index.html: not an OHIF build`);

/** A rewrite of one kind of file; `min` is how many replacements it must make over all files. */
const rewrites = [
  {
    // The archive's login configuration (window.vesaliusLogin), which app-config.js reads: a
    // script the archive generates, loaded before app-config.js.
    name: 'index.html: the login script before app-config.js',
    test: (rel) => rel === 'index.html',
    min: 1,
    apply: (text, count) =>
      text.replace(/<script\b[^>]*\bsrc="\/app-config\.js"/, (tag) => (count(), `<script src="${loginScript()}"></script>${tag}`)),
  },
  {
    name: 'index.html: PUBLIC_URL, href, src and content',
    test: (rel) => rel === 'index.html',
    min: 3,
    apply: (text, count) =>
      text
        .replace(/window\.PUBLIC_URL="\/"/g, () => (count(), `window.PUBLIC_URL="${base}"`))
        .replace(/\b(href|src|content)="\/(?!\/)/g, (_, attr) => (count(), `${attr}="${base}`)),
  },
  {
    name: 'stylesheets: url(/...)',
    test: (rel) => !rel.includes('/') && rel.endsWith('.css'),
    min: 1,
    apply: (text, count) => text.replace(/url\(\/(?!\/)/g, () => (count(), `url(${base}`)),
  },
  {
    name: 'webpack runtimes: public path',
    test: (rel) => !rel.includes('/') && rel.endsWith('.js') && rel !== 'app-config.js' && rel !== 'sw.js',
    min: 1,
    apply: (text, count) =>
      text.replace(/__webpack_require__\.p = "\/";/g, () => (count(), `__webpack_require__.p = "${base}";`)),
  },
  {
    name: 'manifest.json: icons',
    test: (rel) => rel === 'manifest.json',
    min: 0,
    apply: (text, count) => text.replace(/"src": "\/(?!\/)/g, () => (count(), `"src": "${base}`)),
  },
];

/**
 * Where index.html loads the archive's login script from: the archive that serves the viewer
 * (root-relative, moved under the base path like the other references), or the --dicomweb archive.
 */
function loginScript() {
  return options.dicomweb ? `${archiveOrigin(options.dicomweb)}/viewer/vesalius-login.js` : '/vesalius-login.js';
}

function archiveOrigin(url) {
  return url.replace(/\/+$/, '').replace(/\/dicomweb$/, '');
}

function appConfig() {
  let text = fs.readFileSync(options.config, 'utf8');
  if (options.dicomweb) {
    const url = options.dicomweb.replace(/\/+$/, '');
    if (!/^https?:\/\/[^\s'"\\]+$/.test(url)) usage(`--dicomweb must be an http(s) URL (is: ${options.dicomweb})`);
    const line = /^const dicomWebRoot = .*$/m;
    if (!line.test(text)) usage(`${options.config} has no "const dicomWebRoot = ..." line to replace`);
    text = text.replace(line, `const dicomWebRoot = '${url}';`);
    text = text.replace(/window\.location\.origin \+ '\/wado'/, `'${url.replace(/\/dicomweb$/, '')}/wado'`);
  }
  return text;
}

const counts = new Map(rewrites.map((r) => [r.name, 0]));
const tmp = `${target}.tmp-${process.pid}`;
fs.rmSync(tmp, { recursive: true, force: true });

function copy(dir) {
  for (const entry of fs.readdirSync(path.join(source, dir), { withFileTypes: true })) {
    const rel = dir ? `${dir}/${entry.name}` : entry.name;
    const from = path.join(source, rel);
    const to = path.join(tmp, rel);
    if (entry.isDirectory()) {
      fs.mkdirSync(to, { recursive: true });
      copy(rel);
      continue;
    }
    if (rel === 'app-config.js') {
      fs.writeFileSync(to, appConfig());
      continue;
    }
    const matching = rewrites.filter((r) => r.test(rel));
    if (matching.length > 0) {
      let text = fs.readFileSync(from, 'utf8');
      let changed = false;
      for (const rewrite of matching) {
        let n = 0;
        text = rewrite.apply(text, () => n++);
        counts.set(rewrite.name, counts.get(rewrite.name) + n);
        changed ||= n > 0;
      }
      if (changed) {
        fs.writeFileSync(to, text);
        continue;
      }
    }
    try {
      fs.linkSync(from, to);
    } catch {
      fs.copyFileSync(from, to);
    }
  }
}

fs.mkdirSync(tmp, { recursive: true });
copy('');
for (const r of rewrites) {
  if (counts.get(r.name) < r.min) {
    fs.rmSync(tmp, { recursive: true, force: true });
    console.error(`prepare.mjs: ${r.name}: ${counts.get(r.name)} replacements, expected at least ${r.min}; `
      + 'this OHIF build is laid out differently from the one this script knows (@ohif/app 3.13)');
    process.exit(1);
  }
}
const stamp = {
  source,
  base,
  config: path.resolve(options.config),
  configSha256: createHash('sha256').update(appConfig()).digest('hex'),
  dicomweb: options.dicomweb ?? 'same origin',
  rewrites: Object.fromEntries(counts),
};
fs.writeFileSync(path.join(tmp, 'vesalius-viewer.json'), `${JSON.stringify(stamp, null, 2)}\n`);
fs.rmSync(target, { recursive: true, force: true });
fs.renameSync(tmp, target);
console.log(`prepared ${target} for ${base} (${[...counts].map(([k, v]) => `${k}: ${v}`).join('; ')})`);
