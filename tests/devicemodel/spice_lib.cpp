#include <sstream>

#include "runner/engine/ngspice_session.h"
#include "spice_cli.h"
#include "support/reference.h"
#include "nwn_config.h"

namespace nwn::test {

namespace {

SpiceColumns run_in_session(engine::Session& session, const std::string& deck, const std::vector<std::string>& vectors) {
    std::vector<std::string> lines;
    std::istringstream is(deck);
    for (std::string l; std::getline(is, l);) lines.push_back(l);
    session.load_circuit(lines);
    SpiceColumns out;
    std::vector<std::size_t> idx;
    session.set_layout_callback([&](const engine::VectorLayout& layout) {
        idx.clear();
        for (const auto& v : vectors) idx.push_back(layout.index(v));
    });
    session.set_recorder([&](const engine::Point& p) {
        out.t.push_back(p.time);
        for (std::size_t k = 0; k < vectors.size(); ++k) out.v[vectors[k]].push_back(p[idx[k]]);
    });
    auto outcome = session.run();
    if (!outcome.ok()) throw std::runtime_error("libngspice run failed: " + outcome.message);
    out.log = session.log_tail(20);
    return out;
}

}  // namespace

SpiceColumns run_libngspice(const std::string& deck, const std::vector<std::string>& vectors) {
    engine::Session session;
    session.load_codemodel(codemodel_path().string());
    return run_in_session(session, deck, vectors);
}

SpiceColumns run_libngspice46_osdi(const std::string& deck, const std::vector<std::string>& vectors) {
    engine::SessionOptions so;
    so.library = NWN_NGSPICE46_LIB;
    so.scripts_dir = NWN_NGSPICE46_SCRIPTS;
    engine::Session session(so);
    session.command("osdi " + (build_dir() / "lib/nwnjunction.osdi").string());
    return run_in_session(session, deck, vectors);
}

}  // namespace nwn::test
