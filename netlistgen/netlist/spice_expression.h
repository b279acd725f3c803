// SPICE B-source expressions: parsed into a tree, printed again in a given spelling, or evaluated.
// The SPICE dialects (dialect_spice.h) translate the junction library's equations through this, so
// every dialect prints the very tree the ngspice text parsed into.
//
// Grammar (loosest binding first; binary operators left-associative; blanks anywhere between tokens):
//   expr     := or ( '?' expr ':' expr )?                  the ternary nests to the right
//   or       := and ( ('||' | '|') and )*                   '|' read as '||' (LTspice's spelling)
//   and      := cmp ( ('&&' | '&') cmp )*                   '&' read as '&&'
//   cmp      := add ( ('>=' | '<=' | '==' | '!=' | '>' | '<') add )*
//   add      := mul ( ('+' | '-') mul )*
//   mul      := unary ( ('*' | '/') unary )*
//   unary    := ('-' | '+') unary | primary
//   primary  := '(' expr ')' | '{' name '}' | number | name | v(node[,node])
//             | if(c, a, b) | function(expr, ...)
// A number is what strtod reads plus a SPICE suffix (10k, 1meg); a bare name is a parameter (as is
// {name}); if(c, a, b) is the ternary; functions are sqrt exp abs uramp max min sgn (evaluation
// refuses others; printing keeps any name). Evaluation reads names case-insensitively. Trees deeper
// than 256 levels, and more than 1024 nested brackets, signs or branches, are refused, so that
// parsing, printing, evaluating and freeing cannot overflow the stack.
#pragma once
#include <map>
#include <string>

namespace nwn::net {

// How the spellings that differ between SPICE dialects are printed.
struct ExpressionStyle {
    bool braced_params = true;           // {vset} (ngspice) or vset
    const char* conditional = nullptr;   // nullptr: c ? a : b; else the function name of <name>(c, a, b)
    const char* logical_and = "&&";
    const char* logical_or = "||";
};

// `expr` parsed and printed in `style` with no more parentheses than the binding strengths need.
// Throws nwn::Error naming the character position on syntax errors.
std::string reprint_expression(const std::string& expr, const ExpressionStyle& style);

// Value of `expr`: `params` by name, node voltages by node name (v(a,b) = v(a) - v(b)); comparisons
// and logical operators give 1 or 0. Throws nwn::Error on syntax errors (naming the character
// position), unknown names or unknown functions.
double evaluate_expression(const std::string& expr, const std::map<std::string, double>& params,
                           const std::map<std::string, double>& nodes);

}  // namespace nwn::net
