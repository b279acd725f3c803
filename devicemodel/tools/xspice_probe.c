/* Checks that the ngspice headers and config.h we build code models with give the same struct
 * layouts as the installed ngspice: reads the device table of a .cm built by Debian (analog.cm)
 * through our SPICEdev definition and compares its instance/model sizes with our sizeof values.
 * A wrong XSPICE/CIDER/OSDI guess moves DEVinstSize and the check fails instead of memory corrupting.
 *   nwn_xspice_probe LIB.cm [LIB.cm ...]     exit 0 when every device of every library agrees */
#include <dlfcn.h>
#include <stdio.h>
#include <string.h>

#include "ngspice/ngspice.h"
#include "ngspice/devdefs.h"
#include "ngspice/mifdefs.h"

/* A function symbol of the library. ISO C has no conversion from dlsym's void* to a function
 * pointer; POSIX guarantees the representations agree, so the bytes are copied. */
typedef void* (*getter)(void);
static getter function_symbol(void* h, const char* name) {
    void* sym = dlsym(h, name);
    getter f = NULL;
    if (sym) memcpy(&f, &sym, sizeof f);
    return f;
}

static int check(const char* path) {
    void* h = dlopen(path, RTLD_NOW | RTLD_LOCAL);
    if (!h) {
        printf("%s: cannot load: %s\n", path, dlerror());
        return 1;
    }
    getter devnum = function_symbol(h, "CMdevNum");
    getter devs = function_symbol(h, "CMdevs");
    if (!devnum || !devs) {
        printf("%s: not an XSPICE code-model library (no CMdevNum/CMdevs)\n", path);
        return 1;
    }
    int n = *(int*)devnum();
    SPICEdev** table = (SPICEdev**)devs();
    int bad = 0;
    for (int i = 0; i < n; i++) {
        const SPICEdev* d = table[i];
        const char* name = d->DEVpublic.name;
        int inst = d->DEVinstSize ? *d->DEVinstSize : -1;
        int mod = d->DEVmodSize ? *d->DEVmodSize : -1;
        int ok = inst == (int)sizeof(MIFinstance) && mod == (int)sizeof(MIFmodel);
        printf("%s: %-16s instSize %d (ours %zu)  modSize %d (ours %zu)  %s\n", path, name ? name : "?",
               inst, sizeof(MIFinstance), mod, sizeof(MIFmodel), ok ? "ok" : "MISMATCH");
        bad |= !ok;
    }
    return bad;
}

int main(int argc, char** argv) {
    if (argc < 2) {
        fprintf(stderr, "usage: nwn_xspice_probe LIB.cm [LIB.cm ...]\n");
        return 2;
    }
    int bad = 0;
    for (int i = 1; i < argc; i++) bad |= check(argv[i]);
    return bad;
}
