// Reservoir computing: a 4 × 4 pad array under a 300-wire network on NARMA-10 and the digits, natively, and the
// same NARMA-10 reservoir through libngspice (the OSDI device where this build has ngspice 46) with grounded
// readouts and (--full) with a CMOS transimpedance amplifier per readout in the deck. Scores side by side with the
// two baselines.
#include "common/format.h"
#include "runner/experiments/demo/demo_context.h"
#include "runner/experiments/ensemble/ensemble_members.h"
#include "runner/io/digits_data.h"
#include "runner/io/json_file.h"

namespace fs = std::filesystem;
using nlohmann::json;

namespace nwn::exp {

report::Section demo_reservoir(DemoContext& ctx) {
    report::Section sec;
    sec.id = "reservoir";
    sec.title = "Reservoir computing: a pad array on NARMA-10 and the digits";
    const fs::path dir = ctx.out / "reservoir";
    fs::create_directories(dir);
    const auto& sc = ctx.scale;
    const std::string net = (dir / "mea.json").string(), n = number_label(static_cast<double>(sc.reservoir_samples)),
                      images = number_label(static_cast<double>(sc.digit_images));
    auto st = run_children(ctx, sec, "reservoir: network",
                           {{"generate", "--wires", "300", "--lx", "50", "--ly", "50", "--seed", "3", "--electrodes", "grid:4x4", "-o", net}},
                           {dir / "generate.log"});
    if (st[0] != 0) {
        sec.status = st[0] == 130 ? "interrupted" : "failed";
        sec.paragraphs.push_back("nwn generate failed; see " + (dir / "generate.log").string());
        return sec;
    }
    const std::vector<std::string> series_roles{"--inputs", "p1_1", "--readouts", "p0_0,p0_3,p3_0,p3_3,p1_2,p2_1", "--probes", "p2_2,p0_1,p3_2"};
    const std::vector<std::string> common{"--step-time", "0.01", "--tmax", "1e-3", "--amplitude", "0.4", "--offset", "0.4", "--quiet"};
    struct Run {
        std::string label, task, engine, dir;
        std::vector<std::string> extra{};
    };
    std::vector<Run> runs{{"NARMA-10, native", "narma10", "native", "narma_native"}};
    if (sc.reservoir_spice) runs.push_back({"NARMA-10, libngspice", "narma10", "libngspice", "narma_spice"});
    if (sc.reservoir_tia)
        runs.push_back({"NARMA-10, libngspice, a CMOS TIA per readout", "narma10", "libngspice", "narma_spice_tia",
                        {"--readout-circuit", "tia"}});
    const bool digits = io::find_digits().has_value();
    if (digits) runs.push_back({"digits (64 features), native", "digits", "native", "digits_native"});
    std::vector<std::vector<std::string>> cmds;
    std::vector<fs::path> logs;
    for (const auto& r : runs) {
        std::vector<std::string> c{"reservoir", r.task, net, "--engine", r.engine, "--steps", r.task == "digits" ? images : n,
                                   "--out", (dir / r.dir).string()};
        if (r.task == "digits")
            c.insert(c.end(), {"--inputs", "p0_0,p0_1,p0_2,p0_3,p1_0,p1_1,p1_2,p1_3", "--readouts",
                               "p2_0,p2_1,p2_2,p2_3,p3_0,p3_1,p3_2,p3_3", "--read-every-step"});
        else
            c.insert(c.end(), series_roles.begin(), series_roles.end());
        c.insert(c.end(), r.extra.begin(), r.extra.end());
        c.insert(c.end(), common.begin(), common.end());
        cmds.push_back(c);
        logs.push_back(dir / (r.dir + ".log"));
    }
    st = run_children(ctx, sec, "reservoir: tasks", cmds, logs);
    sec.engines = sc.reservoir_spice ? std::string("native engine; libngspice (the OSDI device with this build's ngspice 46, else the "
                                                   "code model)") + (sc.reservoir_tia ? ", with level-1 MOSFETs for the TIAs" : "")
                                     : "native engine";
    report::Table t{"Scores of the network and the baselines (NARMA-10: NRMSE, lower is better; digits: test accuracy)",
                    {"task, engine", "network", "raw input", "echo-state network", "features"}, {}};
    json jr = json::object();
    std::string line = "reservoir:";
    for (std::size_t k = 0; k < runs.size(); ++k) {
        const json d = io::read_json_file_or_null(dir / runs[k].dir / "reservoir.json");
        if (st[k] != 0 || !d.is_object() || !d.contains("network_score")) {
            t.rows.push_back({runs[k].label, "failed (see " + logs[k].filename().string() + ")", "", "", ""});
            sec.status = "failed";
            continue;
        }
        const std::string key = runs[k].task == "digits" ? "accuracy" : "nrmse";
        const double v = d["network_score"][key].get<double>();
        t.rows.push_back({runs[k].label, report::num(v, 3), report::num(d["baselines"]["raw_input"][key].get<double>(), 3),
                          report::num(d["baselines"]["echo_state"][key].get<double>(), 3),
                          std::to_string(d["network_score"]["features"].get<std::size_t>())});
        jr[runs[k].dir] = {{key, v}, {"raw_input", d["baselines"]["raw_input"][key]}, {"echo_state", d["baselines"]["echo_state"][key]}};
        line += " " + runs[k].dir + " " + fmt("%.3f", v);
    }
    sec.tables.push_back(t);
    ctx.numbers["reservoir"] = jr;
    sec.paragraphs.push_back(
        "300 wires in 50 x 50 um under a 4 x 4 pad array, " + n + " samples of 10 ms (digits: " + images + " images, one column per step). "
        "NARMA-10: the input on pad p1_1 at 0-0.8 V, the currents of six grounded pads and the voltages of three floating ones "
        "as features. Digits: eight input pads (one image column per step), eight readout pads read at every column step. "
        "The readout is ridge regression with the penalty chosen by 5-fold cross-validation; the baselines are the same readout "
        "on the raw input and an echo-state network with as many units as features. The native engine and libngspice run the "
        "same drive table, so their NARMA-10 scores agree to the SPICE tolerance." +
        std::string(sc.reservoir_tia ? " With a CMOS TIA per readout, each readout pad sits at the virtual ground of a two-stage "
                                       "op-amp of level-1 MOSFETs (+-1.5 V supplies, rf 1 kOhm) in the same deck as the junction "
                                       "device, and its output, -rf I, is the feature: the score is the grounded readout's, up to "
                                       "the amplifiers' virtual grounds (within 2 mV of 0 V)." : "") +
        std::string(digits ? "" : " The digits were skipped: python3-sklearn's digits.csv.gz was not found."));
    ctx.summary.push_back(line);
    return sec;
}

}  // namespace nwn::exp
