# shellcheck shell=bash
# viewer.sh: the OHIF Viewer (viewer-install) and the npm packages of its browser test.
# Sourced by ../../vna, which sets the paths and settings used here (see its top).

# ---------------------------------------------------------------------------- viewer (OHIF)

# The OHIF Viewer's prebuilt app from the npm package @ohif/app (version and integrity pinned in
# viewer/package.json), unpacked once into run/viewer/ohif-app-<version>, then prepared for the
# base path /viewer/ with our app-config.js into run/viewer/app, which the server serves
# (vna.viewer.directory). The package's own dependencies are its sources' (React, webpack
# loaders, ...): the build needs none of them, so the tarball is fetched with `npm pack`, not
# installed. The browser test's playwright-core is an ordinary npm dependency (package-lock.json).
VIEWER_SRC=$ROOT/viewer
VIEWER_RUN=$RUN/viewer
VIEWER_APP=$VIEWER_RUN/app

ensure_node() {
  command -v node >/dev/null && command -v npm >/dev/null && return 0
  apt_install nodejs npm
}

viewer_pinned() {  # field of "ohif" in viewer/package.json: package, version, integrity
  node -p "require(process.argv[1]).ohif[process.argv[2]]" "$VIEWER_SRC/package.json" "$1"
}

viewer_installed() { [ -f "$VIEWER_APP/index.html" ] && [ -f "$VIEWER_APP/vesalius-viewer.json" ]; }

viewer_install() {
  ensure_node
  mkdir -p "$VIEWER_RUN"
  ( flock 9; viewer_install_locked ) 9>"$VIEWER_RUN/install.lock"
}

viewer_install_locked() {
  local pkg version integrity dist tmp tgz actual
  { pkg=$(viewer_pinned package) && version=$(viewer_pinned version) && integrity=$(viewer_pinned integrity); } ||
    die "cannot read the pinned OHIF package from viewer/package.json"
  dist=$VIEWER_RUN/ohif-app-$version
  if [ ! -f "$dist/index.html" ]; then
    tmp=$(mktemp -d "$VIEWER_RUN/.download.XXXXXX")
    note "fetching $pkg@$version with npm (a prebuilt app, about 50 MB)"
    if ! npm pack --silent --pack-destination "$tmp" "$pkg@$version" >"$tmp/pack.log" 2>&1; then
      cat "$tmp/pack.log" >&2; rm -rf "$tmp"
      die "npm pack $pkg@$version failed"
    fi
    tgz=$(find "$tmp" -maxdepth 1 -name '*.tgz' -print -quit)
    actual=sha512-$(node -e 'const h=require("crypto").createHash("sha512");require("fs").createReadStream(process.argv[1]).on("data",d=>h.update(d)).on("end",()=>console.log(h.digest("base64")))' "$tgz")
    if [ "$actual" != "$integrity" ]; then
      rm -rf "$tmp"
      die "$pkg@$version: integrity $actual differs from the one pinned in viewer/package.json"
    fi
    tar -xzf "$tgz" -C "$tmp" package/dist || { rm -rf "$tmp"; die "cannot unpack $tgz"; }
    [ -f "$tmp/package/dist/index.html" ] || { rm -rf "$tmp"; die "$pkg@$version holds no prebuilt app (dist/index.html)"; }
    rm -rf "$dist"
    mv "$tmp/package/dist" "$dist"
    rm -rf "$tmp"
  fi
  # Prepared again when our config, the preparation or the OHIF version changed.
  if ! viewer_installed || [ "$VIEWER_SRC/app-config.js" -nt "$VIEWER_APP/vesalius-viewer.json" ] ||
     [ "$VIEWER_SRC/prepare.mjs" -nt "$VIEWER_APP/vesalius-viewer.json" ] ||
     ! grep -qF "\"source\": \"$dist\"" "$VIEWER_APP/vesalius-viewer.json"; then
    node "$VIEWER_SRC/prepare.mjs" "$dist" "$VIEWER_APP" --base /viewer/ >&2 || die "could not prepare the viewer"
    find "$VIEWER_RUN" -maxdepth 1 -name 'ohif-app-*' ! -name "ohif-app-$version" -exec rm -rf {} +
  fi
}

# playwright-core for the browser test (no browser download: it drives Debian's chromium).
viewer_test_tools() {
  ensure_node
  local lock=$VIEWER_SRC/package-lock.json stamp=$VIEWER_SRC/node_modules/.package-lock.json
  [ -f "$stamp" ] && [ "$stamp" -nt "$lock" ] && [ -d "$VIEWER_SRC/node_modules/playwright-core" ] && return 0
  note "installing the browser test's npm packages (npm ci in viewer/)"
  (cd "$VIEWER_SRC" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) >/dev/null ||
    die "npm ci in viewer/ failed"
  touch "$stamp"
}

cmd_viewer_install() {
  [ $# -eq 0 ] || die "usage: ./vna viewer-install"
  viewer_install
  say "viewer installed: ${VIEWER_APP#"$ROOT"/} (OHIF $(viewer_pinned version)); the server serves it at $(http_base)/viewer/"
}


viewer_study_url() { echo "$(http_base)/viewer/viewer?StudyInstanceUIDs=$1"; }
