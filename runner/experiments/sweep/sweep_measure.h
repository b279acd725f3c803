// `.meas tran` statements evaluated by nwn on a recorded run (timeseries.csv), with ngspice 39's own
// semantics (src/frontend/com_measure2.c: sample values, linear interpolation of crossings, its
// rise/fall/cross counting, trapezoid AVG, Simpson INTEG/RMS). This file parses the statements and finds
// their vectors in the run; the functions themselves are runner/analysis/measure.
//
// Why not ngspice's own .meas: `ngspice -b -r` refuses measurements ("No .measure possible in batch
// mode with -r rawfile"), and libngspice runs them on what it keeps in memory, which is nothing under
// nwn's streaming `.save none` (it then prints 0 for every measure). Evaluating the same statements
// on the streamed time series gives ngspice's numbers (tests/cosim compares them) for either engine.
//
// Supported forms (keywords in any case; VAL/AT/FROM/TO/TD take numbers with SPICE suffixes):
//   NAME TRIG vec VAL=x [TD=t] RISE|FALL|CROSS=n|LAST  (or TRIG AT=t)  TARG vec VAL=x [TD=t] RISE|FALL|CROSS=...
//   NAME WHEN vec=x|vec=vec2 [TD=t] [FROM=t] [TO=t] [RISE|FALL|CROSS=n|LAST]
//   NAME FIND vec WHEN vec2=x ...     NAME FIND vec AT=t
//   NAME MIN|MAX|MIN_AT|MAX_AT|AVG|PP|RMS|INTEG vec [FROM=t] [TO=t]
// As in ngspice, TD delays WHEN, FIND...WHEN and TRIG/TARG only; the other functions use FROM/TO.
// Vectors: columns of the time series by name (v(out), i(vsense), v(x1.l5), G), a bare node name
// (out = v(out)), or v(a,b) = v(a) - v(b). Anything else (DERIV, PARAM, expressions, {params}) is a
// clear error at parse time, before any simulation. One deliberate difference: a FROM/TO window
// without samples gives NaN (an empty cell), where ngspice prints 0 for MIN/MAX/AVG/INTEG.
#pragma once
#include <string>
#include <vector>

#include "runner/io/timeseries_csv.h"

namespace nwn::exp {

struct Measure {
    std::string name;       // lower case, as ngspice reports it
    std::string statement;  // the words after ".meas tran", for messages and sweep identity
    std::vector<std::string> words;  // tokens with "key=value" joined
};

// words: "NAME FUNCTION ..." (what follows ".meas tran"). Throws nwn::Error naming the statement.
Measure parse_measure(const std::string& statement);

// The measured value, or NaN where ngspice reports the measure as failed (out of interval, never
// crossed). Throws nwn::Error when a vector is not in the series.
double evaluate_measure(const Measure& m, const io::TimeSeries& series);

// Column of `series` that a vector name refers to (see above); npos when absent.
std::size_t find_vector(const io::TimeSeries& series, const std::string& name);

}  // namespace nwn::exp
