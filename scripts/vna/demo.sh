# shellcheck shell=bash
# demo.sh: demo-data, generated studies stored by STOW-RS, with their viewer links.
# Sourced by ../../vna, which sets the paths and settings used here (see its top).

# ---------------------------------------------------------------------------- demo data

DEMO_DIR=$RUN/demo
DEMO_STUDIES=$DEMO_DIR/studies.tsv   # study uid, modalities, description, patient, instances

# With tokens required (vna.security.enabled: DICOMweb answers 401 without one), the demo stores
# with a token of the embedded issuer's client demo-data (ingest) and searches with one of checks
# (reader), both from ./vna token. The token goes to curl on its standard input (a config line),
# not in its arguments. Without tokens required both are empty and curl sends none.
DEMO_STORE_TOKEN=""
DEMO_READ_TOKEN=""
DEMO_TOKENS=""   # empty: not asked yet; none: not required; required
tokens_required() {
  [ "$(curl "${CURL_TLS[@]}" -sS -o /dev/null -w '%{http_code}' --max-time 10 -H 'Accept: application/dicom+json' \
    "$(http_base)/dicomweb/studies?limit=1" 2>/dev/null)" = 401 ]
}
demo_tokens() {  # the read token (searches); a client missing from an older issuer file only loses the links
  [ -z "$DEMO_TOKENS" ] || return 0
  DEMO_TOKENS=none
  tokens_required || return 0
  DEMO_TOKENS=required
  DEMO_READ_TOKEN=$(cmd_token checks) || note "cannot search the demo studies: ./vna token checks gave no token"
}
demo_store_token() {  # the store token, required to store when tokens are
  demo_tokens
  [ "$DEMO_TOKENS" = required ] || return 0
  DEMO_STORE_TOKEN=$(cmd_token demo-data) || die "the archive requires tokens and ./vna token demo-data gave none"
}
bearer_config() {  # token -> a curl config line for its Authorization header (nothing without a token)
  [ -z "$1" ] || printf 'header = "Authorization: Bearer %s"\n' "$1"
}

# How many of the given study UIDs QIDO-RS finds (0 when it cannot answer).
qido_count_studies() {  # comma-separated uids
  demo_tokens
  bearer_config "$DEMO_READ_TOKEN" | curl "${CURL_TLS[@]}" -fsS --max-time 10 -K - -H 'Accept: application/dicom+json' \
    "$(http_base)/dicomweb/studies?StudyInstanceUID=$1&includefield=0020000D" 2>/dev/null |
    grep -o '"0020000D"' | wc -l
}

# STOW-RS of files (paths relative to dir), in requests of 25; prints "stored failed".
stow_files() {  # dir file...
  local dir=$1 body boundary f n stored=0 failed=0 code resp batch=()
  shift
  body=$(mktemp) resp=$(mktemp)
  boundary=vesalius-demo-$$
  send_batch() {
    [ ${#batch[@]} -gt 0 ] || return 0
    {
      for f in "${batch[@]}"; do
        printf -- '--%s\r\nContent-Type: application/dicom\r\n\r\n' "$boundary"
        cat "$dir/$f"
        printf '\r\n'
      done
      printf -- '--%s--\r\n' "$boundary"
    } >"$body"
    code=$(bearer_config "$DEMO_STORE_TOKEN" | curl "${CURL_TLS[@]}" -sS -K - -o "$resp" -w '%{http_code}' --max-time 300 -X POST \
      -H "Content-Type: multipart/related; type=\"application/dicom\"; boundary=$boundary" \
      -H 'Accept: application/dicom+json' --data-binary @"$body" "$(http_base)/dicomweb/studies") || code=000
    case $code in
      200 | 202 | 409)   # Referenced SOP Instance UID in every item; Failure Reason in the failed ones
        n=$(grep -o '"00081197"' "$resp" | wc -l)
        failed=$((failed + n))
        stored=$((stored + $(grep -o '"00081155"' "$resp" | wc -l) - n))
        [ "$code" = 200 ] || note "STOW-RS answered $code: $n of ${#batch[@]} instances refused: $(head -c 400 "$resp")" ;;
      *) rm -f "$body"; die "STOW-RS to $(http_base)/dicomweb/studies answered $code: $(head -c 600 "$resp" 2>/dev/null)" ;;
    esac
    batch=()
  }
  for f in "$@"; do
    batch+=("$f")
    [ ${#batch[@]} -lt 25 ] || send_batch
  done
  send_batch
  rm -f "$body" "$resp"
  echo "$stored $failed"
}

cmd_demo_data() {
  local instances=200 matrix=256 seed=1 dir files=() uids counts stored failed t0 found
  while [ $# -gt 0 ]; do
    case $1 in
      --instances | --matrix | --seed)
        [ $# -ge 2 ] || die "$1 needs a value"
        [[ $2 =~ ^[0-9]+$ ]] || die "$1 needs a whole number, not \"$2\""
        case $1 in --instances) instances=$2 ;; --matrix) matrix=$2 ;; --seed) seed=$2 ;; esac
        shift 2 ;;
      *) die "usage: ./vna demo-data [--instances N] [--matrix M] [--seed S]" ;;
    esac
  done
  need_command curl curl
  server_up || die "the server does not answer at $(http_base): ./vna start first"
  dir=$DEMO_DIR/generated-n$instances-m$matrix-s$seed
  if [ ! -f "$dir/MANIFEST.tsv" ]; then
    rm -rf "$dir"
    mkdir -p "$DEMO_DIR"
    note "generating $instances instances ($matrix x $matrix, seed $seed) into ${dir#"$ROOT"/}"
    ( cmd_tool GenerateTool generate "OUTDIR" "$dir" --instances "$instances" --matrix "$matrix" --seed "$seed" ) >&2 ||
      die "vna generate failed"
  fi
  # The CT and MR studies of the set (all their series, localizers and dose reports included).
  awk -F'\t' 'NR > 1 && ($20 == "CT" || $20 == "MR") { keep[$5] = 1 }
              NR > 1 { rows[NR] = $0; study[NR] = $5 }
              END { for (i = 2; i in rows; i++) if (study[i] in keep) print rows[i] }' "$dir/MANIFEST.tsv" >"$DEMO_DIR/rows.tsv"
  [ -s "$DEMO_DIR/rows.tsv" ] || die "the generated set has no CT or MR study; try more --instances"
  awk -F'\t' '{ n[$5]++; if (!($5 SUBSEP $20 in seen)) { seen[$5, $20] = 1; mod[$5] = mod[$5] (mod[$5] ? "/" : "") $20 }
                desc[$5] = $19; pat[$5] = $9; if (!($5 in order)) { order[$5] = ++k; uid[k] = $5 } }
              END { for (i = 1; i <= k; i++) { u = uid[i]; printf "%s\t%s\t%s\t%s\t%d\n", u, mod[u], desc[u], pat[u], n[u] } }' \
    "$DEMO_DIR/rows.tsv" >"$DEMO_STUDIES.tmp"
  mapfile -t files < <(cut -f1 "$DEMO_DIR/rows.tsv")
  demo_store_token
  note "storing ${#files[@]} instances of $(wc -l <"$DEMO_STUDIES.tmp") CT and MR studies by STOW-RS into $(http_base)/dicomweb"
  counts=$(stow_files "$dir" "${files[@]}") || exit 1
  read -r stored failed <<<"$counts"
  mv "$DEMO_STUDIES.tmp" "$DEMO_STUDIES"
  rm -f "$DEMO_DIR/rows.tsv"
  [ "$failed" -eq 0 ] || note "$failed instances were refused (see above)"
  # Searchable once the index has them (it refreshes within a second; a guard, not a measurement).
  uids=$(cut -f1 "$DEMO_STUDIES" | paste -sd,)
  t0=$SECONDS
  while found=$(qido_count_studies "$uids"); [ "$found" -lt "$(wc -l <"$DEMO_STUDIES")" ]; do
    [ $((SECONDS - t0)) -lt 60 ] || { note "QIDO-RS finds $found of $(wc -l <"$DEMO_STUDIES") studies after 60 s (index down? see ./vna status)"; break; }
    sleep 1
  done
  say "demo data: $stored instances in the archive ($matrix x $matrix, seed $seed), $(wc -l <"$DEMO_STUDIES") studies"
  viewer_install
  say "OHIF Viewer: $(http_base)/viewer/  (study list from QIDO-RS)"
  print_viewer_login
  print_demo_links
}

print_viewer_login() {  # how to log in to the viewer, when the archive requires tokens
  demo_tokens
  [ "$DEMO_TOKENS" = required ] || return 0
  say "  log in as user admin; its password is user.admin.password in ${ISSUER_FILE#"$ROOT"/} (after {noop}):"
  say "    sed -n 's/^user.admin.password={noop}//p' ${ISSUER_FILE#"$ROOT"/}"
}

print_demo_links() {  # one line per demo study that QIDO-RS finds, with its viewer link
  local uid mods desc patient n
  [ -s "$DEMO_STUDIES" ] || { say "  demo studies: none loaded (./vna demo-data)"; return 0; }
  [ "$(qido_count_studies "$(cut -f1 "$DEMO_STUDIES" | paste -sd,)")" -gt 0 ] ||
    { say "  demo studies: not found in this archive (./vna demo-data loads them)"; return 0; }
  say "  demo studies (open in OHIF):"
  while IFS=$'\t' read -r uid mods desc patient n; do
    say "    $(printf '%-6s %-20s %-24s %4d instances' "$mods" "${desc:0:20}" "${patient:0:24}" "$n")  $(viewer_study_url "$uid")"
  done <"$DEMO_STUDIES"
}
