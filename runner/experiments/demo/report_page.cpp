#include "runner/experiments/demo/report_page.h"

#include <cctype>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "common/atomic_file.h"
#include "common/error.h"

namespace fs = std::filesystem;

namespace nwn::exp::report {

namespace {

std::string esc(const std::string& s) {
    std::string o;
    o.reserve(s.size());
    for (char c : s) {
        switch (c) {
            case '&': o += "&amp;"; break;
            case '<': o += "&lt;"; break;
            case '>': o += "&gt;"; break;
            case '"': o += "&quot;"; break;
            default: o += c;
        }
    }
    return o;
}

// Relative paths may hold spaces or '#'; percent-encode what a URL cannot carry literally.
std::string url(const std::string& path) {
    std::string o;
    for (unsigned char c : path) {
        if (std::isalnum(c) || std::string("/._-~+").find(static_cast<char>(c)) != std::string::npos) o += static_cast<char>(c);
        else {
            char b[4];
            std::snprintf(b, sizeof b, "%%%02X", c);
            o += b;
        }
    }
    return o;
}

constexpr const char* kStyle = R"(
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;max-width:1100px;margin:2em auto;padding:0 1em;color:#222;line-height:1.45}
h1{font-size:1.7em;margin-bottom:.2em}h2{border-bottom:2px solid #ddd;padding-bottom:.2em;margin-top:2em}
nav ul{columns:2;list-style:none;padding:0}nav a{text-decoration:none}
table{border-collapse:collapse;margin:.8em 0;font-size:.92em;display:block;max-width:100%;overflow-x:auto}th,td{border:1px solid #ccc;padding:.25em .6em;text-align:left;vertical-align:top}
th{background:#f3f3f3}caption{text-align:left;font-weight:600;padding:.3em 0}
figure{margin:1em 1em 1em 0;display:inline-block;vertical-align:top;max-width:100%}figure img{max-width:100%;width:520px;border:1px solid #eee}
figure.wide img{width:auto}
figcaption{font-size:.88em;color:#444;max-width:520px}figcaption .links{color:#777}
pre{background:#f6f8fa;border:1px solid #e1e4e8;padding:.6em;overflow-x:auto;font-size:.85em}
.meta{color:#555;font-size:.9em}.status{display:inline-block;padding:0 .5em;border-radius:3px;font-size:.8em;vertical-align:middle;margin-left:.5em}
.status-ok{background:#d4edda;color:#155724}.status-skipped{background:#fff3cd;color:#856404}
.status-failed,.status-interrupted{background:#f8d7da;color:#721c24}
)";

}  // namespace

std::string num(double x, int digits) {
    if (!std::isfinite(x)) return "n/a";
    char b[48];
    std::snprintf(b, sizeof b, "%.*g", digits, x);
    return b;
}

std::string num_pm(double x, double sigma, int decimals) {
    if (!std::isfinite(x)) return "n/a";
    char b[80];
    if (std::isfinite(sigma)) std::snprintf(b, sizeof b, "%.*f ± %.*f", decimals, x, decimals, sigma);
    else std::snprintf(b, sizeof b, "%.*f", decimals, x);
    return b;
}

std::string seconds(double s) {
    if (!(s >= 0)) return "n/a";
    char b[32];
    std::snprintf(b, sizeof b, s < 10 ? "%.1f s" : "%.0f s", s);
    return b;
}

std::string relative_to(const fs::path& page_dir, const fs::path& file) {
    return fs::absolute(file).lexically_normal().lexically_relative(fs::absolute(page_dir).lexically_normal()).generic_string();
}

Figure gnuplot_figure(const fs::path& page_dir, const fs::path& dir, const std::string& stem, const std::string& caption) {
    Figure f;
    f.caption = caption;
    for (const char* ext : {".svg", ".png"})
        if (fs::exists(dir / (stem + ext))) {
            f.src = relative_to(page_dir, dir / (stem + ext));
            break;
        }
    if (fs::exists(dir / (stem + ".csv"))) f.links.push_back(relative_to(page_dir, dir / (stem + ".csv")));
    std::error_code ec;
    for (const auto& e : fs::directory_iterator(dir, ec)) {
        const std::string n = e.path().filename().string();
        if (n.rfind(stem + "_", 0) == 0 && e.path().extension() == ".csv") f.links.push_back(relative_to(page_dir, e.path()));
    }
    if (fs::exists(dir / (stem + ".gp"))) f.links.push_back(relative_to(page_dir, dir / (stem + ".gp")));
    return f;
}

std::string render_html(const Page& page) {
    std::ostringstream o;
    o << "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>" << esc(page.title)
      << "</title>\n<style>" << kStyle << "</style>\n</head>\n<body>\n<h1>" << esc(page.title) << "</h1>\n";
    for (const auto& p : page.intro) o << "<p>" << esc(p) << "</p>\n";
    if (page.sections.size() > 1) {
        o << "<nav><ul>\n";
        for (const auto& s : page.sections)
            o << "<li><a href=\"#" << esc(s.id) << "\">" << esc(s.title) << "</a> <span class=\"meta\">(" << esc(s.status)
              << (s.wall_s >= 0 ? ", " + seconds(s.wall_s) : "") << ")</span></li>\n";
        o << "</ul></nav>\n";
    }
    for (const auto& s : page.sections) {
        o << "<section id=\"" << esc(s.id) << "\" data-status=\"" << esc(s.status) << "\">\n<h2>" << esc(s.title)
          << "<span class=\"status status-" << esc(s.status) << "\">" << esc(s.status) << "</span></h2>\n";
        if (!s.engines.empty() || s.wall_s >= 0)
            o << "<p class=\"meta\">" << (s.engines.empty() ? "" : "Engines: " + esc(s.engines) + ". ")
              << (s.wall_s >= 0 ? "Wall time: " + seconds(s.wall_s) + "." : "") << "</p>\n";
        for (const auto& p : s.paragraphs) o << "<p>" << esc(p) << "</p>\n";
        for (const auto& t : s.tables) {
            o << "<table>\n";
            if (!t.caption.empty()) o << "<caption>" << esc(t.caption) << "</caption>\n";
            if (!t.header.empty()) {
                o << "<tr>";
                for (const auto& h : t.header) o << "<th>" << esc(h) << "</th>";
                o << "</tr>\n";
            }
            for (const auto& r : t.rows) {
                o << "<tr>";
                for (const auto& c : r) o << "<td>" << esc(c) << "</td>";
                o << "</tr>\n";
            }
            o << "</table>\n";
        }
        for (const auto& f : s.figures) {
            if (f.src.empty()) continue;
            o << "<figure><a href=\"" << url(f.src) << "\"><img src=\"" << url(f.src) << "\" alt=\"" << esc(f.caption)
              << "\"></a><figcaption>" << esc(f.caption);
            if (!f.links.empty()) {
                o << " <span class=\"links\">Data and script:";
                for (const auto& l : f.links) o << " <a href=\"" << url(l) << "\">" << esc(fs::path(l).filename().string()) << "</a>";
                o << "</span>";
            }
            o << "</figcaption></figure>\n";
        }
        if (!s.commands.empty()) {
            o << "<p class=\"meta\">Reproduce:</p>\n<pre>";
            for (const auto& c : s.commands) o << esc(c) << "\n";
            o << "</pre>\n";
        }
        o << "</section>\n";
    }
    if (!page.footer.empty()) o << "<hr>\n<p class=\"meta\">" << esc(page.footer) << "</p>\n";
    o << "</body>\n</html>\n";
    return o.str();
}

void write_html(const fs::path& file, const Page& page) { write_file_atomic(file, render_html(page)); }

nlohmann::json to_json(const Page& page) {
    nlohmann::json j = {{"format", "nwnspice-report"}, {"version", 1}, {"title", page.title}, {"intro", page.intro},
                        {"footer", page.footer}, {"sections", nlohmann::json::array()}};
    for (const auto& s : page.sections) {
        nlohmann::json js = {{"id", s.id}, {"title", s.title}, {"status", s.status}, {"engines", s.engines},
                             {"wall_s", s.wall_s}, {"paragraphs", s.paragraphs}, {"commands", s.commands},
                             {"tables", nlohmann::json::array()}, {"figures", nlohmann::json::array()}};
        for (const auto& t : s.tables) js["tables"].push_back({{"caption", t.caption}, {"header", t.header}, {"rows", t.rows}});
        for (const auto& f : s.figures) js["figures"].push_back({{"src", f.src}, {"caption", f.caption}, {"links", f.links}});
        j["sections"].push_back(js);
    }
    return j;
}

Page page_from_json(const nlohmann::json& j) {
    try {
        if (j.value("format", "") != "nwnspice-report") throw Error("not an nwnspice report (field format)");
        Page p;
        p.title = j.at("title").get<std::string>();
        p.intro = j.at("intro").get<std::vector<std::string>>();
        p.footer = j.value("footer", "");
        for (const auto& js : j.at("sections")) {
            Section s;
            s.id = js.at("id").get<std::string>();
            s.title = js.at("title").get<std::string>();
            s.status = js.at("status").get<std::string>();
            s.engines = js.value("engines", "");
            s.wall_s = js.value("wall_s", -1.0);
            s.paragraphs = js.at("paragraphs").get<std::vector<std::string>>();
            s.commands = js.at("commands").get<std::vector<std::string>>();
            for (const auto& t : js.at("tables"))
                s.tables.push_back({t.at("caption").get<std::string>(), t.at("header").get<std::vector<std::string>>(),
                                    t.at("rows").get<std::vector<std::vector<std::string>>>()});
            for (const auto& f : js.at("figures"))
                s.figures.push_back({f.at("src").get<std::string>(), f.at("caption").get<std::string>(),
                                     f.at("links").get<std::vector<std::string>>()});
            p.sections.push_back(std::move(s));
        }
        return p;
    } catch (const nlohmann::json::exception& e) {
        throw Error(std::string("report.json: ") + e.what());
    }
}

}  // namespace nwn::exp::report
