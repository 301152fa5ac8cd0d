#ifndef QP_MALLOC_TRIM_H
#define QP_MALLOC_TRIM_H
#include <stddef.h>

/// glibc's malloc_trim (malloc.h, which Swift's Glibc module does not export): gives freed
/// heap back to the system. Returns 1 if memory was released; does nothing elsewhere.
int qp_malloc_trim(size_t pad);

#endif
