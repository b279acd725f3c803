#include "netlistgen/network/electrode_roles.h"

#include <cmath>

#include "common/error.h"
#include "common/csv_table.h"
#include "netlistgen/network/electrodes.h"
#include "common/text_parse.h"

namespace nwn::net {

const char* role_name(Role r) {
    switch (r) {
        case Role::Drive: return "drive";
        case Role::Ground: return "ground";
        case Role::Float: return "float";
        case Role::Load: return "load";
    }
    return "?";
}

std::vector<std::string> RoleRequest::arguments() const {
    std::vector<std::string> out;
    for (const auto& d : drives) out.insert(out.end(), {"--drive", d});
    if (!drive_table.empty()) out.insert(out.end(), {"--drive-table", drive_table.string()});
    for (const auto& g : ground) out.insert(out.end(), {"--ground", g});
    for (const auto& f : floating) out.insert(out.end(), {"--float", f});
    for (const auto& l : loads) out.insert(out.end(), {"--load", l});
    return out;
}

namespace {

class Assigner {
public:
    explicit Assigner(const Network& net) : net_(net), roles_(net.electrodes.size()), given_(net.electrodes.size()) {
        for (std::size_t e = 0; e < roles_.size(); ++e) roles_[e].electrode = net.electrodes[e].name;
    }

    // `option` names where the role came from, for the messages.
    ElectrodeRole& give(const std::string& name, Role role, const std::string& option) {
        const Electrode& el = electrode_named(net_, trim(name), option);
        const auto e = static_cast<std::size_t>(&el - net_.electrodes.data());
        if (!given_[e].empty())
            throw Error(option + ": electrode '" + el.name + "' already has a role (" + given_[e] +
                        "); give each electrode one role");
        given_[e] = option;
        roles_[e].role = role;
        return roles_[e];
    }

    bool any_given() const {
        for (const auto& g : given_)
            if (!g.empty()) return true;
        return false;
    }
    bool given(std::size_t e) const { return !given_[e].empty(); }
    std::vector<ElectrodeRole> take() { return std::move(roles_); }

private:
    const Network& net_;
    std::vector<ElectrodeRole> roles_;
    std::vector<std::string> given_;  // per electrode: the option that gave its role
};

// "NAME=VALUE" -> (NAME, VALUE); `option` and `form` name the option in the message.
std::pair<std::string, std::string> name_value(const std::string& item, const std::string& option, const std::string& form) {
    const auto eq = item.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == item.size())
        throw Error(option + " '" + item + "': expected " + form);
    return {trim(item.substr(0, eq)), trim(item.substr(eq + 1))};
}

void add_drive_table(Assigner& a, const std::filesystem::path& file) {
    const CsvTable t = read_csv(file);
    const std::string origin = file.string();
    if (t.columns.empty() || lower(t.columns[0]) != "t")
        throw Error(origin + ": a drive table's first column must be t (s), then one column per electrode");
    if (t.columns.size() < 2) throw Error(origin + ": a drive table needs a column per driven electrode after t");
    if (t.rows.empty()) throw Error(origin + ": a drive table needs at least one row");
    for (std::size_t c = 0; c < t.columns.size(); ++c)
        for (std::size_t d = 0; d < c; ++d)
            if (lower(t.columns[c]) == lower(t.columns[d]))
                throw Error(origin + ": column '" + t.columns[c] + "' appears twice");
    for (std::size_t r = 0; r < t.rows.size(); ++r) {
        const double tr = t.rows[r][0];
        if (tr < 0) throw file_error(origin, t.lines[r], "time " + format_number(tr) + " s is negative");
        if (r > 0 && !(tr > t.rows[r - 1][0]))
            throw file_error(origin, t.lines[r], "times must increase strictly (" + format_number(tr) + " s after " +
                                                     format_number(t.rows[r - 1][0]) + " s)");
    }
    for (std::size_t c = 1; c < t.columns.size(); ++c) {
        std::vector<std::pair<double, double>> pts;
        for (const auto& row : t.rows) pts.push_back({row[0], row[c]});
        a.give(t.columns[c], Role::Drive, "--drive-table " + origin + " (column '" + t.columns[c] + "')").stimulus =
            Stimulus::from_points("table:" + origin + ":" + t.columns[c], std::move(pts));
    }
}

}  // namespace

std::vector<ElectrodeRole> resolve_roles(const Network& net, const RoleRequest& req, const Stimulus& stimulus) {
    if (net.electrodes.size() < 2) throw Error("the network needs at least two electrodes (give --contacts or --electrodes)");
    Assigner a(net);
    for (const auto& d : req.drives) {
        const auto [name, spec] = name_value(d, "--drive", "NAME=STIMULUS, e.g. src=dc:1");
        a.give(name, Role::Drive, "--drive " + d).stimulus = Stimulus::parse(spec);
    }
    if (!req.drive_table.empty()) add_drive_table(a, req.drive_table);
    for (const auto& list : req.ground)
        for (const auto& name : split(list, ',')) a.give(name, Role::Ground, "--ground " + list);
    for (const auto& list : req.floating)
        for (const auto& name : split(list, ',')) a.give(name, Role::Float, "--float " + list);
    for (const auto& l : req.loads) {
        const auto [name, ohms] = name_value(l, "--load", "NAME=OHMS, e.g. drn=10k");
        double r = 0;
        try {
            r = parse_spice_number(ohms);
        } catch (const Error&) {
            throw Error("--load " + l + ": '" + ohms + "' is not a resistance (e.g. 10k, 1meg)");
        }
        if (!(r > 0) || !std::isfinite(r)) throw Error("--load " + l + ": the resistance must be > 0 and finite");
        a.give(name, Role::Load, "--load " + l).load_ohms = r;
    }
    const bool drives_given = !req.drives.empty() || !req.drive_table.empty();
    std::vector<ElectrodeRole> roles;
    if (!drives_given && !a.given(0)) {
        roles = a.take();
        roles[0].role = Role::Drive;
        roles[0].stimulus = stimulus;
    } else {
        roles = a.take();
    }
    bool reference = false;
    for (const auto& r : roles) reference = reference || r.role != Role::Float;
    if (!reference)
        throw Error("every electrode floats: drive, ground or load at least one (--drive, --ground, --load) as the reference");
    return roles;
}

std::optional<std::size_t> primary_drive(const std::vector<ElectrodeRole>& roles) {
    for (std::size_t e = 0; e < roles.size(); ++e)
        if (roles[e].role == Role::Drive) return e;
    return std::nullopt;
}

std::optional<std::size_t> primary_drain(const std::vector<ElectrodeRole>& roles) {
    const auto drive = primary_drive(roles);
    for (std::size_t e = 0; e < roles.size(); ++e)
        if (e != drive && roles[e].role != Role::Float) return e;
    return std::nullopt;
}

}  // namespace nwn::net
