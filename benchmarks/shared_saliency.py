#!/usr/bin/env python3
"""Measures `--saliency shared` against the released code's separate saliency passes.

For every task and seed it runs `ssmix-exp train-mix --method ssmix --protocol fixed` twice, with
`--saliency separate` and `--saliency shared` (both from the same normal-stage checkpoint, which the
first call trains), then prints a markdown table from the database: best accuracy mean ± std over
the seeds and seconds per optimizer step (the stage's wall time, evaluations included, over its
steps). Finished runs are skipped, so an interrupted sweep continues where it stopped.

Example: benchmarks/shared_saliency.py --tasks trec-coarse,trec-fine --seeds 0,1,2 --max-train-examples 1024
Standard library only.
"""
import argparse
import json
import sqlite3
import statistics
import subprocess
import sys

MODES = ["separate", "shared"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=".build/release/ssmix-exp")
    parser.add_argument("--tasks", default="trec-coarse,trec-fine,rte")
    parser.add_argument("--seeds", default="0,1,2")
    parser.add_argument("--max-train-examples", type=int, help="train each stage on at most N examples")
    parser.add_argument("--db", default="runs/shared-saliency.sqlite")
    parser.add_argument("--report-only", action="store_true", help="print the table from the database, run nothing")
    args = parser.parse_args()
    tasks, seeds = args.tasks.split(","), [int(s) for s in args.seeds.split(",")]

    if not args.report_only:
        for task in tasks:
            for seed in seeds:
                for mode in MODES:
                    command = [args.binary, "train-mix", "--task", task, "--seed", str(seed), "--method", "ssmix",
                               "--protocol", "fixed", "--saliency", mode, "--db", args.db]
                    if args.max_train_examples:
                        command += ["--max-train-examples", str(args.max_train_examples)]
                    print("$ " + " ".join(command), file=sys.stderr, flush=True)
                    if subprocess.run(command).returncode != 0:
                        sys.exit(f"failed: {' '.join(command)}")

    database = sqlite3.connect(args.db)
    rows = database.execute("""
        SELECT r.task, r.seed, r.config_json, r.best_accuracy, r.wall_seconds, MAX(e.step)
        FROM runs r JOIN evaluations e ON e.run_id = r.id
        WHERE r.method = 'ssmix' AND r.status = 'finished' GROUP BY r.id""").fetchall()
    results = {}
    for task, seed, config_json, accuracy, wall, steps in rows:
        config = json.loads(config_json)
        if task not in tasks or seed not in seeds:
            continue
        if args.max_train_examples and config.get("maxTrainExamples") != args.max_train_examples:
            continue
        mode = (config.get("mix") or {}).get("saliency", "separate")
        results.setdefault((task, mode), []).append((accuracy * 100, wall / steps))

    def spread(values):
        return f"{statistics.mean(values):.2f} ± {statistics.stdev(values):.2f}" if len(values) > 1 else f"{values[0]:.2f}"

    print("| task | saliency | seeds | best accuracy % (mean ± std) | seconds per step |")
    print("|---|---|---|---|---|")
    for task in tasks:
        for mode in MODES:
            found = results.get((task, mode), [])
            if found:
                print(f"| {task} | {mode} | {len(found)} | {spread([a for a, _ in found])} | {statistics.mean(s for _, s in found):.3f} |")


if __name__ == "__main__":
    main()
