// Internal to nwn_io. Whitespace-separated tokens from a byte offset onwards, with line numbers for error
// messages. Reads through a fixed buffer so ASCII raw files of any size stream in constant memory.
#pragma once
#include <cstdint>
#include <istream>
#include <string>
#include <string_view>
#include <vector>

namespace nwn::io::detail {

class TextScanner {
public:
    // `line` is the line number at `offset`, 0 when unknown (then token_line() stays 0).
    TextScanner(std::istream& in, std::uint64_t offset, std::size_t line);

    // Advances to the next token; false at end of input.
    bool next();
    std::string_view token() const { return token_; }
    std::uint64_t token_offset() const { return token_offset_; }
    std::size_t token_line() const { return line_known_ ? token_line_ : 0; }
    // True when the input ended right after the token, i.e. the token may have been cut short.
    bool token_at_eof() const { return token_at_eof_; }

private:
    int get();
    int peek();

    std::istream& in_;
    std::vector<char> buf_;
    std::size_t pos_ = 0, len_ = 0;
    std::uint64_t offset_;
    std::size_t line_;
    bool line_known_;
    std::string token_;
    std::uint64_t token_offset_ = 0;
    std::size_t token_line_ = 0;
    bool token_at_eof_ = false;
};

}  // namespace nwn::io::detail
