// jemalloc's options for the scrutineer binary, read by jemalloc when it
// starts (MALLOC_CONF in the environment still overrides them).
//
// thp:always asks the kernel for transparent huge pages (2 MiB) for the
// heap, where it allows them on request (`madvise`, Debian's default).
// A build touches about 450 MB of fresh memory; in 4 KiB pages that is
// some 170,000 page faults at 10,000 recommendations, and on a virtual
// machine each fault is dear: with huge pages, 33,000 faults, and the
// build's wall time fell by a fifth (bench/README.md, 2026-11-27).
extern "C" {
// NOLINTNEXTLINE(readability-identifier-naming): jemalloc's own name.
extern const char* malloc_conf;
const char* malloc_conf = "thp:always,metadata_thp:always";
}
