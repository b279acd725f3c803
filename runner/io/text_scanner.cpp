#include "runner/io/text_scanner.h"

#include <cctype>

namespace nwn::io::detail {

TextScanner::TextScanner(std::istream& in, std::uint64_t offset, std::size_t line)
    : in_(in), buf_(1 << 16), offset_(offset), line_(line), line_known_(line != 0) {
    in_.clear();
    in_.seekg(static_cast<std::streamoff>(offset));
}

int TextScanner::peek() {
    if (pos_ == len_) {
        if (!in_) return -1;
        in_.read(buf_.data(), static_cast<std::streamsize>(buf_.size()));
        len_ = static_cast<std::size_t>(in_.gcount());
        pos_ = 0;
        if (len_ == 0) return -1;
    }
    return static_cast<unsigned char>(buf_[pos_]);
}

int TextScanner::get() {
    int c = peek();
    if (c >= 0) {
        ++pos_;
        ++offset_;
        if (c == '\n') ++line_;
    }
    return c;
}

bool TextScanner::next() {
    token_.clear();
    int c;
    while ((c = peek()) >= 0 && std::isspace(c)) get();
    if (c < 0) return false;
    token_offset_ = offset_;
    token_line_ = line_;
    while ((c = peek()) >= 0 && !std::isspace(c)) token_.push_back(static_cast<char>(get()));
    token_at_eof_ = c < 0;
    return true;
}

}  // namespace nwn::io::detail
