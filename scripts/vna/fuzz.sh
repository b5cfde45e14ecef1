# shellcheck shell=bash
# fuzz.sh: the long fuzzing campaign (./vna fuzz). ./vna test only replays the committed inputs
# of each fuzz test; this searches for new ones, coverage-guided (Jazzer), one target at a time.
# Sourced by ../../vna, which sets the paths and settings used here (see its top).

# module:class#method of every fuzz target (dicom/README.md and vna-archive/README.md, "Fuzzing").
FUZZ_TARGETS=(
  dicom:org.vesalius.dicom.io.Part10ReaderFuzzTest#part10File
  dicom:org.vesalius.dicom.io.Part10ReaderFuzzTest#dataSetInEachTransferSyntax
  dicom:org.vesalius.dicom.json.DicomJsonReaderFuzzTest#dicomJson
  dicom:org.vesalius.dicom.net.ul.PduReaderFuzzTest#pduStream
  dicom:org.vesalius.dicom.codec.FrameDecoderFuzzTest#frame
  dicom:org.vesalius.dicom.codec.FrameDecoderFuzzTest#rleFrame
  dicom:org.vesalius.dicom.codec.FrameDecoderFuzzTest#jpegFrame
  vna-archive:org.vesalius.vna.archive.dicomweb.MultipartReaderFuzzTest#multipartBody
  vna-archive:org.vesalius.vna.archive.api.query.QueryParserFuzzTest#qidoParameters
  vna-archive:org.vesalius.vna.archive.api.query.QueryParserFuzzTest#cFindIdentifier
)

# fuzz [NAME...]: each target (or those whose class#method contains a NAME) runs the number of
# inputs its @FuzzTest sets (maxExecutions, 100,000), with a 512 MB heap and a 1 s limit per
# input. A finding fails the run; Jazzer saves the input under the test's resource directory
# (…FuzzTestInputs/<method>/crash-*), where ./vna test replays it from then on. The inputs that
# widened coverage stay in <module>/.cifuzz-corpus (not committed) and seed the next run.
cmd_fuzz() {
  local target module test selected=() failed=() log t0
  select_jdk
  for target in "${FUZZ_TARGETS[@]}"; do
    if [ $# -eq 0 ]; then selected+=("$target"); continue; fi
    local name
    for name in "$@"; do
      case ${target#*:} in *"$name"*) selected+=("$target"); break ;; esac
    done
  done
  [ ${#selected[@]} -gt 0 ] || die "no fuzz target matches: $*"
  mkdir -p "$RUN/fuzz"
  for target in "${selected[@]}"; do
    module=${target%%:*}
    test=${target#*:}
    log=$RUN/fuzz/${test##*.}.log
    t0=$SECONDS
    say "fuzzing $test ($module; log ${log#"$ROOT"/})"
    if JAZZER_FUZZ=1 mvn_run -P fuzz -pl "$module" -am test -DskipITs -Dtest="$test" \
      -Dsurefire.failIfNoSpecifiedTests=false >"$log" 2>&1; then
      say "  $(grep -a -o 'Done [0-9]* runs in [0-9]* second(s)' "$log" | tail -1 || echo 'done') ($((SECONDS - t0)) s)"
    else
      failed+=("$test")
      say "  FAILED after $((SECONDS - t0)) s: $(grep -a -m1 -E '== Java Exception|FuzzTestFindingException|ERROR\]' "$log" || echo "see $log")"
    fi
  done
  [ ${#failed[@]} -eq 0 ] || die "findings in: ${failed[*]} (inputs saved beside the tests, logs in ${RUN#"$ROOT"/}/fuzz)"
  say "no findings in ${#selected[@]} target(s)"
}
