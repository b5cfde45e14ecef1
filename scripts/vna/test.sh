# shellcheck shell=bash
# test.sh: ./vna test, the whole suite (mvn verify) with its tools and test Elasticsearch.
# Sourced by ../../vna, which sets the paths and settings used here (see its top).

# ---------------------------------------------------------------------------- test

# Does any module need Elasticsearch during mvn verify? A module says so in its pom with
# <properties><vna.test.needs-elasticsearch>true</vna.test.needs-elasticsearch></properties>.
# VNA_TEST_ES=always|never overrides.
tests_need_es() {
  case $TEST_ES in
    always) return 0 ;;
    never) return 1 ;;
    auto) ;;
    *) die "VNA_TEST_ES must be auto, always or never (is: $TEST_ES)" ;;
  esac
  local m
  while read -r m; do
    grep -q '<vna.test.needs-elasticsearch>true</vna.test.needs-elasticsearch>' "$ROOT/$m/pom.xml" 2>/dev/null && return 0
  done < <(modules)
  return 1
}
TEST_SUMMARY_DONE=""

MVN_PID=""

test_cleanup() {
  local rc=$?
  if pid_alive "$MVN_PID"; then kill -TERM "$MVN_PID" 2>/dev/null; wait "$MVN_PID" 2>/dev/null || true; fi
  es_ephemeral_stop
  if [ $rc -ne 0 ] && [ -z "$TEST_SUMMARY_DONE" ]; then
    case $rc in
      130 | 143) printf 'vna: test suite FAILED: interrupted (exit status %s)\n' "$rc" >&2 ;;
      *) printf 'vna: test suite FAILED before Maven finished (exit status %s, see the message above)\n' "$rc" >&2 ;;
    esac
  fi
}

cmd_test() {
  local args=(verify) shared t0=$SECONDS tool pkgs=() rc=0
  trap test_cleanup EXIT
  trap 'exit 130' INT
  trap 'exit 143' TERM
  select_jdk
  ensure_maven
  # Orthanc and rsyslogd live in /usr/sbin, which a non-root PATH may lack (the tests look for them there too).
  case :$PATH: in *:/usr/sbin:*) ;; *) export PATH=$PATH:/usr/sbin ;; esac
  for tool in "${TEST_TOOLS[@]}"; do
    command -v "${tool%%:*}" >/dev/null || pkgs+=("${tool#*:}")
  done
  # Orthanc's DICOMweb plugin is a library, not a command: ask dpkg.
  dpkg -s orthanc-dicomweb >/dev/null 2>&1 || pkgs+=(orthanc-dicomweb)
  # rsyslog's TLS driver (RFC 5425, AuditTrailIT) is a library too.
  dpkg -s rsyslog-gnutls >/dev/null 2>&1 || pkgs+=(rsyslog-gnutls)
  [ ${#pkgs[@]} -eq 0 ] || apt_install "${pkgs[@]}"
  [[ " ${pkgs[*]} " != *" orthanc "* ]] || orthanc_service_off
  # The script itself first: a finding fails the suite before anything slow starts.
  check_scripts
  # The viewer the browser test opens, and that test's npm packages.
  viewer_install
  viewer_test_tools
  args+=("-Dvna.test.viewer.app=$VIEWER_APP" "-Dvna.test.chromium=$(command -v chromium)")
  if [ -d "$ROOT/../shared" ]; then
    shared=$(cd "$ROOT/../shared" && pwd)
    args+=("-Dvna.shared=$shared")
  else
    if [ "${CI:-}" = true ]; then
      say "no ../shared beside the checkout: under CI=true the tests that need the reference data fail"
    else
      say "no ../shared beside the checkout: tests that need the reference data will skip"
    fi
  fi
  if tests_need_es; then
    es_ephemeral_start
    export VNA_TEST_ELASTICSEARCH_URL=$TEST_ES_URL
    args+=("-Dvna.test.elasticsearch.url=$TEST_ES_URL")
  fi
  say "mvn -B verify (Java $JAVA_MAJOR at $JAVA_HOME)"
  # In the background + wait, so that INT/TERM reach our trap (which stops Maven and the
  # test Elasticsearch) at once instead of after Maven ends.
  mvn_run "${args[@]}" "$@" &
  MVN_PID=$!
  wait "$MVN_PID" || rc=$?
  MVN_PID=""
  es_ephemeral_stop
  TEST_SUMMARY_DONE=1
  if [ $rc -eq 0 ]; then
    say "test suite PASSED: mvn verify succeeded in $((SECONDS - t0)) s"
  else
    say "test suite FAILED: mvn verify exited with $rc after $((SECONDS - t0)) s (see the surefire/failsafe reports above)"
    exit 1
  fi
}
