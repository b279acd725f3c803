#!/usr/bin/env bash
# Fig. 4's ensemble on a Slurm cluster without MPI: a job array of shards, then one merge job.
#   sbatch --array=1-16 examples/cluster/slurm_ensemble_array.sh          # 16 shards, one core each
#   sbatch --dependency=afterok:<ARRAY_JOB_ID> --export=ALL,MERGE=1 examples/cluster/slurm_ensemble_array.sh
# Each array task runs every 16th member into shards/<K>; a task that is killed or times out is resumed by
# resubmitting it (completed members are kept). The merge job checks that every shard was made with the
# same options, copies their members and writes the pooled analysis to ensemble/ as one run would have.
#SBATCH --job-name=nwn-fig4
#SBATCH --ntasks=1
#SBATCH --cpus-per-task=1
#SBATCH --time=12:00:00
#SBATCH --output=nwn-fig4-%A_%a.log
set -euo pipefail
NWN=${NWN:-nwn}                           # the nwn program, on a path every node sees
WORK=${WORK:-$PWD/fig4}                   # on the shared filesystem
SHARDS=${SHARDS:-16}                      # must match --array=1-SHARDS
# The same options for every shard and for the merge: Fig. 4a-c's protocol over 1000 networks.
read -r -a OPTS <<<"${NWN_OPTS:---seeds 0:999 --lx 150 --density 0.10 --vstar 1 --tstop 30 --dt 1e-3 --electrodes bars:0.025 --events crossings}"

if [[ ${MERGE:-0} == 1 ]]; then
  shards=()
  for k in $(seq 1 "$SHARDS"); do shards+=("$WORK/shards/$k"); done
  exec "$NWN" ensemble "${OPTS[@]}" --merge "${shards[@]}" --out "$WORK/ensemble"
fi
k=${SLURM_ARRAY_TASK_ID:?submit with --array=1-$SHARDS}
exec "$NWN" ensemble "${OPTS[@]}" --shard "$k/$SHARDS" --jobs "${SLURM_CPUS_PER_TASK:-1}" --out "$WORK/shards/$k"
