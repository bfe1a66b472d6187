#!/usr/bin/env bash
# Fails when a class of org.openlgd.stats has fewer than FLOOR % (80) of its mutants detected in PIT's report
# (target/pit-reports/mutations.xml); prints the score of every class, weakest first. pom.xml's mutationThreshold
# holds the total.
set -euo pipefail
xml="${1:-target/pit-reports/mutations.xml}"
floor="${FLOOR:-80}"
[ -f "$xml" ] || { echo "no mutation report at $xml (run ./run.sh mutation)" >&2; exit 1; }
mkdir -p target
grep -o "detected='[a-z]*'[^>]*><sourceFile>[^<]*</sourceFile><mutatedClass>[^<$]*" "$xml" \
  | sed -E "s/detected='([a-z]*)'.*<mutatedClass>/\1 /" \
  | awk -v floor="$floor" '
      { total[$2]++; if ($1 == "true") found[$2]++ }
      END {
        bad = 0
        for (c in total) {
          pct = 100 * found[c] / total[c]
          printf "%6.1f %%  %4d/%-4d %s\n", pct, found[c], total[c], c
          if (c ~ /^org\.openlgd\.stats\./ && pct < floor) bad = 1
        }
        exit bad
      }' > target/mutation-classes.txt || status=$?
sort -n target/mutation-classes.txt
if [ "${status:-0}" -ne 0 ]; then
  echo "a class of org.openlgd.stats has fewer than $floor % of its mutants detected (above)" >&2
  exit 1
fi
