#!/usr/bin/env bash
# A single-node Slurm cluster on this machine, for testing `ssmix-exp run --executor slurm`:
#   scripts/slurm-test-cluster.sh start   # installs slurm-wlm and munge when missing, starts munged, slurmctld, slurmd
#   scripts/slurm-test-cluster.sh stop    # stops them
# Needs root. Writes /etc/slurm/slurm.conf (the node is `hostname -s` with its real CPU count) and
# keeps Slurm's state in /tmp/ssmix-slurm. Not for a real cluster: see docs/cluster.md.
set -euo pipefail
STATE=/tmp/ssmix-slurm
HOST=$(hostname -s)

start() {
    if ! command -v slurmctld >/dev/null || ! command -v munged >/dev/null; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q slurm-wlm munge >/dev/null
    fi
    stop_daemons
    # A test cluster keeps nothing between starts: no jobs or node states of an earlier run.
    rm -rf "$STATE"
    mkdir -p "$STATE"/{ctld,d,log} /etc/slurm /etc/munge /run/munge /var/lib/munge /var/log/munge
    if [ ! -s /etc/munge/munge.key ]; then
        dd if=/dev/urandom bs=1 count=1024 of=/etc/munge/munge.key 2>/dev/null
    fi
    chown -R munge:munge /etc/munge /run/munge /var/lib/munge /var/log/munge 2>/dev/null || true
    chmod 0400 /etc/munge/munge.key
    pgrep -x munged >/dev/null || su -s /bin/sh munge -c /usr/sbin/munged 2>/dev/null || /usr/sbin/munged --force
    cat > /etc/slurm/slurm.conf <<CONF
ClusterName=ssmixtest
SlurmctldHost=$HOST
AuthType=auth/munge
SlurmUser=root
SlurmdUser=root
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_CPU
SchedulerType=sched/backfill
ReturnToService=2
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
StateSaveLocation=$STATE/ctld
SlurmdSpoolDir=$STATE/d
SlurmctldPidFile=$STATE/slurmctld.pid
SlurmdPidFile=$STATE/slurmd.pid
SlurmctldLogFile=$STATE/log/slurmctld.log
SlurmdLogFile=$STATE/log/slurmd.log
NodeName=$HOST CPUs=$(nproc) State=UNKNOWN
PartitionName=debug Nodes=$HOST Default=YES MaxTime=INFINITE State=UP
CONF
    slurmctld -c
    slurmd
    for _ in $(seq 1 30); do
        if sinfo --noheader --format=%t 2>/dev/null | grep -qE '^(idle|mix|alloc)'; then
            echo "slurm test cluster up: node $HOST, $(nproc) CPUs, partition debug"
            return 0
        fi
        scontrol update nodename="$HOST" state=resume >/dev/null 2>&1 || true
        sleep 1
    done
    echo "slurm test cluster did not come up; logs in $STATE/log" >&2
    return 1
}

# Stops slurmd and slurmctld and waits until they are gone (a daemon still exiting would
# otherwise be taken for a running one).
stop_daemons() {
    for daemon in slurmd slurmctld; do
        pkill -x "$daemon" 2>/dev/null || true
        for _ in $(seq 1 50); do pgrep -r R,S,D -x "$daemon" >/dev/null || break; sleep 0.2; done
        pkill -9 -x "$daemon" 2>/dev/null || true
    done
}

stop() {
    scancel --user=root >/dev/null 2>&1 || true
    stop_daemons
    pkill -x munged || true
    echo "slurm test cluster stopped"
}

case "${1:-}" in
    start) start ;;
    stop) stop ;;
    *) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
