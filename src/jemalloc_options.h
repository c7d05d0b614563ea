// What the scrutineer binary asks of jemalloc (jemalloc_options.cpp), for
// main.cpp to call when the binary is linked with it (SCRUTINEER_JEMALLOC).
#ifndef SCRUTINEER_JEMALLOC_OPTIONS_H_
#define SCRUTINEER_JEMALLOC_OPTIONS_H_

namespace scrutineer {

/// For a process that lives on and rebuilds (serve): freed pages are kept
/// for jemalloc's default ten seconds rather than the minutes a one-off
/// build keeps them for, then handed back lazily (MADV_FREE) for five
/// minutes: the kernel takes them only when it needs the memory, and until
/// then a rebuild reuses them without a page fault. Set after jemalloc has
/// read MALLOC_CONF, so these two settings win over it.
void ReturnFreedPagesLazily();

}  // namespace scrutineer

#endif  // SCRUTINEER_JEMALLOC_OPTIONS_H_
