/* Linked into every executable and module of a sanitized build (cmake/Sanitizers.cmake).
 *
 * With gcc's ASan + UBSan two runtimes are loaded, libasan first. libubsan reads
 * UBSAN_OPTIONS=log_path but sets it through __sanitizer_set_report_path, which the dynamic linker
 * binds to libasan's copy: UBSan reports then always go to stderr, where a test that swallows a
 * child's stderr (or only checks that a command failed) would lose them. This hands libubsan its
 * log_path directly, so scripts/test-sanitizers.sh finds every report in its log directory. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <stdlib.h>
#include <string.h>

__attribute__((constructor)) static void nwn_ubsan_log_path(void) {
    const char* opts = getenv("UBSAN_OPTIONS");
    if (!opts) return;
    const char* p = opts;
    const char* found = NULL;
    while ((p = strstr(p, "log_path=")) != NULL) {
        if (p == opts || p[-1] == ':' || p[-1] == ' ') found = p + strlen("log_path=");  // the last wins, as in the runtime
        p += 1;
    }
    if (!found) return;
    char path[4096];
    size_t n = strcspn(found, ": ");
    if (n == 0 || n >= sizeof path) return;
    memcpy(path, found, n);
    path[n] = '\0';
    void* ubsan = dlopen("libubsan.so.1", RTLD_NOLOAD | RTLD_LAZY);
    if (!ubsan) return;
    /* ISO C has no void* to function pointer conversion (-Wpedantic); POSIX guarantees the
     * representations agree, so the bytes are copied. */
    void* sym = dlsym(ubsan, "__sanitizer_set_report_path");
    void (*set_path)(const char*) = NULL;
    if (sym) memcpy(&set_path, &sym, sizeof set_path);
    if (set_path) set_path(path);
    dlclose(ubsan);  /* drops only the reference RTLD_NOLOAD took */
}
