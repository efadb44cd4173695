#!/usr/bin/env bash
# Creates the PyTorch peer's virtual environment (torch 2.13.0 CPU + transformers) for `make bench`.
# Usage: benchmarks/setup-peer.sh VENV_DIR. Exit status non-zero (with the reason on stderr) when
# the environment cannot be made; `make bench` then prints our figures alone.
set -uo pipefail
venv="${1:?usage: setup-peer.sh VENV_DIR}"
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import torch, transformers' 2>/dev/null; then
    exit 0
fi
echo "Setting up the PyTorch peer in $venv (torch==2.13.0 CPU, transformers); log: $venv.log" >&2
if ! python3 -m venv "$venv" >"$venv.log" 2>&1; then
    echo "PyTorch peer unavailable: python3 -m venv failed (apt-get install python3-venv?); see $venv.log" >&2
    exit 1
fi
if ! "$venv/bin/pip" install --extra-index-url https://download.pytorch.org/whl/cpu \
        "torch==2.13.0" transformers safetensors >>"$venv.log" 2>&1; then
    echo "PyTorch peer unavailable: pip could not install torch==2.13.0 / transformers; see $venv.log" >&2
    exit 1
fi
