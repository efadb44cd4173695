# ssmix-exp: reproduce SSMix on a CPU. `make help` lists the targets.
SHELL := /bin/bash
# The Swift code (GELU, softmax, LayerNorm and attention's loops) is compiled for this machine's CPU,
# AVX-512 where it has it. For a binary that must run on other machines (a cluster's mixed nodes):
# make build TARGET_CPU=x86-64 (any x86-64; or haswell, skylake-avx512, ...).
TARGET_CPU ?= native
SWIFT_FLAGS := -c release -Xswiftc -enable-testing -Xswiftc -target-cpu -Xswiftc $(TARGET_CPU)
BIN := .build/release/ssmix-exp
MODEL_DIR := models/all-MiniLM-L6-v2
SHARED_DATA := ../shared/data
PLAN ?= trec
BENCH_VENV := .venv-bench

.PHONY: help setup build model data test test-slurm reproduce bench bench-bf16

help:
	@echo "make setup      install system packages (OpenBLAS, SQLite, gnuplot) with apt-get when missing"
	@echo "make model      fetch the default encoder (all-MiniLM-L6-v2) into $(MODEL_DIR)"
	@echo "make data       download the benchmark data into data/ (mirror: $(SHARED_DATA) when present)"
	@echo "make test       setup + model + build (release) and run the whole test suite"
	@echo "make reproduce  setup + model + data + run experiments/$(PLAN).toml (default trec: full recipe), export to the ledger, write reports/"
	@echo "                PLAN=smoke: a capped pipeline check in minutes; PLAN=small: TREC, RTE, MRPC, seeds 0-4;"
	@echo "                JOBS=N: N cells at once, the cores split between them (on 2 cores one at a time is faster)"
	@echo "make test-slurm the Slurm executor on a single-node cluster started for the test (root)"
	@echo "make bench      benchmarks (ours, and PyTorch on the same CPU when it can be installed)"
	@echo "make bench-bf16 --precision bf16 against PyTorch fp32 and PyTorch bf16 autocast, after one core's fp32 FMA and"
	@echo "                AVX512-BF16 dot-product peaks (needs a CPU with AVX512-BF16)"

setup:
	@bash scripts/setup.sh

# One build command for the CLI and the tests: `swift test` building on its own compiles the
# executable's module differently, and `make data` after `make test` would then rebuild it.
build:
	swift build $(SWIFT_FLAGS) --build-tests

model:
	@bash scripts/fetch-model.sh $(MODEL_DIR)

data: build
	@if [ -d "$(SHARED_DATA)" ]; then $(BIN) download-tsv --tasks trec,sst2,rte,mrpc --mirror $(SHARED_DATA); \
	else $(BIN) download-tsv --tasks all; fi

# The tests run under the CLI's compute environment (OpenBLAS kernels, allocator settings).
test: setup model build
	env $$($(BIN) environment) swift test $(SWIFT_FLAGS) --skip-build --skip SlurmClusterTests

# The Slurm executor on a single-node cluster started here (root; installs slurm-wlm and munge) and
# stopped afterwards, also when a test fails.
test-slurm: setup model build
	trap 'bash scripts/slurm-test-cluster.sh stop' EXIT; bash scripts/slurm-test-cluster.sh start && \
	env $$($(BIN) environment) SSMIX_SLURM_TESTS=1 swift test $(SWIFT_FLAGS) --skip-build --filter SlurmClusterTests

# Runs the plan (resuming), adds its finished full-recipe runs to the ledger, and writes reports/.
reproduce: setup model build data
	$(BIN) run --plan experiments/$(PLAN).toml --no-report $(if $(JOBS),--jobs $(JOBS))
	$(BIN) export
	$(BIN) report --table all --out reports

bench: build model
	$(BIN) bench core
	@bash benchmarks/setup-peer.sh $(BENCH_VENV) || true
	python3 benchmarks/compare.py --binary $(BIN) --model $(MODEL_DIR) --python $(BENCH_VENV)/bin/python

# The instruction peaks that bound bf16 products on CPUs without AMX, then `--precision bf16` against
# PyTorch fp32 and PyTorch's bf16 autocast (docs/performance.md).
bench-bf16: build model
	@grep -qw avx512_bf16 /proc/cpuinfo || { echo "bench-bf16: this CPU has no AVX512-BF16 (/proc/cpuinfo)" >&2; exit 1; }
	gcc -O3 -mavx512f -mavx512bf16 -o .build/bf16_peak benchmarks/bf16_peak.c
	.build/bf16_peak
	@bash benchmarks/setup-peer.sh $(BENCH_VENV) || true
	python3 benchmarks/compare.py --precision bf16 --binary $(BIN) --model $(MODEL_DIR) --python $(BENCH_VENV)/bin/python
