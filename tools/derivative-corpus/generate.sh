#!/usr/bin/env bash
# Regenerates tests/Symbolic.Tests/Data/derivative-corpus.tsv with Maxima (development time only:
# CI reads the checked-in file and needs no Maxima). Maxima is a Debian package: apt-get install maxima.
# The draw is seeded, so a rerun with the same Maxima gives the same file.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
out="$here/../../tests/Symbolic.Tests/Data/derivative-corpus.tsv"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cd "$work"
maxima --very-quiet --batch="$here/generate.mac" > maxima.log 2>&1 || { cat maxima.log; exit 1; }
{
  printf '# Derivatives computed by Maxima %s with tools/derivative-corpus/generate.sh; values in 30-digit bigfloats.\n' "$(maxima --version | awk '{print $2}')"
  printf 'expression\tvariable\tx\ty\tw\tb\tvalue\tderivative\n'
  # Maxima's bigfloats read 1.5b0; the TSV uses the usual exponent letter.
  grep '^ROW|' corpus.raw | sed -e 's/^ROW|//' -e 's/ *$//' -e 's/\([0-9]\)b\([-0-9]\)/\1e\2/g' | tr '|' '\t'
} > "$out"
echo "$(($(wc -l < "$out") - 2)) rows written to $out"
