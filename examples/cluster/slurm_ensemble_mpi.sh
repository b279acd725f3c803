#!/usr/bin/env bash
# Fig. 4's ensemble as one MPI job: rank 0 hands members to the other ranks as they become free (largest
# first) and alone writes the ensemble directory; the result equals a local run of the same command.
#   sbatch --ntasks=64 examples/cluster/slurm_ensemble_mpi.sh
# Resubmitting the same script after a time-out resumes it: completed members are not rerun.
#SBATCH --job-name=nwn-fig4-mpi
#SBATCH --cpus-per-task=1
#SBATCH --time=12:00:00
#SBATCH --output=nwn-fig4-mpi-%j.log
set -euo pipefail
NWN=${NWN:-nwn}                  # built with MPI (libopenmpi-dev present at configure time)
WORK=${WORK:-$PWD/fig4}          # on the shared filesystem: workers read the networks rank 0 wrote there
# srun works as well where Slurm's PMI is set up for Open MPI: srun "$NWN" ensemble ...
exec mpirun "$NWN" ensemble --seeds 0:999 --lx 150 --density 0.10 --vstar 1 --tstop 30 --dt 1e-3 \
  --electrodes bars:0.025 --events crossings --out "$WORK/ensemble"
