"""The arithmetic of bench/run.sh's benchmarks, from the lines the measured programs print.

    summary.py ratio OPENLGD_OUTPUT STATSMODELS_OUTPUT   federated fit median vs statsmodels' pooled fit median
    summary.py cluster-start T0_MS RESULT_JSON           first JVM's start to the coordinator's first round
    summary.py loads LOAD_LINES                          median time of the data-node loads
    summary.py secure DEMO_JSONL FIT_JSONL               secure vs plain: medians and ratios of bench's JSON lines
    summary.py alternating TIMES REF LABEL...            medians of alternating whole-process runs ("label ms" lines)
                                                         and each LABEL's ratio to REF
    summary.py same-fit OPENLGD_JSON STATSMODELS_JSON   the largest difference between the two fits' coefficients
    summary.py jmh RESULT_JSON SIZES                    MB/s of the CSV parser benchmark (JMH sample times)
    summary.py faults SCENARIO T0 T_SIGNAL T_END T_READY RESULT_JSON URL
                                                         round-time medians before/after a server is lost (times in ms)
"""
import json
import re
import statistics
import sys


def last_json(path, key):
    for line in reversed(open(path).read().splitlines()):
        line = line.strip()
        if line.startswith("{") and key in line:
            return json.loads(line)
    sys.exit("no JSON line with %s in %s" % (key, path))


def main(args):
    if args[:1] == ["ratio"]:
        ours = last_json(args[1], "medianRunMs")["medianRunMs"] / 1000
        theirs = last_json(args[2], "medianFitSeconds")["medianFitSeconds"]
        print("openlgd federated fit %.2f s vs statsmodels pooled fit %.2f s: ratio %.3f (1/%.1f)"
              % (ours, theirs, ours / theirs, theirs / ours))
    elif args[:1] == ["cluster-start"]:
        first = last_json(args[2], "firstRoundAtMs")["firstRoundAtMs"]
        print("cluster of 4 server JVMs + 1 coordinator JVM: first JVM start -> coordinator first round: %.2f s"
              % ((first - int(args[1])) / 1000))
    elif args[:1] == ["loads"]:
        times = [float(t) for t in re.findall(r" in ([0-9.]+) s", open(args[1]).read())]
        print("10,000 entries from a data node (concurrency 16), %d loads in a row, the first with cold JVMs: "
              "median %.3f s" % (len(times), statistics.median(times)))
    elif args[:1] == ["alternating"]:
        runs = {}
        for line in open(args[1]).read().splitlines():
            label, ms = line.split()
            runs.setdefault(label, []).append(float(ms))
        ref, others = args[2], args[3:]
        for label in [ref] + others:
            t = runs[label]
            print("%-18s %2d runs: median %7.0f ms (min %.0f, max %.0f)" % (label, len(t), statistics.median(t), min(t), max(t)))
        out = {"runs": len(runs[ref]), ref + "MedianMs": statistics.median(runs[ref])}
        for label in others:
            ratio = statistics.median(runs[label]) / statistics.median(runs[ref])
            print("ratio %s / %s: %.2f" % (label, ref, ratio))
            out[label + "MedianMs"] = statistics.median(runs[label])
            out[label + "Ratio"] = round(ratio, 3)
        print(json.dumps(out))
    elif args[:1] == ["same-fit"]:
        ours = last_json(args[1], "coefficients")["coefficients"]
        theirs = last_json(args[2], "coefficients")["coefficients"]
        theirs = {("intercept" if k == "const" else k): v for k, v in theirs.items()}
        diff = max(abs(ours[k] - theirs[k]) for k in theirs)
        print("same fit? the largest difference between openlgd's and statsmodels' %d coefficients is %.2e; deviance "
              "openlgd %.6f, statsmodels %.6f (the lower is the better fit)"
              % (len(theirs), diff, last_json(args[1], "deviance")["deviance"], last_json(args[2], "deviance")["deviance"]))
    elif args[:1] == ["jmh"]:
        sizes = dict(line.split() for line in open(args[2]).read().splitlines())
        print("%-6s %7s %12s %10s %12s" % ("numbers", "threads", "file MB", "median ms", "MB/s"))
        for r in json.load(open(args[1])):
            p = r["params"]
            ms = r["primaryMetric"]["scorePercentiles"]["50.0"]
            mb = int(sizes[p["numbers"]]) / 1e6
            print("%-7s %7s %12.1f %10.1f %12.0f" % (p["numbers"], p["threads"], mb, ms, mb / (ms / 1000)))
    elif args[:1] == ["faults"]:
        scenario, t0, ts, t1, ready = args[1], int(args[2]), int(args[3]), int(args[4]), int(args[5])
        log = last_json(args[6], "roundLog")["roundLog"]
        before = [r["ms"] for r in log if r["startedAt"] + r["ms"] < ts]
        after = [r["ms"] for r in log if r["startedAt"] > ts]
        m0, m1 = statistics.median(before), statistics.median(after)
        warm = statistics.median(before[-30:])
        print("%-7s whole coordinator process %.2f s (%d rounds); median round %.2f ms before the signal (%d rounds; "
              "%.2f ms over the last 30 of them), %.2f ms after (%d rounds): ratio %.2f (%.2f to the last 30); slowest "
              "round %.0f ms, rounds over 100 ms after the signal: %d"
              % (scenario, (t1 - t0) / 1000, len(log), m0, len(before), warm, m1, len(after), m1 / m0, m1 / warm,
                 max(r["ms"] for r in log), sum(1 for r in log if r["startedAt"] + r["ms"] > ts and r["ms"] > 100)))
        if ready:
            later = [r for r in log if r["startedAt"] >= ready]
            back = next((k for k, r in enumerate(later) if args[7] in r["servers"]), None)
            print("        the restarted server answered %.2f s after the kill; it took part again %s round(s) later"
                  % ((ready - ts) / 1000, "never" if back is None else back))
    elif args[:1] == ["secure"]:
        for path, what in ((args[1], "sgd demo, 4 x 100 rows, 10 epochs"), (args[2], "fractional logit, 4 x 1M rows x 10")):
            lines = [json.loads(l) for l in open(path) if l.strip().startswith("{")]
            runs = {m: [l["medianRunMs"] for l in lines if l["secure"] == (m == "secure")] for m in ("plain", "secure")}
            rounds = {m: [l["medianRoundMs"] for l in lines if l["secure"] == (m == "secure")] for m in ("plain", "secure")}
            p, s = statistics.median(runs["plain"]), statistics.median(runs["secure"])
            pr, sr = statistics.median(rounds["plain"]), statistics.median(rounds["secure"])
            print("%s: run %.2f ms plain vs %.2f ms secure (ratio %.3f, +%.1f %%); round %.3f vs %.3f ms (+%.3f ms); "
                  "series %s / %s" % (what, p, s, s / p, 100 * (s / p - 1), pr, sr, sr - pr, runs["plain"], runs["secure"]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main(sys.argv[1:])
