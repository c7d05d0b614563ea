// KeepUntilExit: what a command hands to the process instead of freeing it.
//
// A build's site and page sources are millions of small allocations.
// Freeing them one by one took a tenth of a second at 10,000
// recommendations and two seconds at 100,000, on one core, after the last
// page was written; the process gives all of its memory back at once when
// it exits.
#ifndef SCRUTINEER_UTIL_KEEP_UNTIL_EXIT_H_
#define SCRUTINEER_UTIL_KEEP_UNTIL_EXIT_H_

#include <memory>

namespace scrutineer {

/// Keeps `object` alive until the process exits: it is never destroyed.
/// Only for commands that exit when they are done (build, check); serve,
/// which runs for hours, must free what it no longer needs. What is kept
/// stays reachable, so leak checkers do not report it. Safe to call from
/// several threads at once.
void KeepUntilExit(std::shared_ptr<const void> object);

}  // namespace scrutineer

#endif  // SCRUTINEER_UTIL_KEEP_UNTIL_EXIT_H_
