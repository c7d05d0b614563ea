// Memory for cmark-gfm's parsing and rendering of one text, from a block
// kept by each thread. A text's parse allocates a node, a chunk or a buffer
// growth for every few bytes of Markdown (at 1,000 recommendations: 450,000
// callocs, 200,000 reallocs and 510,000 frees, 5.6% of a build's
// instructions), and frees them all again once its HTML is copied out. Here
// each is a bump of a pointer, and the whole text's memory goes back at
// once when its scope ends.
//
//   CmarkArenaScope scope;  // before anything that parses
//   cmark_parser* parser = cmark_parser_new_with_mem(options, CmarkArenaMem());
//
// Memory taken through CmarkArenaMem() outside any scope, and pointers the
// arena did not hand out, go to cmark-gfm's default allocator instead, so
// a node made by cmark_node_new() may be freed through either.
#ifndef SCRUTINEER_RENDER_CMARK_ARENA_H_
#define SCRUTINEER_RENDER_CMARK_ARENA_H_

#include <cmark-gfm.h>

#include <cstddef>

namespace scrutineer {

/// cmark-gfm's allocator interface to this thread's arena.
cmark_mem* CmarkArenaMem();

/// While one lives, CmarkArenaMem() hands out this thread's arena; when it
/// ends, everything handed out since it began is taken back. Scopes nest
/// (a link resolver may render Markdown of its own) and must end in the
/// reverse order they began, on the thread that began them.
class CmarkArenaScope {
 public:
  CmarkArenaScope();
  ~CmarkArenaScope();
  CmarkArenaScope(const CmarkArenaScope&) = delete;
  CmarkArenaScope& operator=(const CmarkArenaScope&) = delete;

 private:
  size_t block_;   // where the arena's end was when the scope began
  size_t offset_;
};

/// Bytes of arena this thread holds (for tests).
size_t CmarkArenaCapacityForTesting();

}  // namespace scrutineer

#endif  // SCRUTINEER_RENDER_CMARK_ARENA_H_
