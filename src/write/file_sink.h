// FileSink: where a write-through OutputTree sends each file as the render
// stage adds it. A build's sink is its OutputFolder, which writes the file
// to disk; check's is the link checker's LinkScanner, which reads the
// page's links and ids and lets the bytes go. Either way the tree keeps
// only the paths, so that memory does not grow with the pages.
#ifndef SCRUTINEER_WRITE_FILE_SINK_H_
#define SCRUTINEER_WRITE_FILE_SINK_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace scrutineer {

class FileSink {
 public:
  virtual ~FileSink() = default;

  /// Takes the file at `path` (relative, see IsSafeOutputPath) whose bytes
  /// are the `count` pieces at `pieces`, one after another. Returns 0 or an
  /// errno. Called from several threads at once, once for each path; more
  /// than once for a path two pages share only when the sink wants the
  /// files of a failed build (below), as such a clash fails the build.
  virtual int WriteFile(const std::string& path, const std::string_view* pieces,
                        size_t count) = 0;

  /// True when the sink still wants the files of a build that has failed:
  /// a link check reports broken links alongside the build's other errors,
  /// where an output folder would only delete them. See
  /// OutputTree::StopWriting and OutputTree::Add.
  virtual bool WantsFilesOfFailedBuilds() const { return false; }
};

}  // namespace scrutineer

#endif  // SCRUTINEER_WRITE_FILE_SINK_H_
