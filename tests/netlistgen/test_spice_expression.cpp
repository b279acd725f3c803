// The B-source expression parser, printer and evaluator on their own (the dialect tests in
// tests/cosim reach them only through whole junction libraries).
#include <catch2/catch.hpp>

#include <map>
#include <string>

#include "common/error.h"
#include "netlistgen/netlist/spice_expression.h"

using Catch::Contains;
using nwn::net::evaluate_expression;
using nwn::net::ExpressionStyle;
using nwn::net::reprint_expression;

namespace {

// The operands are small integers and halves, exact in binary: every expected value below is exact,
// so the checks compare with ==.
double eval(const std::string& expr) { return evaluate_expression(expr, {{"a", 2}, {"Vset", 0.5}}, {{"n1", 3}, {"n2", 1}}); }

std::string ngspice(const std::string& expr) { return reprint_expression(expr, ExpressionStyle{}); }

}  // namespace

TEST_CASE("expressions: precedence and associativity, evaluated and printed", "[netlist][expression]") {
    CHECK(eval("1+2*3") == 7);
    CHECK(eval("(1+2)*3") == 9);
    CHECK(eval("8/2/2") == 2);   // left-associative: (8/2)/2, not 8/(2/2)
    CHECK(eval("1-2-3") == -4);
    CHECK(eval("1+1 == 2") == 1);  // comparisons bind looser than +
    CHECK(eval("1 < 2 && 3 > 4") == 0);
    CHECK(eval("0 && 0 || 1") == 1);  // && binds tighter than ||
    CHECK(eval("0 || 1 ? 5 : 6") == 5);
    CHECK(eval("1 ? 2 : 0 ? 3 : 4") == 2);  // the ternary nests to the right (left nesting would give 3)
    // printed with only the parentheses the binding strengths need
    CHECK(ngspice("((1)) + (2*3)") == "1+2*3");
    CHECK(ngspice("(1+2)*3") == "(1+2)*3");
    CHECK(ngspice("1-(2-3)") == "1-(2-3)");
    CHECK(ngspice("(1-2)-3") == "1-2-3");
    CHECK(ngspice("(a > 1) ? (2) : 3") == "{a}>1 ? 2 : 3");
}

TEST_CASE("expressions: unary minus and plus", "[netlist][expression]") {
    CHECK(eval("-2*3") == -6);
    CHECK(eval("2*-3") == -6);
    CHECK(eval("- -2") == 2);
    CHECK(eval("+2") == 2);
    CHECK(eval("-(1+2)") == -3);
    CHECK(eval("-a") == -2);
    CHECK(ngspice("-(1+2)") == "-(1+2)");
    CHECK(ngspice("-(a)") == "-{a}");
}

TEST_CASE("expressions: numbers, names, node voltages and functions", "[netlist][expression]") {
    CHECK(eval("10k") == 10000);
    CHECK(eval("1meg") == 1e6);
    CHECK(eval(".5") == 0.5);
    CHECK(eval("{A} + VSET") == 2.5);  // names are case-insensitive, braced or bare
    CHECK(eval("v(n1,n2)") == 2);
    CHECK(eval("V(N1)") == 3);
    CHECK(eval("sqrt(4) + exp(0) + abs(-3)") == 6);
    CHECK(eval("uramp(-1) + uramp(2)") == 2);
    CHECK(eval("max(1, 2) - min(1, 2)") == 1);
    CHECK(eval("sgn(-5) + sgn(0) + sgn(0.5)") == 0);
    CHECK(eval("if(v(n1) > 2, 7, 8)") == 7);
    CHECK(ngspice("if(1, 2, 3)") == "1 ? 2 : 3");
    CHECK(ngspice("Max(a, v(n1,n2))") == "max({a}, v(n1,n2))");
    CHECK(ngspice("foo(1)") == "foo(1)");  // printing keeps any function; evaluating refuses it
    CHECK_THROWS_WITH(eval("foo(1)"), Contains("unknown function foo()"));
    CHECK_THROWS_WITH(eval("b + 1"), Contains("no parameter 'b'"));
    CHECK_THROWS_WITH(eval("v(n3)"), Contains("no node 'n3'"));
}

TEST_CASE("expressions: a dialect's spelling", "[netlist][expression]") {
    ExpressionStyle style;
    style.braced_params = false;
    style.conditional = "IF";
    style.logical_and = "&";
    style.logical_or = "|";
    CHECK(reprint_expression("{a} > 1 && {b} ? 1 : 0 || 2", style) == "IF(a>1&b, 1, 0|2)");
    // LTspice's '&' and '|' are read back as && and ||
    CHECK(ngspice("a & b | c") == "{a}&&{b}||{c}");
    // a ternary inside a product needs brackets as ?:, none as a function
    CHECK(ngspice("2*(a ? 1 : 0)") == "2*({a} ? 1 : 0)");
    CHECK(reprint_expression("2*(a ? 1 : 0)", style) == "2*IF(a, 1, 0)");
}

TEST_CASE("expressions: syntax errors name the character position", "[netlist][expression]") {
    CHECK_THROWS_WITH(eval("1 +"), Contains("at character 3: expression ends early"));
    CHECK_THROWS_WITH(eval("1 2"), Contains("at character 2: unexpected '2'"));
    CHECK_THROWS_WITH(eval("(1"), Contains("at character 2: missing ')'"));
    CHECK_THROWS_WITH(eval("1 ? 2"), Contains("'?' without ':'"));
    CHECK_THROWS_WITH(eval("if(1, 2)"), Contains("if() takes three arguments"));
    CHECK_THROWS_WITH(eval("v(a,b,c)"), Contains("malformed v(...)"));
    CHECK_THROWS_WITH(eval("{a"), Contains("malformed {parameter}"));
    CHECK_THROWS_WITH(reprint_expression("1 * # 2", ExpressionStyle{}), Contains("at character 4: unexpected '#'"));
    CHECK_THROWS_AS(eval(""), nwn::Error);
}
