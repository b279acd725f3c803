#include "runner/experiments/avalanches/recording_input_lambda.h"

#include "common/error.h"
#include "devicemodel/hochstetter/hochstetter.h"
#include "runner/analysis/junction_events.h"
#include "runner/analysis/recording_input_grid.h"
#include "runner/experiments/avalanches/recording_input.h"
#include "runner/io/run_dir.h"
#include "runner/io/timeseries_csv.h"

namespace fs = std::filesystem;

namespace nwn::exp {

JunctionEventMethod parse_junction_event_method(const std::string& name) {
    if (name == "crossings") return JunctionEventMethod::Crossings;
    if (name == "dgg-spike") return JunctionEventMethod::DgSpike;
    throw Error("unknown junction event method '" + name + "' (crossings or dgg-spike)");
}

JunctionEventTrain junction_events_from_run(const fs::path& run_dir, JunctionEventMethod method, double dt,
                                            double spike_thresh) {
    const io::RunPaths files{run_dir};
    const fs::path csv = files.lambda();
    if (!fs::exists(csv))
        throw Error(run_dir.string() + ": no lambda.csv; junction events need the states (nwn run --save-lambda)");
    if (!fs::exists(files.record())) throw Error(run_dir.string() + ": no run.json (junction parameters)");
    const nwn_junction_params p = io::junction_params(io::read_run_record(run_dir), files.record().string());
    io::TimeSeries lam = io::read_timeseries_csv(csv);
    if (lam.names.empty() || lam.find("t") != 0) throw Error(csv.string() + ": the first column must be t");
    if (lam.names.size() < 2) throw Error(csv.string() + ": no junction columns");
    if (lam.rows() == 0) throw Error(csv.string() + ": no samples");
    const std::vector<double> t = std::move(lam.columns[0]);
    const double fallback = run_time_step(run_dir).value_or(0);

    JunctionEventTrain out;
    analysis::JunctionTraces G;
    G.reserve(lam.names.size() - 1);
    for (std::size_t c = 1; c < lam.names.size(); ++c) {
        out.names.push_back(lam.names[c]);
        out.last.push_back(lam.columns[c].back());
        auto u = analysis::to_uniform(t, lam.columns[c], dt, fallback, csv.string() + " column " + lam.names[c],
                            "give --dt S to resample onto a uniform grid of step S");
        std::vector<double>().swap(lam.columns[c]);  // keep the peak memory near one copy
        double slope;
        for (double& x : u.x) x = nwn_conductance(&p, x, &slope);
        G.push_back(std::move(u.x));
        out.t0 = u.t0;
        out.dt = u.dt;
        out.resampled = u.resampled;
    }
    out.junctions = G.size();
    out.events = method == JunctionEventMethod::Crossings ? analysis::level_crossing_events(G, analysis::on_level(p.goff))
                                                          : analysis::dg_spike_events(G, out.dt, spike_thresh);
    return out;
}

}  // namespace nwn::exp
