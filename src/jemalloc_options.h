// What the scrutineer binary asks of jemalloc (jemalloc_options.cpp), for
// main.cpp to call when the binary is linked with it (SCRUTINEER_JEMALLOC).
#ifndef SCRUTINEER_JEMALLOC_OPTIONS_H_
#define SCRUTINEER_JEMALLOC_OPTIONS_H_

namespace scrutineer {

/// Gives freed pages back to the kernel over jemalloc's default ten
/// seconds rather than the minutes a one-off build keeps them for: for a
/// process that lives on and rebuilds (serve).
void ReturnFreedPagesSooner();

}  // namespace scrutineer

#endif  // SCRUTINEER_JEMALLOC_OPTIONS_H_
