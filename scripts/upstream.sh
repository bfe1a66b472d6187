# Where the original openLGD is (for bench-upstream): $OPENLGD_UPSTREAM, else ../shared/upstream/openLGD beside the
# checkout, the places the integration tests look too (src/test/java/org/openlgd/it/Upstream.java). Sourced, not run.
upstream_dir() {
  local d
  for d in "${OPENLGD_UPSTREAM:-}" ../shared/upstream/openLGD ../../shared/upstream/openLGD /work/shared/upstream/openLGD; do
    if [[ -n $d && -f $d/federated_run.py && -f $d/model_server.py ]]; then (cd "$d" && pwd); return 0; fi
  done
  return 1
}
