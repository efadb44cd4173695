#!/usr/bin/env bash
# Installs the system packages ssmix-exp needs, only those that are missing. Safe to re-run.
set -euo pipefail
need=()
for pkg in libopenblas-dev libdnnl-dev libsqlite3-dev gnuplot-nox; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if [ ${#need[@]} -eq 0 ]; then
  echo "setup: libopenblas-dev, libdnnl-dev, libsqlite3-dev and gnuplot-nox are installed"
  exit 0
fi
echo "setup: installing ${need[*]}"
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}"
