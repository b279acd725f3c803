// nwn lyapunov / nlt / phase-diagram command lines.
