#!/usr/bin/env bash
# Train cells of Kim's Table 2 one after another, each on one torch thread.
#
#   benchmarks/table2_cells.sh LOG OUT "dataset mode [reproduce options]"...
#
# Each quoted argument is one cell, run as `seqboard text reproduce --out OUT
# --datasets dataset --modes mode [options] --quiet`. Start two of these in the
# background to keep both cores of a 2-core machine busy, and never give the same
# cell to both. LOG receives a start line and an end line for each cell, with the
# time and exit status, and the table that `reproduce` prints. LOG.err receives its
# stderr.
set -u

if [ $# -lt 3 ]; then
    echo "usage: $0 LOG OUT \"dataset mode [reproduce options]\"..." >&2
    exit 2
fi
log=$1
out=$2
shift 2

export OMP_NUM_THREADS=1
for cell in "$@"; do
    # A cell is "dataset mode [options]", so it is split on spaces on purpose.
    # shellcheck disable=SC2086
    set -- $cell
    if [ $# -lt 2 ]; then
        echo "invalid cell '$cell': expected \"dataset mode [reproduce options]\"; skipped" | tee -a "$log" >&2
        continue
    fi
    dataset=$1
    mode=$2
    shift 2

    echo "$(date -u +%FT%TZ) start $dataset $mode $*" >> "$log"
    nice -n 5 seqboard text reproduce --out "$out" --datasets "$dataset" --modes "$mode" "$@" --quiet \
        >> "$log" 2>> "$log.err"
    status=$?
    echo "$(date -u +%FT%TZ) end $dataset $mode exit $status" >> "$log"
done
