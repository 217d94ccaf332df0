#!/usr/bin/env bash
# The bad-input harness: 250+ bad inputs and faults across sgdlab's commands (missing, folder and unreadable files,
# malformed data, malformed and out-of-range numbers, unknown names, conflicting and silently ignored flags, bad output
# paths, sizes that overflow an int or exceed the heap), each run through the command line in a fresh sandbox, and
# counted: clear errors, stack traces, raw Java exceptions, wrong exit codes, partial outputs left behind.
# Cases and classification: sgdlab-cli/src/test/java/org/sgdlab/cli/BadInputs.java (a subset runs in the default
# suite as BadInputsTest). Prints the counts and writes sgdlab-cli/target/bad-inputs/{summary.txt,outcomes.tsv}.
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$root"
./mvnw -B -q -Pslow -pl sgdlab-cli -am verify -Dtest=BadInputsHarnessTest -Dsurefire.failIfNoSpecifiedTests=false
rc=$?
if [ -f sgdlab-cli/target/bad-inputs/summary.txt ]; then
  cat sgdlab-cli/target/bad-inputs/summary.txt
  echo "per case: sgdlab-cli/target/bad-inputs/outcomes.tsv"
fi
exit $rc
