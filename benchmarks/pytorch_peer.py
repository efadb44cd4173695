#!/usr/bin/env python3
"""PyTorch peer of `ssmix-exp bench train|eval|saliency`.

Runs the same configuration as ours: the same model directory (or a random BERT-base-shaped model),
a synthetic batch of `--length` real tokens per example ([CLS] random ids [SEP], no padding), and
prints one JSON object with the same keys as `ssmix-exp bench ... --json`.

  train     forward in train mode (dropout on), mean cross-entropy, backward, AdamW step
  eval      forward in eval mode under torch.no_grad()
  saliency  train-mode forward from the embedding output, gradient w.r.t. that output only

--precision bf16 runs the forward passes under torch.autocast("cpu", dtype=torch.bfloat16), PyTorch's
own mixed precision (fp32 weights and optimizer, bf16 products), the peer of `--precision bf16`.

Usage: pytorch_peer.py train --model models/all-MiniLM-L6-v2 --batch 32 --length 128 --threads 2
"""
import argparse
import contextlib
import json
import resource
import statistics
import sys
import time

import torch
import transformers
import torch.nn.functional as F
from transformers import BertConfig, BertForSequenceClassification

NUM_LABELS = 6


def build_model(args):
    if args.random_shape == "base":
        torch.manual_seed(1)
        config = BertConfig(hidden_size=768, num_hidden_layers=12, num_attention_heads=12,
                            intermediate_size=3072, num_labels=NUM_LABELS)
        return BertForSequenceClassification(config)
    return BertForSequenceClassification.from_pretrained(args.model, num_labels=NUM_LABELS)


def synthetic_batch(batch, length):
    generator = torch.Generator().manual_seed(42)
    ids = torch.randint(1000, 29000, (batch, length), generator=generator)
    ids[:, 0], ids[:, -1] = 101, 102
    labels = torch.randint(0, NUM_LABELS, (batch,), generator=generator)
    return ids, torch.ones_like(ids), torch.zeros_like(ids), labels


def forward_flops(config, batch, length):
    """The formula of docs/performance.md: dense layers and the two attention products."""
    h, i, n = config.hidden_size, config.intermediate_size, config.num_hidden_layers
    return batch * n * (2 * length * (4 * h * h + 2 * h * i) + 4 * length * length * h)


def main():
    transformers.logging.set_verbosity_error()
    transformers.utils.logging.disable_progress_bar()
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("kind", choices=["train", "eval", "saliency"])
    parser.add_argument("--model", default="models/all-MiniLM-L6-v2")
    parser.add_argument("--random-shape", choices=["base"])
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--length", type=int, default=32)
    parser.add_argument("--steps", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--precision", choices=["fp32", "bf16"], default="fp32")
    args = parser.parse_args()

    def autocast():
        if args.precision == "bf16":
            return torch.autocast("cpu", dtype=torch.bfloat16)
        return contextlib.nullcontext()

    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    model = build_model(args)
    ids, mask, types, labels = synthetic_batch(args.batch, args.length)
    optimizer = torch.optim.AdamW(model.parameters(), lr=1e-5, weight_decay=1e-4)
    forward_s, backward_s, optimizer_s, total_s = [], [], [], []

    for repetition in range(args.warmup + args.steps):
        f = b = o = 0.0
        if args.kind == "train":
            model.train()
            t0 = time.perf_counter()
            with autocast():
                loss = F.cross_entropy(model(input_ids=ids, attention_mask=mask, token_type_ids=types).logits.float(), labels)
            t1 = time.perf_counter()
            optimizer.zero_grad(set_to_none=True)
            loss.backward()
            t2 = time.perf_counter()
            optimizer.step()
            t3 = time.perf_counter()
            f, b, o = t1 - t0, t2 - t1, t3 - t2
        elif args.kind == "eval":
            model.eval()
            t0 = time.perf_counter()
            with torch.no_grad(), autocast():
                model(input_ids=ids, attention_mask=mask, token_type_ids=types)
            f = time.perf_counter() - t0
        else:
            model.train()
            t0 = time.perf_counter()
            leaf = []

            def detach_embedding_output(module, inputs, output):
                leaf.append(output.detach().requires_grad_(True))
                return leaf[-1]

            hook = model.bert.embeddings.register_forward_hook(detach_embedding_output)
            with autocast():
                logits = model(input_ids=ids, attention_mask=mask, token_type_ids=types).logits.float()
            hook.remove()
            (grad,) = torch.autograd.grad(F.cross_entropy(logits, labels), leaf[-1])
            grad.norm(dim=-1)
            f = time.perf_counter() - t0
        if repetition >= args.warmup:
            forward_s.append(f); backward_s.append(b); optimizer_s.append(o); total_s.append(f + b + o)

    median = statistics.median(total_s)
    multiplier = {"train": 3, "saliency": 2, "eval": 1}[args.kind]
    print(json.dumps({
        "engine": f"pytorch {torch.__version__}", "precision": args.precision,
        "kind": args.kind, "batch": args.batch, "length": args.length, "steps": args.steps,
        "seconds_min": min(total_s), "seconds_median": median,
        "tokens_per_s_median": args.batch * args.length / median,
        "gflops_median": multiplier * forward_flops(model.config, args.batch, args.length) / median / 1e9,
        "forward_s_median": statistics.median(forward_s), "backward_s_median": statistics.median(backward_s),
        "optimizer_s_median": statistics.median(optimizer_s),
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }, sort_keys=True))


if __name__ == "__main__":
    sys.exit(main())
