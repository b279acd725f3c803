#include "support/skip.h"

#include <catch2/catch.hpp>

#include <cstdlib>
#include <iostream>

namespace nwn::test {

namespace {
bool g_skipped = false;
}

bool required(std::string_view capability) {
    const char* env = std::getenv("NWN_REQUIRE");
    std::string_view list = env ? env : "";
    while (!list.empty()) {
        const auto comma = list.find(',');
        auto item = list.substr(0, comma);
        while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
        while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
        if (item == capability) return true;
        if (comma == std::string_view::npos) break;
        list.remove_prefix(comma + 1);
    }
    return false;
}

void skip(std::string_view capability, const std::string& why) {
    if (required(capability))
        FAIL("'" << capability << "' is required (NWN_REQUIRE=" << std::getenv("NWN_REQUIRE") << ") but missing: " << why);
    std::cout << "SKIPPED: " << why << std::endl;
    g_skipped = true;
}

int exit_status(int catch_status) {
    if (catch_status != 0) return catch_status == kSkipExitCode ? 1 : catch_status;
    return g_skipped ? kSkipExitCode : 0;
}

}  // namespace nwn::test
