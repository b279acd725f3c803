"""nwnspice from Python: nanowire networks, their simulation in every engine, and the analyses.

The C++ libraries of nwnspice do all the work (the extension module ``_nwnspice``); this layer gives them
Pythonic signatures, docstrings and NumPy arrays. A run from Python is the CLI's ``nwn run``: the same entry
point writes the same run directory, which is then read back, so the numbers are the CLI's to the last bit.

Example::

    import nwnspice
    net = nwnspice.Network.generate(wires=200, lx=40, seed=1, electrodes="farthest")
    run = nwnspice.run(net, drives={"src": "dc:1.5"}, engine="native", tstop=2, tmax=1e-3)
    print(run.G[-1], run.record["status"])

Errors: bad input raises :class:`nwnspice.Error` (a :class:`ValueError`) with the message the CLI prints;
a simulation that fails raises :class:`RuntimeError` (``check=False`` returns it instead); Ctrl-C stops the
simulation cleanly and raises :class:`KeyboardInterrupt`.
"""
from __future__ import annotations

import os
import pathlib
import tempfile
from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Sequence, Union

import numpy as np

from . import _config
from . import _nwnspice as _ext
from ._nwnspice import Error, Network

__all__ = [
    "Error", "Network", "Run", "Simulation", "run", "read_run", "nwn_path", "junction_params",
    "gradient", "conductance_events", "avalanches", "powerlaw_fit", "criticality", "crackling",
    "shape_collapse", "lyapunov_stats", "period_ratio", "nlt_scores",
]

PathLike = Union[str, "os.PathLike[str]"]
Drives = Union[None, float, str, Mapping[str, Union[float, str]]]


def _device_files() -> None:
    # The device files through the project's own lookup (netlistgen/netlist/resource_paths.h: --cm, then
    # NWN_CODEMODEL / NWN_OSDI / NWN_SUBCKT_LIB, then next to the executable, which here is python3): the
    # environment names this package's, unless the user named others.
    here = pathlib.Path(__file__).resolve().parent
    for var, path in _config.DEVICE_FILES.items():
        os.environ.setdefault(var, str((here / path).resolve()))


_device_files()


def nwn_path() -> pathlib.Path:
    """The ``nwn`` CLI built or installed with this package."""
    return (pathlib.Path(__file__).resolve().parent / _config.NWN).resolve()


# ---- Network ------------------------------------------------------------------------------------------

def junction_params(preset: str = "dc", params: Optional[Mapping[str, float]] = None, *,
                    model: str = "hochstetter") -> Dict[str, float]:
    """The junction parameters of ``model``'s ``preset`` (dc | ac) with ``params`` overriding them, by name (as
    run.json's "params"). ``model``: hochstetter (the Sydney tunnelling model) or miranda (the Turin rate-balance
    model; docs/junction_models.md)."""
    return _ext._junction_params(model, preset, _overrides(params))


def _overrides(params: Optional[Mapping[str, float]]) -> List[str]:
    return ["%s=%r" % (k, float(v)) for k, v in (params or {}).items()]


# ---- runs ---------------------------------------------------------------------------------------------

def _spec(v: Union[float, str]) -> str:
    return v if isinstance(v, str) else "dc:%r" % float(v)


def _roles(drives: Drives, ground: Sequence[str] = (), floating: Sequence[str] = (),
           loads: Optional[Mapping[str, Union[float, str]]] = None,
           drive_table: Optional[PathLike] = None) -> "tuple[str, Dict[str, Any]]":
    """(stimulus, roles) as ``nwn run`` takes them: a bare spec or number is ``--stimulus`` (the first electrode
    driven, the others grounded); a mapping is ``--drive NAME=SPEC`` per entry, and any role makes a
    multi-electrode run (``--ground``, ``--float``, ``--load NAME=OHMS``, ``--drive-table``)."""
    roles: Dict[str, Any] = {}
    stimulus = ""
    if isinstance(drives, Mapping):
        roles["drives"] = {str(k): _spec(v) for k, v in drives.items()}
    elif drives is not None:
        stimulus = _spec(drives)
    if ground:
        roles["ground"] = [ground] if isinstance(ground, str) else list(ground)
    if floating:
        roles["floating"] = [floating] if isinstance(floating, str) else list(floating)
    if loads:
        roles["loads"] = {str(k): v if isinstance(v, str) else repr(float(v)) for k, v in loads.items()}
    if drive_table is not None:
        roles["drive_table"] = os.fspath(drive_table)
    return stimulus, roles


@dataclass
class Run:
    """One run, as its run directory holds it (``nwn run``'s files, read by the project's readers).

    Network runs: ``t``, ``V`` (first driven electrode), ``I`` (drain current, ngspice's sign), ``G`` (|I/V|);
    ``lam`` (time × junction, with ``--save-lambda``) and its junction ids ``lam_junctions``; ``events``
    (per sample, with ``save_events``). Every column of timeseries.csv is in ``columns`` (a deck run's are
    ngspice's vector names; multi-electrode runs add ``V_<name>``/``I_<name>``). ``record`` is run.json.
    """

    record: Dict[str, Any]
    columns: Dict[str, np.ndarray] = field(default_factory=dict)
    lam: Optional[np.ndarray] = None
    lam_junctions: Optional[np.ndarray] = None
    events: Optional[np.ndarray] = None
    out: Optional[pathlib.Path] = None  # the run directory, when it was kept

    @property
    def status(self) -> str:
        """completed | interrupted | failed"""
        return self.record["status"]

    @property
    def message(self) -> str:
        return self.record.get("message", "")

    @property
    def t(self) -> np.ndarray:
        return self.columns["t"]

    @property
    def V(self) -> np.ndarray:
        return self.columns["V"]

    @property
    def I(self) -> np.ndarray:  # noqa: E743 (the physics name)
        return self.columns["I"]

    @property
    def G(self) -> np.ndarray:
        return self.columns["G"]

    def electrode_V(self, name: str) -> np.ndarray:
        """Voltage of electrode ``name`` (multi-electrode runs: column V_<name>)."""
        return self.columns["V_" + name]

    def electrode_I(self, name: str) -> np.ndarray:
        """Current into the network at electrode ``name`` (multi-electrode runs: column I_<name>)."""
        return self.columns["I_" + name]


def read_run(path: PathLike) -> Run:
    """A run directory (from ``nwn run`` or :func:`run` with ``out``) as a :class:`Run`."""
    d = _ext._read_run(os.fspath(path))
    ts = d["timeseries"]
    r = Run(record=d["record"], out=pathlib.Path(path))
    if ts is not None:
        r.columns = dict(zip(ts["names"], ts["columns"]))
    lam = d["lambda"]
    if lam is not None:
        r.lam = np.column_stack(lam["columns"][1:]) if len(lam["columns"]) > 1 else np.empty((len(lam["columns"][0]), 0))
        r.lam_junctions = np.array([int(n[1:]) for n in lam["names"][1:]], dtype=np.int64)
    ev = d["events"]
    if ev is not None:
        r.events = ev["columns"][1].astype(np.int64)
    return r


def run(net_or_deck: Union[Network, PathLike], drives: Drives = None, *, engine: str = "native",
        flavour: str = "auto", tstop: float = 1.0, tmax: float = 1e-3, ic: Optional[Sequence[float]] = None,
        save_lambda: bool = False, save_events: bool = False, raw: bool = False, model: str = "hochstetter",
        preset: str = "dc", params: Optional[Mapping[str, float]] = None, nwnsim_compat: bool = False, resample: float = 0.0,
        wall_limit: float = 0.0, out: Optional[PathLike] = None, ngspice_lib: str = "", ngspice_bin: str = "",
        solver: str = "auto", ground: Sequence[str] = (), floating: Sequence[str] = (),
        loads: Optional[Mapping[str, Union[float, str]]] = None, drive_table: Optional[PathLike] = None,
        check: bool = True) -> Run:
    """One transient: ``nwn run`` from Python, returning a :class:`Run` of NumPy arrays.

    ``net_or_deck``: a :class:`Network`, a network file (.json) or an ngspice deck (.cir, .sp, ...; run with
    its own .tran by libngspice or ngspice-cli; only ``engine``, ``raw``, ``wall_limit``, ``out`` apply).
    ``drives``: a stimulus for the first electrode, the others grounded (``--stimulus``; None: dc:1), or
    {electrode: stimulus} (``--drive NAME=SPEC`` each), a stimulus being a spec (dc:V, sine:AMP:FREQ,
    triangle:AMP:FREQ, square:..., pulse:..., ramp:V0:V1:T, pwl:FILE.csv) or a number of volts. Electrodes
    given no role are grounded; ``ground``, ``floating`` (names), ``loads`` ({name: ohms}) and ``drive_table``
    (CSV: t, then a column per driven electrode) are ``nwn run``'s role options. Any role makes a
    multi-electrode run, whose ``columns`` add ``V_<name>``, ``I_<name>`` per electrode.
    ``engine``: native (NWNsim's fixed-step scheme, dt = tmax), libngspice or ngspice-cli.
    ``flavour``: the SPICE junction device, codemodel | osdi | subckt | auto. ``ic``: initial λ per junction.
    ``model``: the junction model, hochstetter or miranda (``--model``). ``params``: junction parameters
    overriding the model's ``preset`` (dc | ac), e.g. {"vset": 0.01}.
    ``out``: the run directory to keep; None runs in a temporary one, removed afterwards.
    ``check``: raise RuntimeError when the run failed (else return it with ``status`` "failed").
    """
    if isinstance(net_or_deck, Network):
        network, source = net_or_deck, ""
    else:
        p = pathlib.Path(net_or_deck)
        if p.suffix.lower() in (".cir", ".sp", ".spice", ".net", ".ckt"):
            return _with_out(out, check, lambda d: _ext._run_deck(os.fspath(p), engine, raw, wall_limit, d))
        network, source = Network.load(p), os.fspath(p.resolve())
    stimulus, roles = _roles(drives, ground, floating, loads, drive_table)
    overrides = _overrides(params)
    lambda0 = [] if ic is None else [float(x) for x in np.asarray(ic, dtype=float).ravel()]
    return _with_out(out, check, lambda d: _ext._run_network(
        network, stimulus, roles, engine, flavour, tstop, tmax, lambda0, save_lambda, save_events, raw, model,
        preset, overrides, nwnsim_compat, resample, wall_limit, d, source, ngspice_lib, ngspice_bin, solver))


def _with_out(out: Optional[PathLike], check: bool, go) -> Run:
    if out is not None:
        go(os.fspath(out))
        result = read_run(out)
    else:
        with tempfile.TemporaryDirectory(prefix="nwnspice-run-") as d:
            go(d)
            result = read_run(d)
            result.out = None
    if check and result.status == "failed":
        raise RuntimeError("run failed: " + result.message)
    return result


# ---- step by step -------------------------------------------------------------------------------------

class Simulation:
    """A network simulated step by step, for closed-loop control.

    ``sim = Simulation(net, drives={"src": 0.5}, engine="native", dt=1e-3)``; then ``sim.advance_to(t)``
    simulates until time t, ``sim.state()`` gives the present state and ``sim.set_drive(name, volts)`` holds an
    electrode at a voltage from then on.

    ``engine="native"``: the native engine's fixed steps of ``dt``; stepping in any increments gives the numbers
    of one ``run(..., engine="native")``, bit for bit. ``engine="libngspice"``: ngspice's adaptive transient with
    maximum step ``dt`` (``flavour`` as in :func:`run`); every driven or grounded electrode is an EXTERNAL source
    whose voltage ngspice asks this object for at every time point, and ``advance_to(t)`` lands on t (a
    breakpoint). One libngspice simulation or run at a time per process (ngspice keeps its state in globals).
    ``drives``, ``ground``, ``floating``, ``loads``: the electrode roles as in :func:`run`; ``set_drive`` holds a
    driven or grounded electrode.

    The GIL is released while simulating; Ctrl-C stops at the step in progress and raises KeyboardInterrupt,
    leaving the simulation there (it can go on).
    """

    def __init__(self, network: Network, drives: Drives = None, *, engine: str = "native", dt: float = 1e-3,
                 flavour: str = "auto", preset: str = "dc", params: Optional[Mapping[str, float]] = None,
                 ic: Optional[Sequence[float]] = None, nwnsim_compat: bool = False, ground: Sequence[str] = (),
                 floating: Sequence[str] = (), loads: Optional[Mapping[str, Union[float, str]]] = None) -> None:
        lambda0 = [] if ic is None else [float(x) for x in np.asarray(ic, dtype=float).ravel()]
        stimulus, roles = _roles(drives, ground, floating, loads)
        self.network = network
        self.engine = engine
        if engine == "native":
            self._sim = _ext._NativeSimulation(network, stimulus, roles, dt, preset, _overrides(params), lambda0,
                                               nwnsim_compat)
        elif engine == "libngspice":
            if nwnsim_compat:
                raise Error("--nwnsim-compat applies to --engine native")
            self._sim = _ext._SpiceSimulation(network, stimulus, roles, dt, flavour, preset, _overrides(params), lambda0)
        else:
            raise Error("Simulation: unknown engine '%s' (native or libngspice)" % engine)
        self._dt = dt

    def close(self) -> None:
        """Ends the simulation: a libngspice one gives the process's ngspice back (for runs or another
        Simulation). Also on ``with Simulation(...) as sim:`` exit, and when the object is collected."""
        self.__dict__["_sim"] = None

    def __enter__(self) -> "Simulation":
        return self

    def __exit__(self, *exc: Any) -> None:
        self.close()

    @property
    def _live(self) -> Any:
        if self._sim is None:
            raise Error("the simulation is closed")
        return self._sim

    @property
    def t(self) -> float:
        """Time of the last step or accepted time point (s)."""
        return self._live.t

    @property
    def dt(self) -> float:
        """The native engine's step; libngspice's maximum step."""
        return self._dt

    @property
    def steps(self) -> int:
        """Steps taken (native) or time points accepted (libngspice)."""
        return self._live.state()["step"]

    def advance_to(self, t: float) -> None:
        """Simulates until time ``t`` (native: steps at k·dt, a time between steps stops at the one before)."""
        self._live.advance_to(float(t))

    def set_drive(self, electrode: str, volts: float) -> None:
        """Holds ``electrode`` at ``volts`` from now on (the native engine: from the next step)."""
        self._live.set_drive(electrode, float(volts))

    def state(self) -> Dict[str, Any]:
        """The state at the last step: ``t``, ``step``, ``lam`` (λ per junction), ``electrode_V`` and
        ``electrode_I`` ({name: value}, current into the network), and ``V``, ``I`` as a run records them
        (first electrode's voltage, second electrode's current with ngspice's sign)."""
        return self._live.state()


# ---- analyses -----------------------------------------------------------------------------------------

def gradient(x: np.ndarray) -> np.ndarray:
    """MATLAB's gradient() of a series (runner/analysis/events.h)."""
    return _ext.gradient(x)


def conductance_events(G: np.ndarray, thresh: float = 5e-8, rel_thresh: float = 0.05) -> np.ndarray:
    """0/1 event train of a conductance series: peaks of |dG| above ``thresh`` and of |dG|/G above
    ``rel_thresh`` (NWNsim's thresholdPeak)."""
    return _ext.conductance_events(G, thresh, rel_thresh)


def avalanches(events: Union[np.ndarray, Sequence[np.ndarray]], iei_multiple: Optional[float] = None,
               bin_samples: Optional[int] = None, dt: float = 1.0) -> Dict[str, Any]:
    """Avalanches of event trains (one array, or a list recorded separately: nothing spans a join), in bins
    of ``bin_samples`` or ``iei_multiple`` × the mean inter-event interval (default 1): sizes, lifetimes,
    start_time (× ``dt``), profiles, branching_ratio, iei, bin_samples."""
    return _ext.avalanches(events, iei_multiple, bin_samples, dt)


def powerlaw_fit(x: np.ndarray, xmin: Optional[int] = None, xmax: Optional[int] = None, *, resamples: int = 500,
                 pcrit: float = 0.5, seed: int = 1, threads: int = 0, tau_min: float = 1.0, tau_max: float = 6.0,
                 min_n: int = 10) -> Dict[str, Any]:
    """Discrete power-law fit (exact MLE, KS distance, bootstrap p and σ) on [xmin, xmax], or with neither
    the support search for the widest support with p >= pcrit (``nwn powerlaw``)."""
    return _ext.powerlaw_fit(x, xmin, xmax, resamples, pcrit, seed, threads, tau_min, tau_max, min_n)


def criticality(G: Union[None, np.ndarray, Sequence[np.ndarray]] = None, dt: float = 1e-3, *,
                events: Union[None, np.ndarray, Sequence[np.ndarray]] = None, **options: Any) -> Dict[str, Any]:
    """The avalanche-criticality pipeline (``nwn avalanches``) on conductance series ``G`` or on event trains
    ``events`` (e.g. runs' junction crossings, ``Run.events``), sampled every ``dt`` s: events, IEI, bins,
    avalanches, fits of τ and α, crackling relation and shape collapse, as the JSON the CLI writes. One array
    or a list of arrays recorded separately. Options: thresh, rel_thresh, condition, iei_multiple, resamples,
    shape_bootstraps, seed, threads, compare_alternatives."""
    return _ext.criticality(G, events, dt, **options)


def crackling(tau: Mapping[str, Any], alpha: Mapping[str, Any], sizes: np.ndarray, lifetimes: np.ndarray) -> Dict[str, Any]:
    """The crackling-noise relation from the fits of sizes (τ) and lifetimes (α): predicted (α-1)/(τ-1)
    and the fitted slope of ⟨S⟩(T) over α's support."""
    return _ext.crackling(dict(tau), dict(alpha), sizes, lifetimes)


def shape_collapse(profiles: Sequence[np.ndarray], **options: Any) -> Dict[str, Any]:
    """Avalanche shape collapse: exponent 1 + γ* (options: min_lifetime, max_lifetime, min_count,
    bootstraps, seed, threads)."""
    return _ext.shape_collapse(list(profiles), **options)


def lyapunov_stats(rates: np.ndarray, skip: int = 0, block: int = 1) -> Dict[str, Any]:
    """Mean of per-segment growth rates with batch-means σ (the Lyapunov exponent's statistics)."""
    return _ext.lyapunov_stats(rates, skip, block)


def period_ratio(t: np.ndarray, V: np.ndarray, I: np.ndarray, period: float, v_floor: float = 0.0) -> float:  # noqa: E741
    """r of docs/model.md §5: mean over whole drive periods of max(G)/min(G)."""
    return _ext.period_ratio(t, V, I, period, v_floor)


def nlt_scores(features: np.ndarray, names: Sequence[str], targets: Sequence[np.ndarray], *, ridge: float = 0.0,
               bias: bool = False, washout: int = 0, train_fraction: float = 1.0) -> List[Dict[str, Any]]:
    """The NLT readout: least-squares maps from features (samples × features) to each target, scored as
    1 − RNMSE."""
    return _ext.nlt_scores(np.asarray(features, dtype=float), list(names),
                           [list(np.asarray(t, dtype=float)) for t in targets], ridge=ridge, bias=bias,
                           washout=washout, train_fraction=train_fraction)
