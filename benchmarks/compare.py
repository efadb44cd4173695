#!/usr/bin/env python3
"""`make bench`: ssmix-exp and its PyTorch peer on the same configurations, side by side.

Each configuration runs in a fresh process of each engine (so peak resident memory is its own),
with the same thread count, as alternating pairs (ours, PyTorch, ours, PyTorch, …): a machine that
drifts by ±30% within minutes makes one pairing meaningless, so the ratio reported is the median
of the per-pair ratios of tokens/s (ours / PyTorch) with their spread (min–max). Prints one table:
seconds per batch and tokens/s (medians over the pairs), the ratio, peak resident memory, and each
engine's GFLOP/s as a fraction of the sgemm peak measured by `ssmix-exp bench core` in the same run;
then the saliency pass as a fraction of a training step of the same shape. Without a working peer
it prints our figures and why the peer is missing. Standard library only.

--precision bf16 runs ours with bf16 products and, in each pair, two peers: PyTorch fp32 and PyTorch
under bf16 autocast (its own mixed precision); each gets its ratio column.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys

# (kind, batch, length, random shape or None): the configurations of docs/performance.md.
CONFIGURATIONS = [
    ("train", 32, 32, None),
    ("train", 32, 128, None),
    ("eval", 256, 32, None),
    ("saliency", 32, 32, None),
    ("saliency", 32, 128, None),
    ("train", 32, 128, "base"),
]


def run_json(command, env):
    result = subprocess.run(command, capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(command[:3])} … failed: {result.stderr.strip().splitlines()[-1:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def arguments(kind, batch, length, shape, model, steps, warmup):
    args = [kind, "--batch", str(batch), "--length", str(length), "--steps", str(steps), "--warmup", str(warmup)]
    return args + (["--random-shape", shape] if shape else ["--model", model])


def sgemm_peak(binary, env):
    """The best sgemm GFLOP/s of `bench core` at BERT-like shapes."""
    result = subprocess.run([binary, "bench", "core", "--json", "--repetitions", "5"], capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise RuntimeError(f"{binary} bench core failed: {result.stderr.strip().splitlines()[-1:]}")
    rates = [json.loads(line)["gflops"] for line in result.stdout.splitlines() if '"gflops"' in line]
    return max(rates)


def combined(runs):
    """One engine's runs of a configuration: medians over the runs, the largest peak memory."""
    if not runs:
        return None
    return {
        "seconds_median": statistics.median(r["seconds_median"] for r in runs),
        "tokens_per_s_median": statistics.median(r["tokens_per_s_median"] for r in runs),
        "gflops_median": statistics.median(r["gflops_median"] for r in runs),
        "peak_rss_mib": max(r["peak_rss_mib"] for r in runs),
    }


def peer_problem(python):
    if not os.path.exists(python):
        return f"{python} does not exist (benchmarks/setup-peer.sh could not create it)"
    probe = subprocess.run([python, "-c", "import torch, transformers"], capture_output=True, text=True)
    return None if probe.returncode == 0 else f"cannot import torch/transformers in {python}"


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--binary", default=".build/release/ssmix-exp")
    parser.add_argument("--model", default="models/all-MiniLM-L6-v2")
    parser.add_argument("--python", default=".venv-bench/bin/python", help="the peer's interpreter")
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--pairs", type=int, default=3, help="alternating ours/PyTorch pairs per configuration")
    parser.add_argument("--precision", choices=["fp32", "bf16"], default="fp32",
                        help="ours in this precision; bf16 compares with PyTorch fp32 and PyTorch bf16 autocast")
    parser.add_argument("--json", action="store_true", help="print every measurement as JSON lines too")
    parser.add_argument("--only", help="comma-separated configurations to run, named as in the table "
                        "without spaces, e.g. train32×32,eval256×32 (default: all)")
    args = parser.parse_args()

    env = dict(os.environ, OPENBLAS_NUM_THREADS=str(args.threads), OMP_NUM_THREADS=str(args.threads))
    problem = peer_problem(args.python)
    peer_script = os.path.join(os.path.dirname(os.path.abspath(__file__)), "pytorch_peer.py")
    peak = sgemm_peak(args.binary, env)
    peers = ["fp32"] if args.precision == "fp32" else ["fp32", "bf16"]
    rows = []
    wanted = set(args.only.replace("x", "×").split(",")) if args.only else None
    for kind, batch, length, shape in CONFIGURATIONS:
        label = f"{kind} {batch}×{length}" + (f" ({shape}, random)" if shape else "")
        if wanted is not None and f"{kind}{batch}×{length}" + (shape or "") not in wanted:
            continue
        print(f"… {label}", file=sys.stderr, flush=True)
        common = arguments(kind, batch, length, shape, args.model, args.steps, args.warmup)
        ours_runs, peer_runs = [], {peer: [] for peer in peers}
        for _ in range(args.pairs):
            ours_runs.append(run_json([args.binary, "bench"] + common + ["--precision", args.precision, "--json"], env))
            for peer in peers if problem is None else []:
                try:
                    peer_runs[peer].append(run_json([args.python, peer_script] + common
                                                    + ["--threads", str(args.threads), "--precision", peer], env))
                except RuntimeError as error:
                    print(f"  peer {peer}: {error}", file=sys.stderr)
        if args.json:
            for run in ours_runs:
                print(json.dumps({"engine": "ssmix-exp", **run}, sort_keys=True))
            for run in (run for runs in peer_runs.values() for run in runs):
                print(json.dumps(run, sort_keys=True))
        ratios = {peer: [o["tokens_per_s_median"] / p["tokens_per_s_median"] for o, p in zip(ours_runs, runs)]
                  for peer, runs in peer_runs.items()}
        rows.append((label, kind, batch, length, shape, combined(ours_runs),
                     {peer: combined(runs) for peer, runs in peer_runs.items()}, ratios))

    print(f"\nssmix-exp {args.precision} vs PyTorch {' and '.join(peers)} ({args.threads} threads; per configuration {args.pairs} "
          f"alternating pairs, each the median of {args.steps} steps after {args.warmup} warm-up; sgemm peak {peak:.0f} GFLOP/s)")
    header = f"{'configuration':<30}{'ours s':>9}{'ours tok/s':>12}"
    for peer in peers:
        header += f"{'torch ' + peer + ' s':>15}{'ratio (min–max)':>20}"
    header += f"{'ours peak':>11}" + "".join(f"{'torch ' + peer + ' peak':>18}" for peer in peers)
    header += f"{'ours MiB':>10}" + "".join(f"{'torch ' + peer + ' MiB':>17}" for peer in peers)
    print(header)
    print("-" * len(header))
    for label, _, _, _, _, ours, peer_results, ratios in rows:
        line = f"{label:<30}{ours['seconds_median']:>9.3f}{ours['tokens_per_s_median']:>12.0f}"
        for peer in peers:
            result, peer_ratios = peer_results[peer], ratios[peer]
            if result and peer_ratios:
                spread = f"{statistics.median(peer_ratios):.2f} ({min(peer_ratios):.2f}–{max(peer_ratios):.2f})"
                line += f"{result['seconds_median']:>15.3f}{spread:>20}"
            else:
                line += f"{'—':>15}{'—':>20}"
        line += f"{ours['gflops_median'] / peak:>11.0%}"
        line += "".join(f"{r['gflops_median'] / peak:>18.0%}" if r else f"{'—':>18}" for r in peer_results.values())
        line += f"{ours['peak_rss_mib']:>10.0f}"
        line += "".join(f"{r['peak_rss_mib']:>17.0f}" if r else f"{'—':>17}" for r in peer_results.values())
        print(line)
    steps = {(b, l, s): (o, p) for _, k, b, l, s, o, p, _ in rows if k == "train"}
    for _, kind, batch, length, shape, ours, peer_results, _ in rows:
        if kind != "saliency" or (batch, length, shape) not in steps:
            continue
        our_step, peer_steps = steps[(batch, length, shape)]
        line = f"saliency pass {batch}×{length}: {ours['seconds_median'] / our_step['seconds_median']:.2f} of a training step (ours)"
        for peer in peers:
            if peer_results[peer] and peer_steps[peer]:
                line += f", {peer_results[peer]['seconds_median'] / peer_steps[peer]['seconds_median']:.2f} (PyTorch {peer})"
        print(line)
    if problem:
        print(f"\nPyTorch peer missing: {problem}")


if __name__ == "__main__":
    main()
