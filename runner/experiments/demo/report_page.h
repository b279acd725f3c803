// The HTML report of nwn demo and nwn report: a page of sections, each with paragraphs, tables of our
// numbers against references, figures (SVG/PNG files next to the page, with their CSV data and gnuplot
// scripts linked), the engines that ran and the nwn commands that reproduce it. The page is plain HTML
// with an inline style sheet: no script, no network access, so it opens from a file anywhere.
// A page is also kept as JSON (report.json) so that `nwn report` can render a demo directory again.
#pragma once
#include <filesystem>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace nwn::exp::report {

struct Table {
    std::string caption;
    std::vector<std::string> header;
    std::vector<std::vector<std::string>> rows;
};

struct Figure {
    std::string src;                 // path relative to the page
    std::string caption;
    std::vector<std::string> links;  // data and scripts (relative paths), listed under the caption
};

struct Section {
    std::string id, title;
    std::string status = "ok";             // ok | skipped | failed | interrupted
    std::string engines;                   // what ran through SPICE, what through the native engine
    double wall_s = -1;                    // < 0: not measured
    std::vector<std::string> paragraphs;   // plain text
    std::vector<Table> tables;
    std::vector<Figure> figures;
    std::vector<std::string> commands;     // shell commands that reproduce the section
};

struct Page {
    std::string title;
    std::vector<std::string> intro;  // plain text paragraphs
    std::vector<Section> sections;
    std::string footer;
};

std::string render_html(const Page& page);
// Writes `file` atomically.
void write_html(const std::filesystem::path& file, const Page& page);

nlohmann::json to_json(const Page& page);
Page page_from_json(const nlohmann::json& j);  // throws nwn::Error on a malformed page

// The figure file to show for a gnuplot figure STEM in `dir` (STEM.svg, else STEM.png), relative to
// `page_dir`, with STEM.csv/STEM.gp (and other STEM_*.csv) as links; empty src when neither image exists.
Figure gnuplot_figure(const std::filesystem::path& page_dir, const std::filesystem::path& dir, const std::string& stem,
                      const std::string& caption);

// A path relative to the page's directory, with forward slashes.
std::string relative_to(const std::filesystem::path& page_dir, const std::filesystem::path& file);

// Numbers for tables: "%.3g"-like, "n/a" for non-finite values; value ± sigma.
std::string num(double x, int digits = 3);
std::string num_pm(double x, double sigma, int decimals = 2);
std::string seconds(double s);

}  // namespace nwn::exp::report
