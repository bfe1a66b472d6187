#!/usr/bin/env bash
# Prints line and branch coverage per package and in total from JaCoCo's CSV (target/site/jacoco/jacoco.csv, written
# by the unit tests of `mvn verify`). The floors for org.openlgd.stats and org.openlgd.model are in pom.xml.
set -euo pipefail
csv="${1:-target/site/jacoco/jacoco.csv}"
[ -f "$csv" ] || { echo "no coverage report at $csv (run the tests first)" >&2; exit 1; }
echo "coverage (JaCoCo, unit tests; report: target/site/jacoco/index.html)"
printf '  %-24s %7s %9s\n' package lines branches
{ awk -F, 'NR > 1 {
    bm[$2] += $6; bc[$2] += $7; lm[$2] += $8; lc[$2] += $9
    tbm += $6; tbc += $7; tlm += $8; tlc += $9
  }
  function pct(c, m) { return c + m > 0 ? 100 * c / (c + m) : 100 }
  END {
    for (p in lm) {
      printf "  %-24s %6.1f%% %8.1f%%\n", p, pct(lc[p], lm[p]), pct(bc[p], bm[p])
    }
    printf "~ %-24s %6.1f%% %8.1f%%\n", "total", pct(tlc, tlm), pct(tbc, tbm)
  }' "$csv" | sort | sed 's/^~/ /'
}
