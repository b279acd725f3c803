#include "runner/engine/ngspice_process.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <exception>

#include "common/text_parse.h"
#include "runner/engine/ngspice_output.h"

namespace nwn::engine::detail {

std::atomic<bool> g_halt_requested{false};
std::atomic<bool> g_session_claimed{false};
static_assert(std::atomic<bool>::is_always_lock_free);

NgspiceProcess& ngspice_process() {
    static NgspiceProcess* p = new NgspiceProcess;  // never destroyed: ngspice may call back during exit
    return *p;
}

const NgspiceApi& ng() { return ngspice_process().lib->api; }

namespace {


// ------------------------------------------------------------------ ngspice callbacks (C ABI)
int cb_send_char(char* str, int, void*) {
    if (!str) return 0;
    NgspiceProcess& c = ngspice_process();
    std::string line(str);
    while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.pop_back();
    // Interactive progress lines ("Reference value : …\r") are noise.
    if (line.find("Reference value") != std::string::npos &&
        split_stream(line).first == '?')
        return 0;
    std::lock_guard lk(c.mu);
    if (c.echo) std::fprintf(stderr, "[ngspice] %s\n", line.c_str());
    if (c.capturing) {
        // bounded: after 20000 lines keep only error lines (a long run of gmin chatter must not
        // grow without limit, but its final error must survive)
        if (c.captured.size() < 20000 ||
            (c.captured.size() < 40000 && is_error_text(split_stream(line).second)))
            c.captured.push_back(line);
        else
            ++c.captured_dropped;
    }
    c.ring.push_back(std::move(line));
    while (c.ring.size() > c.ring_capacity) c.ring.pop_front();
    return 0;
}

int cb_send_stat(char* str, int, void*) {
    if (!str) return 0;
    // "tran: 12.3%"; "--ready--" and "Source Deck" carry no number.
    const char* pct = std::strrchr(str, '%');
    const char* colon = std::strrchr(str, ':');
    if (pct && colon && colon < pct) {
        char* end = nullptr;
        double v = std::strtod(colon + 1, &end);
        if (end && end != colon + 1) ngspice_process().stat_fraction.store(v / 100.0);
    }
    return 0;
}

// Called when ngspice wants to quit (fatal error or 'quit'). Never exits the host: record and
// mark the library unusable. When this happens on the background thread ngspice has already
// reported the thread as exited and will pthread_exit() it after we return.
int cb_controlled_exit(int status, NG_BOOL /*immediate*/, NG_BOOL on_quit, int, void*) {
    NgspiceProcess& c = ngspice_process();
    std::lock_guard lk(c.mu);
    c.dead = true;
    c.exit_status = status;
    c.exit_on_quit = on_quit;
    // the error lines of the operation that made ngspice give up (else of the last few lines)
    if (c.capturing)
        c.exit_context = extract_errors(c.captured, false);
    else
        c.exit_context = extract_errors(
            {c.ring.size() > 20 ? c.ring.end() - 20 : c.ring.begin(), c.ring.end()}, false);
    c.cv.notify_all();
    return 0;
}

int cb_send_data(pvecvaluesall all, int count, int, void*) {
    NgspiceProcess& c = ngspice_process();
    if (!all) return 0;
    std::lock_guard lk(c.data_mu);
    const int n = std::min(count, all->veccount);
    if (static_cast<std::size_t>(n) != c.layout.size()) {
        // A plot we were not told about (should not happen): rebuild the layout from the names.
        std::vector<std::string> names;
        for (int i = 0; i < n; ++i) names.emplace_back(all->vecsa[i]->name ? all->vecsa[i]->name : "");
        c.layout.assign(std::move(names), VectorLayout::npos);
    }
    c.buffer.resize(static_cast<std::size_t>(n));
    std::size_t scale = c.layout.scale_index();
    for (int i = 0; i < n; ++i) {
        const vecvalues* v = all->vecsa[i];
        c.buffer[static_cast<std::size_t>(i)] = v->creal;
        if (scale == VectorLayout::npos && v->is_scale) {
            scale = static_cast<std::size_t>(i);
            c.layout.assign(std::vector<std::string>(c.layout.names()), scale);
        }
    }
    const double t = scale != VectorLayout::npos ? c.buffer[scale] : kNaN;
    const std::size_t step = c.points.load(std::memory_order_relaxed);
    if (c.recorder && !c.recorder_failed) {
        Point p;
        p.time = t;
        p.step = step;
        p.layout = &c.layout;
        p.values = c.buffer.data();
        try {
            c.recorder(p);
        } catch (const std::exception& e) {
            c.recorder_failed = true;
            c.recorder_error = e.what();
        } catch (...) {
            c.recorder_failed = true;
            c.recorder_error = "unknown exception";
        }
    }
    c.last_time.store(t, std::memory_order_relaxed);
    c.points.store(step + 1, std::memory_order_release);
    return 0;
}

int cb_send_init_data(pvecinfoall info, int, void*) {
    NgspiceProcess& c = ngspice_process();
    if (!info) return 0;
    std::lock_guard lk(c.data_mu);
    std::vector<std::string> names;
    names.reserve(static_cast<std::size_t>(info->veccount));
    std::size_t scale = VectorLayout::npos;
    for (int i = 0; i < info->veccount; ++i) {
        const char* nm = info->vecs[i]->vecname;
        names.emplace_back(nm ? nm : "");
        // the scale's name comes first in struct dvec (char* v_name); compare names only
    }
    // The scale vector is flagged in SendData (is_scale); guess the usual names meanwhile.
    for (std::size_t i = 0; i < names.size(); ++i) {
        const std::string l = nwn::lower(names[i]);
        if (l == "time" || l == "frequency" || l == "v-sweep" || l == "i-sweep" ||
            l == "temp-sweep" || l == "res-sweep") {
            scale = i;
            break;
        }
    }
    c.layout.assign(std::move(names), scale);
    // sh_vecinit() puts the plot's name ("Transient Analysis") in 'name' and its type name
    // ("tran1") in 'type'
    c.layout.plot_name = info->type ? info->type : "";
    c.layout.plot_type = info->name ? info->name : "";
    c.buffer.assign(c.layout.size(), 0.0);
    if (c.layout_cb) {
        try {
            c.layout_cb(c.layout);
        } catch (const std::exception& e) {
            c.recorder_failed = true;
            c.recorder_error = std::string("layout callback: ") + e.what();
        } catch (...) {
            c.recorder_failed = true;
            c.recorder_error = "layout callback: unknown exception";
        }
    }
    return 0;
}

// The value of `V<name> ... EXTERNAL` at `time`, from the host's function; 0 V when there is none.
int cb_get_vsrc(double* value, double time, char* name, int, void*) {
    NgspiceProcess& c = ngspice_process();
    std::lock_guard lk(c.ext_mu);
    *value = c.external_source && name ? c.external_source(name, time) : 0.0;
    return 0;
}

// sharedspice.h documents the flag as "true if thread is running"; ngspice 39.3 actually passes
// true when the thread has *exited* (NGSPICE.md trap 9; sharedspice.c _thread_run).
int cb_bg_thread_running(NG_BOOL exited, int, void*) {
    NgspiceProcess& c = ngspice_process();
    std::lock_guard lk(c.mu);
    if (exited)
        ++c.bg_exits;
    else
        ++c.bg_starts;
    c.cv.notify_all();
    return 0;
}

}  // namespace

int init_ngspice(const NgspiceLibrary& lib, std::vector<std::string>& banner) {
    ngspice_process().lib = &lib;
    OutputCapture cap;
    const int rc = lib.api.ngSpice_Init(cb_send_char, cb_send_stat, cb_controlled_exit, cb_send_data, cb_send_init_data,
                                        cb_bg_thread_running, nullptr);
    // Only EXTERNAL sources call back; decks without them run as before.
    if (rc == 0) {
        static int ident = 0;
        lib.api.ngSpice_Init_Sync(cb_get_vsrc, nullptr, nullptr, &ident, nullptr);
    }
    banner = cap.take();
    return rc;
}

int ng_command(const std::string& cmd) {
    std::vector<char> buf(cmd.begin(), cmd.end());
    buf.push_back('\0');
    return ng().ngSpice_Command(buf.data());
}

OutputCapture::OutputCapture() {
    NgspiceProcess& c = ngspice_process();
    std::lock_guard lk(c.mu);
    c.captured.clear();
    c.captured_dropped = 0;
    c.capturing = true;
}

std::vector<std::string> OutputCapture::take() {
    NgspiceProcess& c = ngspice_process();
    std::lock_guard lk(c.mu);
    c.capturing = false;
    return std::move(c.captured);
}

}  // namespace nwn::engine::detail
