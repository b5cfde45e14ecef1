# shellcheck shell=bash
# test-tools.sh: what ./vna test installs and checks before Maven runs.
# Sourced by ../../vna, which sets the paths and settings used here (see its top).

# Debian packages the test suite needs: "command:package" pairs. Chromium runs the OHIF Viewer
# in ViewerBrowserIT (driven by playwright-core from npm; chromium-driver for WebDriver clients).
# Node.js and npm (Debian packages nodejs, npm) are installed by viewer_install when missing.
# The package shellcheck checks this script (check_scripts). rsyslogd (with rsyslog-gnutls, checked
# in cmd_test) is the audit record repository of AuditTrailIT, openssl makes its test certificates.
# mllp_send (python3-hl7) is the independent MLLP sender of the HL7 tests.
# shellcheck disable=SC2034  # read by cmd_test (test.sh)
TEST_TOOLS=(dcmdump:dcmtk Orthanc:orthanc chromium:chromium chromedriver:chromium-driver shellcheck:shellcheck
  rsyslogd:rsyslog openssl:openssl mllp_send:python3-hl7)

# Debian's orthanc package starts a system Orthanc (ports 4242/8042) where an init system runs
# (systemd, or SysV with a runlevel). The tests start their own: stop it and keep it off at boot.
orthanc_service_off() {
  local sudo=()
  [ "$(id -u)" -eq 0 ] || sudo=(sudo -n)
  if [ -d /run/systemd/system ]; then
    "${sudo[@]}" systemctl disable --now orthanc.service
  else
    "${sudo[@]}" /etc/init.d/orthanc stop && "${sudo[@]}" update-rc.d orthanc disable
  fi </dev/null >/dev/null 2>&1 || note "could not stop the orthanc system service; it may hold ports 4242/8042"
}

# Runs shellcheck over vna and every part in scripts/vna/ (settings in .shellcheckrc: it follows what
# vna sources). Any finding, of any severity, fails ./vna test before Maven starts.
check_scripts() {
  (cd "$ROOT" && shellcheck vna scripts/vna/*.sh .ci/run) ||
    die "shellcheck found problems in the vna script (listed above): fix them, or disable one with a comment saying why"
  say "shellcheck: vna, scripts/vna/*.sh and .ci/run are clean"
}
