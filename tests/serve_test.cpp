// End-to-end tests of `scrutineer serve`: the binary runs as a child
// process on an ephemeral loopback port; the tests fetch pages, send
// traversal attempts as raw bytes, follow the live-reload event stream,
// edit, break and fix records on disk, crawl the site under a sub-path, and
// stop the server with Ctrl-C (SIGINT). Every wait is bounded.
#include <gtest/gtest.h>
#include <httplib.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <deque>
#include <map>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include "link/html_links.h"
#include "preview_client.h"
#include "test_site.h"

namespace scrutineer {
namespace {

using testing_support::CopySite;
using testing_support::EventStream;
using testing_support::Eventually;
using testing_support::RawStatus;
using testing_support::ReadFile;
using testing_support::RunResult;
using testing_support::RunScrutineer;
using testing_support::ScratchFolder;
using testing_support::ServeProcess;
using testing_support::WriteFile;
namespace fs = std::filesystem;

class ServeTest : public ::testing::Test {
 protected:
  // Starts serve on the site and returns its port (0 on failure).
  int Start(std::vector<std::string> arguments = {}) {
    arguments.insert(arguments.begin(), {"--port", "0"});
    server_ = std::make_unique<ServeProcess>(site_, arguments,
                                             scratch_.path() / "stderr");
    std::string port =
        server_->WaitForOutput("Serving \\. at http://127\\.0\\.0\\.1:(\\d+)/",
                               std::chrono::seconds(20));
    return port.empty() ? 0 : std::stoi(port);
  }

  httplib::Result Get(int port, const std::string& path) {
    httplib::Client client("127.0.0.1", port);
    client.set_connection_timeout(2);
    client.set_read_timeout(5);
    return client.Get(path.c_str());
  }

  std::string Stderr() { return ReadFile(scratch_.path() / "stderr"); }

  // Saves `text` as many editors do: written beside the site and moved
  // over `file`, so that serve never sees it half written (and builds or
  // patches once, from the edit).
  void SaveInPlace(const fs::path& file, const std::string& text) {
    const fs::path saved = scratch_.path() / "saved";
    WriteFile(saved, text);
    fs::rename(saved, file);
  }

  ScratchFolder scratch_;
  fs::path site_ = scratch_.path() / "site";
  std::unique_ptr<ServeProcess> server_;
};

TEST_F(ServeTest, ServesPagesFromMemoryWithTheReloadScript) {
  CopySite("minimal", site_);
  int port = Start();
  ASSERT_GT(port, 0) << Stderr();

  httplib::Result home = Get(port, "/");
  ASSERT_TRUE(home);
  EXPECT_EQ(home->status, 200);
  EXPECT_EQ(home->get_header_value("Content-Type"), "text/html; charset=utf-8");
  EXPECT_NE(home->body.find("<script src=\"/__scrutineer/reload.js\" "
                            "data-generation=\"0\"></script>\n</body>"),
            std::string::npos);
  httplib::Result css = Get(port, "/theme/site.css");
  ASSERT_TRUE(css);
  EXPECT_EQ(css->status, 200);
  EXPECT_EQ(css->get_header_value("Content-Type"), "text/css; charset=utf-8");
  EXPECT_EQ(css->body, ReadFile(site_ / "theme/site.css"));
  // A Range request gets the bytes asked for, as a partial answer.
  httplib::Client client("127.0.0.1", port);
  client.set_read_timeout(5);
  httplib::Result part =
      client.Get("/theme/site.css", {{"Range", "bytes=0-10"}});
  ASSERT_TRUE(part);
  EXPECT_EQ(part->status, 206);
  EXPECT_EQ(part->body, ReadFile(site_ / "theme/site.css").substr(0, 11));
  // Many ranges in one header would each be answered, with a header each:
  // a few kilobytes asked for megabytes. More than one is refused.
  std::string ranges = "bytes=0-";
  for (int i = 0; i < 500; ++i) ranges += ",0-";
  httplib::Result many = client.Get("/theme/site.css", {{"Range", ranges}});
  ASSERT_TRUE(many);
  EXPECT_EQ(many->status, 416);
  EXPECT_EQ(many->body, "");
  httplib::Result script = Get(port, "/__scrutineer/reload.js");
  ASSERT_TRUE(script);
  EXPECT_NE(script->body.find("new EventSource(\"/__scrutineer/events\")"),
            std::string::npos);
  httplib::Result folder = Get(port, "/reviews");
  ASSERT_TRUE(folder);
  EXPECT_EQ(folder->status, 302);
  EXPECT_EQ(folder->get_header_value("Location"), "/reviews/");
  httplib::Result missing = Get(port, "/reviews/nothing/");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_NE(missing->body.find("Page not found"), std::string::npos);

  // Nothing was written: the preview is built in memory.
  EXPECT_FALSE(fs::exists(site_ / "public"));
  EXPECT_EQ(server_->Interrupt(std::chrono::seconds(10)), 0);
}

// Each open tab's live-reload stream holds a worker; past a limit, a new
// stream is refused so that pages are still answered.
TEST_F(ServeTest, ManyOpenTabsLeaveWorkersForPages) {
  CopySite("minimal", site_);
  int port = Start();
  ASSERT_GT(port, 0) << Stderr();
  std::vector<int> streams;
  for (int i = 0; i < 48; ++i) {
    int fd = testing_support::ConnectLoopback(port);
    ASSERT_GE(fd, 0);
    streams.push_back(fd);
    const std::string request =
        "GET /__scrutineer/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n";
    send(fd, request.data(), request.size(), MSG_NOSIGNAL);
    // Its answer has begun: the stream holds its worker.
    char buffer[64];
    ASSERT_GT(recv(fd, buffer, sizeof buffer, 0), 0);
  }
  EXPECT_EQ(RawStatus(port, "/__scrutineer/events"), 503);
  EXPECT_EQ(RawStatus(port, "/"), 200);
  for (int fd : streams) close(fd);
  EXPECT_EQ(server_->Interrupt(std::chrono::seconds(10)), 0);
}

TEST_F(ServeTest, AnswersEveryTraversalFormWith404) {
  CopySite("minimal", site_);
  WriteFile(scratch_.path() / "secret.txt", "secret");
  int port = Start();
  ASSERT_GT(port, 0) << Stderr();
  ASSERT_EQ(RawStatus(port, "/reviews/test-review/"), 200);
  for (const char* target :
       {"/../secret.txt", "/../../etc/passwd", "/%2e%2e/secret.txt",
        "/%2E%2E/%2E%2E/etc/passwd", "/reviews/%2e%2e/%2e%2e/secret.txt",
        "/..%2fsecret.txt", "/..%2Fsecret.txt", "/..%5csecret.txt",
        "/..\\secret.txt", "/site.yaml", "/content/reviews/test-review.md",
        "/templates/layout.mustache", "/theme/site.css%00.html", "//etc/passwd",
        "/./reviews/", "/reviews//test-review/",
        "http://127.0.0.1/../secret.txt"}) {
    EXPECT_EQ(RawStatus(port, target), 404) << target;
  }
  EXPECT_EQ(server_->Interrupt(std::chrono::seconds(10)), 0);
}

// The whole live-reload loop: an open page's event stream announces each
// change; an edit shows, a broken record shows its error in the page, and
// fixing it brings the site back. New folders are watched too.
TEST_F(ServeTest, RebuildsOnEditShowsErrorsAndRecovers) {
  CopySite("minimal", site_);
  int port = Start();
  ASSERT_GT(port, 0) << Stderr();
  EventStream events(port);
  ASSERT_TRUE(events.connected());
  EXPECT_TRUE(Eventually([&] { return events.LastBuild() == 0; }));

  fs::path record = site_ / "content/reviews/test-review.md";
  std::string original = ReadFile(record);
  auto page_has = [&](int status, const std::string& text) {
    httplib::Result page = Get(port, "/reviews/test-review/");
    return page && page->status == status &&
           page->body.find(text) != std::string::npos;
  };
  ASSERT_TRUE(page_has(200, "Safeguarding &lt;Children&gt;"));

  // 1. An edit, written in place: the page changes and the tab is told.
  std::string edited =
      std::regex_replace(original, std::regex("title: Safeguarding <Children>"),
                         "title: Edited <Children>");
  ASSERT_NE(edited, original);
  WriteFile(record, edited);
  EXPECT_TRUE(
      Eventually([&] { return page_has(200, "Edited &lt;Children&gt;"); }));
  EXPECT_TRUE(Eventually([&] { return events.LastBuild() >= 1; }));
  int before_break = events.LastBuild();

  // 2. A broken record: every page shows the error, with where and why.
  WriteFile(record,
            std::regex_replace(original, std::regex("committee: test-ppc"),
                               "committee: test-ppd"));
  EXPECT_TRUE(Eventually([&] {
    return page_has(500,
                    "<code>content/reviews/test-review.md:4:12</code>: "
                    "<span class=\"severity\">error</span>: unknown "
                    "committee &apos;test-ppd&apos;");
  }));
  httplib::Result home = Get(port, "/");
  ASSERT_TRUE(home);
  EXPECT_EQ(home->status, 500);
  EXPECT_NE(home->body.find("note: did you mean &apos;test-ppc&apos;?"),
            std::string::npos);
  EXPECT_TRUE(Eventually([&] { return events.LastBuild() > before_break; }));
  // The error page carries the reload script, for the way back.
  EXPECT_NE(home->body.find("data-generation=\"" +
                            std::to_string(events.LastBuild()) + "\""),
            std::string::npos);
  int broken = events.LastBuild();

  // 3. Fixed, as many editors save: a new file renamed over the old one.
  SaveInPlace(record, original);
  EXPECT_TRUE(Eventually(
      [&] { return page_has(200, "Safeguarding &lt;Children&gt;"); }));
  EXPECT_TRUE(Eventually([&] { return events.LastBuild() > broken; }));

  // 4. A record in a folder made after the server started, written once
  // the folder's own change has been taken in: only a watch on the new
  // folder sees it.
  fs::create_directories(site_ / "content/people/guests");
  std::this_thread::sleep_for(std::chrono::milliseconds(600));
  WriteFile(site_ / "content/people/guests/new-guest.yaml",
            "id: new-guest\nname: A New Guest\n");
  EXPECT_TRUE(Eventually([&] {
    httplib::Result page = Get(port, "/people/new-guest/");
    return page && page->status == 200 &&
           page->body.find("A New Guest") != std::string::npos;
  }));

  // Ctrl-C: the server ends the open stream and exits cleanly.
  EXPECT_EQ(server_->Interrupt(std::chrono::seconds(10)), 0);
  EXPECT_TRUE(Eventually([&] { return events.ended(); }));
  EXPECT_NE(server_->WaitForOutput("Stopped", std::chrono::seconds(2)), "");
}

// After each kind of edit (fields and text, which serve patches in; a
// short link added, which it patches in with the site's references made
// anew; a record added and taken away, which it rebuilds for, taking the
// references of the records not edited from the build it serves), every
// file serve shows is the file `build` writes for the same folder, but
// for the reload script.
TEST_F(ServeTest, AfterEachEditEveryFileIsTheOneABuildWrites) {
  CopySite("minimal", site_);
  int port = Start();
  ASSERT_GT(port, 0) << Stderr();
  EventStream events(port);
  ASSERT_TRUE(events.connected());
  ASSERT_TRUE(Eventually([&] { return events.LastBuild() == 0; }));
  const fs::path run = scratch_.path() / "run";
  fs::create_directories(run);
  const std::regex reload_script(
      "<script src=\"/__scrutineer/reload\\.js\" "
      "data-generation=\"\\d+\"></script>\n");
  auto expect_as_built = [&](const std::string& what) {
    const fs::path built = scratch_.path() / "built";
    fs::remove_all(built);
    RunResult result = RunScrutineer("build --quiet --source site --out built",
                                     scratch_.path(), run);
    ASSERT_EQ(result.exit_code, 0) << what << ": " << result.err;
    int files = 0;
    for (const auto& entry : fs::recursive_directory_iterator(built)) {
      const std::string name = entry.path().filename().string();
      if (!entry.is_regular_file() || name == ".scrutineer-output") continue;
      std::string path = entry.path().lexically_relative(built).string();
      if (name == "index.html") path.resize(path.size() - name.size());
      httplib::Result page = Get(port, "/" + path);
      ASSERT_TRUE(page) << what << ": " << path;
      EXPECT_EQ(page->status, 200) << what << ": " << path;
      EXPECT_TRUE(std::regex_replace(page->body, reload_script, "") ==
                  ReadFile(entry.path()))
          << what << ": " << path;
      ++files;
    }
    EXPECT_GT(files, 30) << what;
  };
  expect_as_built("first build");

  struct Edit {
    const char* what;
    const char* file;
    const char* from;  // null: `to` is appended
    const char* to;
  };
  const Edit edits[] = {
      {"an update's date", "content/updates/test-update-2017.md",
       "date: 2017-06-20", "date: 2017-06-21"},
      {"an update's status", "content/updates/test-update-2017.md",
       "status: in-progress", "status: completed"},
      {"a paper's title", "content/papers/test-paper.md",
       "title: Safeguarding review - update of progress",
       "title: Safeguarding review - progress, revised"},
      {"a person's name", "content/people/ann-example.yaml",
       "name: Ann Example", "name: Ann Exemplar"},
      {"a paper's text (patched)", "content/papers/test-paper.md", nullptr,
       "\nOne more sentence.\n"},
      {"a short link added", "content/papers/test-paper.md", nullptr,
       "\nSee [the review](@test-review).\n"},
      {"a person added", "content/people/new-person.yaml", nullptr,
       "id: new-person\nname: A New Person\n"},
  };
  for (const Edit& edit : edits) {
    const fs::path file = site_ / edit.file;
    std::string text = fs::exists(file) ? ReadFile(file) : "";
    if (edit.from == nullptr) {
      text += edit.to;
    } else {
      const size_t at = text.find(edit.from);
      ASSERT_NE(at, std::string::npos) << edit.what;
      text.replace(at, std::string(edit.from).size(), edit.to);
    }
    const int before = events.LastBuild();
    SaveInPlace(file, text);
    ASSERT_TRUE(Eventually([&] { return events.LastBuild() > before; }))
        << edit.what << "\n"
        << Stderr();
    expect_as_built(edit.what);
  }
  const int before = events.LastBuild();
  fs::remove(site_ / "content/people/new-person.yaml");
  ASSERT_TRUE(Eventually([&] { return events.LastBuild() > before; }));
  expect_as_built("the person taken away");
  EXPECT_EQ(server_->Interrupt(std::chrono::seconds(10)), 0);
}

// The link check runs once a build is served: a broken link is reported,
// and the page with it is shown all the same. A save that changes nothing
// is taken in, but open pages are not told to reload; an edit is.
TEST_F(ServeTest, ReportsBrokenLinksAndReloadsOnlyWhatChanged) {
  CopySite("minimal", site_);
  fs::path paper = site_ / "content/papers/test-paper.md";
  std::string original = ReadFile(paper);
  std::string broken = original + "\nSee [the missing page](../../nowhere/).\n";
  WriteFile(paper, broken);
  int port = Start();
  ASSERT_GT(port, 0) << Stderr();
  EXPECT_TRUE(Eventually([&] {
    return Stderr().find("error: broken link '../../nowhere/'") !=
           std::string::npos;
  })) << Stderr();
  httplib::Result page = Get(port, "/papers/test-paper/");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EventStream events(port);
  ASSERT_TRUE(events.connected());
  EXPECT_TRUE(Eventually([&] { return events.LastBuild() == 0; }));

  WriteFile(paper, broken);
  EXPECT_NE(server_->WaitForOutput("Ctrl-C to stop\n[\\s\\S]*Nothing to update",
                                   std::chrono::seconds(10)),
            "");
  std::this_thread::sleep_for(std::chrono::milliseconds(300));
  EXPECT_EQ(events.LastBuild(), 0);

  // Only the text changed: the build is patched, not rebuilt.
  WriteFile(paper, original);
  EXPECT_TRUE(Eventually([&] { return events.LastBuild() == 1; }));
  EXPECT_NE(server_->WaitForOutput("Updated content/papers/test-paper.md",
                                   std::chrono::seconds(10)),
            "");
  // The patched build's links are checked in their turn.
  WriteFile(paper, original + "\nSee [another](../../elsewhere/).\n");
  EXPECT_TRUE(Eventually([&] {
    return Stderr().find("error: broken link '../../elsewhere/'") !=
           std::string::npos;
  })) << Stderr();
  EXPECT_EQ(events.LastBuild(), 2);
  httplib::Result patched = Get(port, "/papers/test-paper/");
  ASSERT_TRUE(patched);
  EXPECT_NE(patched->body.find("../../elsewhere/"), std::string::npos);
  EXPECT_EQ(server_->Interrupt(std::chrono::seconds(10)), 0);
}

// An edit of a field's value is patched into the build served, as a text
// edit is, and shows on every page that names the record; one that gives
// the site a page it did not have (a "what changed" page for a year no
// date fell in) is rebuilt.
TEST_F(ServeTest, PatchesAFieldEditAndRebuildsForAPageTheSiteLacked) {
  CopySite("minimal", site_);
  fs::path paper = site_ / "content/papers/test-paper.md";
  fs::path update = site_ / "content/updates/test-update-2017.md";
  std::string paper_text = ReadFile(paper);
  std::string update_text = ReadFile(update);
  int port = Start();
  ASSERT_GT(port, 0) << Stderr();
  EventStream events(port);
  ASSERT_TRUE(events.connected());
  EXPECT_TRUE(Eventually([&] { return events.LastBuild() == 0; }));
  // Pages made before the edit are made again after it.
  httplib::Result before = Get(port, "/reviews/test-review/");
  ASSERT_TRUE(before);
  EXPECT_NE(before->body.find("Safeguarding review - update of progress"),
            std::string::npos);

  const std::string title = "title: Safeguarding review - update of progress";
  ASSERT_NE(paper_text.find(title), std::string::npos);
  paper_text.replace(paper_text.find(title), title.size(),
                     "title: Safeguarding inquiry - progress");
  SaveInPlace(paper, paper_text);
  EXPECT_TRUE(Eventually([&] { return events.LastBuild() == 1; }));
  EXPECT_NE(server_->WaitForOutput("Updated content/papers/test-paper.md",
                                   std::chrono::seconds(10)),
            "");
  for (const char* path : {"/papers/test-paper/", "/reviews/test-review/",
                           "/meetings/test-osc-2017-06-20/", "/papers/"}) {
    httplib::Result page = Get(port, path);
    ASSERT_TRUE(page) << path;
    EXPECT_NE(page->body.find("Safeguarding inquiry - progress"),
              std::string::npos)
        << path;
    EXPECT_EQ(page->body.find("Safeguarding review - update of progress"),
              std::string::npos)
        << path;
  }

  httplib::Result missing = Get(port, "/changes/2031/");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  const std::string date = "date: 2017-06-20";
  ASSERT_NE(update_text.find(date), std::string::npos);
  update_text.replace(update_text.find(date), date.size(), "date: 2031-06-20");
  SaveInPlace(update, update_text);
  EXPECT_TRUE(Eventually([&] { return events.LastBuild() == 2; }));
  EXPECT_NE(
      server_->WaitForOutput(
          "Updated content/papers/test-paper\\.md[\\s\\S]*\\nBuilt \\d+ files",
          std::chrono::seconds(10)),
      "");
  httplib::Result added = Get(port, "/changes/2031/");
  ASSERT_TRUE(added);
  EXPECT_EQ(added->status, 200);
  EXPECT_EQ(server_->Interrupt(std::chrono::seconds(10)), 0);
}

// Resolves `href` from the page at `page` (a path) the way a browser does;
// "" for links to other sites.
std::string ResolveHref(const std::string& page, std::string href,
                        const std::string& base_url) {
  if (href.rfind(base_url, 0) == 0) {
    href = "/scrutiny/" + href.substr(base_url.size());
  } else if (std::regex_search(href, std::regex("^[a-z]+:|^//"))) {
    return "";
  }
  href = href.substr(0, href.find('#'));
  std::string joined = href.empty() ? page
                       : href[0] == '/'
                           ? href
                           : page.substr(0, page.rfind('/') + 1) + href;
  std::vector<std::string> segments;
  std::string segment;
  for (size_t i = 1; i <= joined.size(); ++i) {
    if (i == joined.size() || joined[i] == '/') {
      if (segment == "..") {
        if (!segments.empty()) segments.pop_back();
      } else if (segment != "." && !segment.empty()) {
        segments.push_back(segment);
      }
      segment.clear();
    } else {
      segment += joined[i];
    }
  }
  std::string path;
  for (const std::string& s : segments) path += "/" + s;
  if (joined.back() == '/' || path.empty()) path += "/";
  return path;
}

// The repository's own site, deployed under /scrutiny/, served under that
// path: every link and anchor of every page reachable from the home page
// (and from the 404 page, which links from the host root) leads somewhere.
TEST_F(ServeTest, SiteUnderASubPathHasNoBrokenLink) {
  CopySite(".", site_);
  const std::string base_url = "https://example.gov.uk/scrutiny/";
  int port = Start({"--base-url", base_url});
  ASSERT_GT(port, 0) << Stderr();
  httplib::Result root = Get(port, "/");
  ASSERT_TRUE(root);
  EXPECT_EQ(root->status, 302);
  EXPECT_EQ(root->get_header_value("Location"), "/scrutiny/");

  std::map<std::string, HtmlLinks> pages;  // path -> links, for anchors
  std::deque<std::string> queue = {"/scrutiny/", "/scrutiny/no-such-page/"};
  std::set<std::string> seen(queue.begin(), queue.end());
  std::vector<std::string> broken;
  while (!queue.empty()) {
    std::string path = queue.front();
    queue.pop_front();
    httplib::Result page = Get(port, path);
    ASSERT_TRUE(page) << path;
    bool expected_404 = path == "/scrutiny/no-such-page/";
    if (page->status != (expected_404 ? 404 : 200)) {
      broken.push_back(path + " answered " + std::to_string(page->status));
      continue;
    }
    if (page->get_header_value("Content-Type").rfind("text/html", 0) != 0) {
      continue;
    }
    HtmlLinks links = ScanHtml(page->body);
    for (const HtmlLink& link : links.links) {
      std::string target = ResolveHref(path, link.url, base_url);
      if (target.empty() || target.rfind("/__scrutineer/", 0) == 0) continue;
      if (target.rfind("/scrutiny/", 0) != 0) {
        broken.push_back(path + " links outside the site: " + link.url);
      } else if (seen.insert(target).second) {
        queue.push_back(target);
      }
    }
    pages[path] = std::move(links);
  }
  // Anchors, now that every page's ids are known.
  for (const auto& [path, links] : pages) {
    for (const HtmlLink& link : links.links) {
      size_t hash = link.url.find('#');
      std::string target = ResolveHref(path, link.url, base_url);
      if (hash == std::string::npos || hash + 1 == link.url.size() ||
          target.empty() || !pages.count(target)) {
        continue;
      }
      if (!pages[target].ids.count(link.url.substr(hash + 1))) {
        broken.push_back(path + " links to a missing anchor: " + link.url);
      }
    }
  }
  EXPECT_EQ(broken, std::vector<std::string>{});
  EXPECT_GT(pages.size(), 100u);
  EXPECT_EQ(server_->Interrupt(std::chrono::seconds(10)), 0);
}

TEST_F(ServeTest, ListensOnLoopbackOnlyAndRefusesABusyPort) {
  CopySite("minimal", site_);
  int port = Start();
  ASSERT_GT(port, 0) << Stderr();
  // /proc/net/tcp lists the listening socket: 0100007F is 127.0.0.1.
  char needle[32];
  std::snprintf(needle, sizeof needle, "0100007F:%04X 00000000:0000 0A", port);
  std::string sockets = ReadFile("/proc/net/tcp");
  EXPECT_NE(sockets.find(needle), std::string::npos) << needle;
  char any[32];
  std::snprintf(any, sizeof any, "00000000:%04X 00000000:0000 0A", port);
  EXPECT_EQ(sockets.find(any), std::string::npos);

  ServeProcess second(site_, {"--port", std::to_string(port)},
                      scratch_.path() / "stderr2");
  EXPECT_EQ(second.Wait(std::chrono::seconds(20)), 2);
  EXPECT_NE(
      ReadFile(scratch_.path() / "stderr2")
          .find("error: cannot listen on 127.0.0.1:" + std::to_string(port)),
      std::string::npos);
  EXPECT_EQ(server_->Interrupt(std::chrono::seconds(10)), 0);
}

}  // namespace
}  // namespace scrutineer
