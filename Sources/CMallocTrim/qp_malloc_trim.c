#include "qp_malloc_trim.h"
#if defined(__GLIBC__)
#include <malloc.h>
#endif

int qp_malloc_trim(size_t pad) {
#if defined(__GLIBC__)
    return malloc_trim(pad);
#else
    (void)pad;
    return 0;
#endif
}
