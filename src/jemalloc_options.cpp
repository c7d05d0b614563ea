// jemalloc's options for the scrutineer binary, read by jemalloc when it
// starts (MALLOC_CONF in the environment still overrides them, except the
// two decays that `serve` sets once it has started: see below).
//
// thp:always asks the kernel for transparent huge pages (2 MiB) for the
// heap, where it allows them on request (`madvise`, Debian's default).
// A build touches about 450 MB of fresh memory; in 4 KiB pages that is
// some 170,000 page faults at 10,000 recommendations, and on a virtual
// machine each fault is dear: with huge pages, 33,000 faults, and the
// build's wall time fell by a fifth (bench/README.md, 2026-11-27).
//
// narenas:1 has every thread allocate from one arena (each keeps its own
// cache of small blocks, so they seldom wait for one another). With an
// arena per thread, as by default, a page's data freed on the thread that
// did not allocate it went back to the other arena, each arena grew and
// returned pages to the kernel on its own (1,300 madvise calls, most of a
// few KiB inside huge pages, which the kernel then splits), and faults
// rose from 5,000 to 21,000: the 10,000 build took a quarter longer
// (bench/README.md, 2026-11-27, second session). ParallelFor runs at most 16
// threads.
//
// dirty_decay_ms:300000 keeps freed pages for reuse for minutes rather than
// the default ten seconds. Handing freed pages back to the kernel a few at a
// time splits each huge page they lie in, and the records read on every
// page then sit in 4 KiB pages: at 100,000 recommendations a build split
// 1,090 huge pages, three quarters of the heap was left in small pages, and
// rendering the pages took four times as long (100 s, against 30 s with the
// pages kept; 80 splits). Peak memory is the same either way (the freed
// pages are reused), and so is the 10,000 build's time (bench/README.md,
// 2026-11-27, fourth session). `serve` lives on and rebuilds, and with
// freed pages kept for minutes it grew by 50-100 MB a rebuild at 10,000
// (from 442 MB to 1,146 MB in eight edits, against 660 MB with the
// default): it goes back to the default (ReturnFreedPagesLazily). With that
// default, pages are handed back at once after the ten seconds, and the
// next rebuild faults fresh ones in, which on a virtual machine is dear.
// Handed back with MADV_FREE instead (muzzy_decay_ms), a page stays the
// process's until the kernel needs the memory, and is reused without a
// fault: over 24 edits at 10,000, 3 s apart, the median rebuild took 324 ms
// against 396 ms, and serve held 700-800 MB against 530-920 MB (550-650 MB
// by the end), about 90 MB of it the kernel's to take at any time
// (bench/README.md, 2026-11-27, fifth session).
#include "jemalloc_options.h"

#include <jemalloc/jemalloc.h>
#include <sys/types.h>

#include <string>

extern "C" {
// NOLINTNEXTLINE(readability-identifier-naming): jemalloc's own name.
extern const char* malloc_conf;
const char* malloc_conf =
    "thp:always,metadata_thp:always,narenas:1,dirty_decay_ms:300000";
}

namespace scrutineer {

namespace {

// Sets the decay `kind` ("dirty" or "muzzy") of arenas made from now on,
// then of each one there is (an index with no arena yet answers an error).
void SetDecay(const std::string& kind, ssize_t decay_ms) {
  const std::string suffix = "." + kind + "_decay_ms";
  mallctl(("arenas" + suffix).c_str(), nullptr, nullptr, &decay_ms,
          sizeof decay_ms);
  unsigned arenas = 0;
  size_t size = sizeof arenas;
  if (mallctl("arenas.narenas", &arenas, &size, nullptr, 0) != 0) return;
  for (unsigned i = 0; i < arenas; ++i) {
    const std::string name = "arena." + std::to_string(i) + suffix;
    mallctl(name.c_str(), nullptr, nullptr, &decay_ms, sizeof decay_ms);
  }
}

}  // namespace

void ReturnFreedPagesLazily() {
  SetDecay("dirty", 10000);   // jemalloc's default
  SetDecay("muzzy", 300000);  // jemalloc's default is 0: MADV_DONTNEED
}

}  // namespace scrutineer
