#include "netlistgen/netlist/spice_expression.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <initializer_list>
#include <memory>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "common/text_parse.h"

namespace nwn::net {

namespace {

struct Node {
    enum class Kind { Num, Param, Volt, Call, Unary, Binary, Cond } kind;
    std::string text;                        // number text, parameter or function name, operator
    std::vector<std::string> nodes;          // Volt: one or two node names
    std::vector<std::unique_ptr<Node>> kids;
    int depth = 1;  // of the tree below, printing, evaluating and freeing recurse this deep
};
using NodePtr = std::unique_ptr<Node>;

NodePtr make(Node::Kind k, std::string text) {
    auto n = std::make_unique<Node>();
    n->kind = k;
    n->text = std::move(text);
    return n;
}

// Deeper trees (nesting or operator chains) are refused rather than overflowing the stack of the
// recursive printer, evaluator and destructor; the junction library's deepest is about a dozen. The
// descent itself recurses up to twice per tree level in printed text (a bracket or if( each), so its
// own bound is wider: whatever tree is accepted, its translation parses again.
constexpr int kMaxDepth = 256;
constexpr int kMaxNesting = 4 * kMaxDepth;

class Parser {
public:
    explicit Parser(const std::string& s) : s_(s) {}

    NodePtr parse() {
        auto n = conditional();
        skip();
        if (p_ != s_.size()) fail("unexpected '" + s_.substr(p_, 12) + "'");
        return n;
    }

private:
    [[noreturn]] void fail(const std::string& why) const {
        throw Error("B-source expression, at character " + std::to_string(p_) + ": " + why + " in: " +
                    s_.substr(0, 120) + (s_.size() > 120 ? "..." : ""));
    }
    void skip() {
        while (p_ < s_.size() && std::isspace(static_cast<unsigned char>(s_[p_]))) ++p_;
    }
    bool eat(const char* op) {
        skip();
        const std::size_t n = std::char_traits<char>::length(op);
        if (s_.compare(p_, n, op) != 0) return false;
        // '&' must not swallow the first half of '&&', nor '<' the first half of '<='
        if (n == 1 && p_ + 1 < s_.size() && (s_[p_ + 1] == op[0] || s_[p_ + 1] == '=') &&
            std::string("&|<>=!").find(op[0]) != std::string::npos)
            return false;
        p_ += n;
        return true;
    }
    std::string word() {
        skip();
        const std::size_t b = p_;
        while (p_ < s_.size() && (std::isalnum(static_cast<unsigned char>(s_[p_])) || s_[p_] == '_' || s_[p_] == '.'))
            ++p_;
        return s_.substr(b, p_ - b);
    }
    NodePtr binary(NodePtr l, const std::string& op, NodePtr r) {
        auto n = make(Node::Kind::Binary, op);
        n->kids.push_back(std::move(l));
        n->kids.push_back(std::move(r));
        return grown(std::move(n));
    }
    NodePtr grown(NodePtr n) const {
        for (const auto& k : n->kids) n->depth = std::max(n->depth, k->depth + 1);
        if (n->depth > kMaxDepth) fail("expression nested more than " + std::to_string(kMaxDepth) + " levels deep");
        return n;
    }
    // Counts the recursion of the descent itself: "((((1))))" builds one node but recurses once per '('.
    struct Nesting {
        explicit Nesting(Parser& p) : p_(p) {
            if (++p_.nesting_ > kMaxNesting)
                p_.fail("expression nested more than " + std::to_string(kMaxNesting) +
                        " brackets, signs or branches deep");
        }
        ~Nesting() { --p_.nesting_; }
        Parser& p_;
    };

    NodePtr conditional() {
        const Nesting guard(*this);
        auto c = logical_or();
        if (!eat("?")) return c;
        auto a = conditional();
        if (!eat(":")) fail("'?' without ':'");
        auto b = conditional();
        auto n = make(Node::Kind::Cond, "?");
        n->kids.push_back(std::move(c));
        n->kids.push_back(std::move(a));
        n->kids.push_back(std::move(b));
        return grown(std::move(n));
    }
    NodePtr logical_or() {
        auto l = logical_and();
        while (eat("||") || eat("|")) l = binary(std::move(l), "||", logical_and());
        return l;
    }
    NodePtr logical_and() {
        auto l = comparison();
        while (eat("&&") || eat("&")) l = binary(std::move(l), "&&", comparison());
        return l;
    }
    // One level of left-associative operators: operand (op operand)*, the first of `ops` that matches
    // taken at each step (so longer spellings go first).
    NodePtr left_assoc(NodePtr (Parser::*operand)(), std::initializer_list<const char*> ops) {
        auto l = (this->*operand)();
        for (;;) {
            const char* op = nullptr;
            for (const char* o : ops)
                if (eat(o)) {
                    op = o;
                    break;
                }
            if (!op) return l;
            l = binary(std::move(l), op, (this->*operand)());
        }
    }
    NodePtr comparison() { return left_assoc(&Parser::additive, {">=", "<=", "==", "!=", ">", "<"}); }
    NodePtr additive() { return left_assoc(&Parser::multiplicative, {"+", "-"}); }
    NodePtr multiplicative() { return left_assoc(&Parser::unary, {"*", "/"}); }
    NodePtr unary() {
        const Nesting guard(*this);
        if (eat("-") || eat("+")) {
            auto n = make(Node::Kind::Unary, std::string(1, s_[p_ - 1]));
            n->kids.push_back(unary());
            return grown(std::move(n));
        }
        return primary();
    }
    NodePtr primary() {
        skip();
        if (p_ >= s_.size()) fail("expression ends early");
        if (eat("(")) {
            auto n = conditional();
            if (!eat(")")) fail("missing ')'");
            return n;
        }
        if (eat("{")) {  // ngspice parameter reference
            auto n = make(Node::Kind::Param, word());
            if (n->text.empty() || !eat("}")) fail("malformed {parameter}");
            return n;
        }
        if (std::isdigit(static_cast<unsigned char>(s_[p_])) || s_[p_] == '.') {
            const char* b = s_.c_str() + p_;
            char* e = nullptr;
            std::strtod(b, &e);
            std::size_t n = static_cast<std::size_t>(e - b);
            while (p_ + n < s_.size() && std::isalpha(static_cast<unsigned char>(s_[p_ + n]))) ++n;  // 10k, 1meg
            auto num = make(Node::Kind::Num, s_.substr(p_, n));
            p_ += n;
            return num;
        }
        const std::string w = word();
        if (w.empty()) fail("unexpected '" + s_.substr(p_, 1) + "'");
        if (!eat("(")) return make(Node::Kind::Param, w);
        if (lower(w) == "v") {
            auto n = make(Node::Kind::Volt, "v");
            do n->nodes.push_back(word());
            while (eat(","));
            if (!eat(")") || n->nodes.size() > 2 || n->nodes[0].empty()) fail("malformed v(...)");
            return n;
        }
        std::vector<NodePtr> args;
        do args.push_back(conditional());
        while (eat(","));
        if (!eat(")")) fail("missing ')' after the arguments of " + w);
        if (lower(w) == "if") {
            if (args.size() != 3) fail("if() takes three arguments");
            auto n = make(Node::Kind::Cond, "?");
            n->kids = std::move(args);
            return grown(std::move(n));
        }
        auto n = make(Node::Kind::Call, lower(w));
        n->kids = std::move(args);
        return grown(std::move(n));
    }

    const std::string& s_;
    std::size_t p_ = 0;
    int nesting_ = 0;
};

// Binding strength, for printing no more parentheses than needed.
int level(const Node& n, const ExpressionStyle& style) {
    switch (n.kind) {
        case Node::Kind::Cond: return style.conditional ? 9 : 1;
        case Node::Kind::Unary: return 7;
        case Node::Kind::Binary:
            if (n.text == "||") return 2;
            if (n.text == "&&") return 3;
            if (n.text == "+" || n.text == "-") return 5;
            if (n.text == "*" || n.text == "/") return 6;
            return 4;
        default: return 9;
    }
}

// Whether `s` ends in a number whose last letter strtod would take for an exponent ("1e", "0x1p").
bool ends_in_exponent_letter(const std::string& s) {
    std::size_t b = s.size();
    while (b > 0 && (std::isalnum(static_cast<unsigned char>(s[b - 1])) || s[b - 1] == '.' || s[b - 1] == '_')) --b;
    return b < s.size() && (std::isdigit(static_cast<unsigned char>(s[b])) || s[b] == '.') &&
           std::string_view("eEpP").find(s.back()) != std::string_view::npos;
}

std::string print(const Node& n, const ExpressionStyle& style) {
    auto child = [&](const Node& c, int min_level) {
        const std::string s = print(c, style);
        return level(c, style) < min_level ? "(" + s + ")" : s;
    };
    switch (n.kind) {
        case Node::Kind::Num: return n.text;
        case Node::Kind::Param: return style.braced_params ? "{" + n.text + "}" : n.text;
        case Node::Kind::Volt: return "v(" + n.nodes[0] + (n.nodes.size() > 1 ? "," + n.nodes[1] : "") + ")";
        case Node::Kind::Call: {
            std::string s = n.text + "(";
            for (std::size_t i = 0; i < n.kids.size(); ++i) s += (i ? ", " : "") + print(*n.kids[i], style);
            return s + ")";
        }
        case Node::Kind::Unary: return n.text + child(*n.kids[0], 8);
        case Node::Kind::Binary: {
            const int l = level(n, style);
            std::string op = n.text;
            if (op == "&&") op = style.logical_and;
            if (op == "||") op = style.logical_or;
            std::string left = child(*n.kids[0], l);
            // "1e" (1 with a letter suffix) then "-100" would read back as the number 1e-100
            if ((op == "+" || op == "-") && ends_in_exponent_letter(left)) left += ' ';
            return left + op + child(*n.kids[1], l + 1);
        }
        case Node::Kind::Cond:
            if (!style.conditional)
                return child(*n.kids[0], 2) + " ? " + child(*n.kids[1], 2) + " : " + child(*n.kids[2], 1);
            return std::string(style.conditional) + "(" + print(*n.kids[0], style) + ", " + print(*n.kids[1], style) +
                   ", " + print(*n.kids[2], style) + ")";
    }
    return {};
}

double eval(const Node& n, const std::map<std::string, double>& params, const std::map<std::string, double>& nodes) {
    auto k = [&](std::size_t i) { return eval(*n.kids[i], params, nodes); };
    auto lookup = [](const std::map<std::string, double>& m, const std::string& name, const char* what) {
        auto it = m.find(lower(name));
        if (it == m.end()) throw Error(std::string("no ") + what + " '" + name + "'");
        return it->second;
    };
    switch (n.kind) {
        case Node::Kind::Num: return nwn::parse_spice_number(n.text);
        case Node::Kind::Param: return lookup(params, n.text, "parameter");
        case Node::Kind::Volt:
            return lookup(nodes, n.nodes[0], "node") - (n.nodes.size() > 1 ? lookup(nodes, n.nodes[1], "node") : 0.0);
        case Node::Kind::Unary: return n.text == "-" ? -k(0) : k(0);
        case Node::Kind::Cond: return k(0) != 0 ? k(1) : k(2);
        case Node::Kind::Call:
            if (n.text == "sqrt") return std::sqrt(k(0));
            if (n.text == "exp") return std::exp(k(0));
            if (n.text == "abs") return std::abs(k(0));
            if (n.text == "uramp") return std::max(0.0, k(0));
            if (n.text == "max") return std::max(k(0), k(1));
            if (n.text == "min") return std::min(k(0), k(1));
            if (n.text == "sgn") {  // ngspice's, LTspice's and Xyce's sgn: 0 at 0
                const double x = k(0);
                return x > 0 ? 1.0 : x < 0 ? -1.0 : 0.0;
            }
            throw Error("unknown function " + n.text + "()");
        case Node::Kind::Binary: {
            const double a = k(0), b = k(1);
            const std::string& op = n.text;
            if (op == "+") return a + b;
            if (op == "-") return a - b;
            if (op == "*") return a * b;
            if (op == "/") return a / b;
            if (op == ">=") return a >= b;
            if (op == "<=") return a <= b;
            if (op == ">") return a > b;
            if (op == "<") return a < b;
            if (op == "==") return a == b;
            if (op == "!=") return a != b;
            if (op == "&&") return a != 0 && b != 0;
            if (op == "||") return a != 0 || b != 0;
        }
    }
    throw Error("cannot evaluate '" + n.text + "'");
}

}  // namespace

std::string reprint_expression(const std::string& expr, const ExpressionStyle& style) {
    return print(*Parser(expr).parse(), style);
}

double evaluate_expression(const std::string& expr, const std::map<std::string, double>& params,
                           const std::map<std::string, double>& nodes) {
    std::map<std::string, double> p, v;
    for (const auto& [k, x] : params) p[lower(k)] = x;
    for (const auto& [k, x] : nodes) v[lower(k)] = x;
    return eval(*Parser(expr).parse(), p, v);
}

}  // namespace nwn::net
