// ParallelFor: one function called for every index of a range, on all cores.
// The load stage parses files with it and the render stage renders pages.
//
// The order in which indexes run is unspecified, so callers stay
// deterministic the same way everywhere: the call for index i writes only
// slot i of a vector sized beforehand, and the caller combines the slots in
// index order once ParallelFor returns.
#ifndef SCRUTINEER_UTIL_PARALLEL_FOR_H_
#define SCRUTINEER_UTIL_PARALLEL_FOR_H_

#include <cstddef>
#include <functional>
#include <vector>

namespace scrutineer {

/// More threads than this help no stage: rendering is bound by memory
/// allocation well before, and each thread keeps a page's data alive.
inline constexpr unsigned kMaxParallelThreads = 16;

/// Fewer items than this per thread, and starting the threads costs more
/// than they save (a thread costs about as much as parsing a small record).
inline constexpr size_t kMinItemsPerThread = 4;

/// The threads ParallelFor uses for `count` items: one per core, at most
/// kMaxParallelThreads, and 1 on a one-core machine or for few items.
unsigned ParallelThreadCount(size_t count);

/// Calls body(i) once for every i in [0, count), from `threads` threads
/// (the calling thread is one of them), and returns when every call has
/// returned. `body` must be safe to call concurrently for different i.
/// With threads <= 1 the calls run in order on the calling thread. When a
/// thread cannot be started the others take its share. When a call throws,
/// the threads stop taking new indexes, and once the calls still running
/// have returned, the exception of the lowest index that threw is rethrown
/// here.
void ParallelFor(size_t count, unsigned threads,
                 const std::function<void(size_t)>& body);

/// The indexes [0, count) dealt out from `stretches` equal stretches in
/// turn: the first of each stretch, then the second of each, and so on.
/// Threads that take items in this order work mostly in stretches of their
/// own, away from one another, where neighbouring items share something
/// that one thread at a time may hold (a folder's lock, as the pages of a
/// review's recommendations share their folder). With `stretches` of 0 or
/// 1, the indexes in order.
std::vector<size_t> DealtOut(size_t count, size_t stretches);

/// ParallelFor with ParallelThreadCount(count) threads.
inline void ParallelFor(size_t count, const std::function<void(size_t)>& body) {
  ParallelFor(count, ParallelThreadCount(count), body);
}

}  // namespace scrutineer

#endif  // SCRUTINEER_UTIL_PARALLEL_FOR_H_
