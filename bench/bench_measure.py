"""Measuring helpers for compare-hugo: run a command and take its wall time,
CPU time (user + sys) and peak resident memory from the kernel (wait4's
rusage, which covers the process and the children it waited for); medians;
the machine; and the latency of a preview server picking up an edit.
"""

import os
import platform
import re
import socket
import statistics
import subprocess
import time
import urllib.error
import urllib.request


class Run:
    def __init__(self, wall, cpu, rss_kib, status, stderr, user=None):
        self.wall = wall          # seconds
        self.cpu = cpu            # user + sys seconds
        self.user = user          # user seconds alone
        self.rss_kib = rss_kib    # peak resident set, KiB
        self.status = status      # exit status
        self.stderr = stderr


def Measure(argv, log_path, env=None):
    """Runs argv with stdout and stderr in log_path and returns a Run."""
    with open(log_path, "wb") as log:
        actions = [(os.POSIX_SPAWN_DUP2, log.fileno(), 1),
                   (os.POSIX_SPAWN_DUP2, log.fileno(), 2),
                   (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0)]
        start = time.perf_counter()
        pid = os.posix_spawnp(argv[0], argv, env or os.environ,
                              file_actions=actions)
        _, status, usage = os.wait4(pid, 0)
        wall = time.perf_counter() - start
    with open(log_path, "rb") as log:
        output = log.read().decode("utf-8", "replace")
    return Run(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss,
               os.waitstatus_to_exitcode(status), output, usage.ru_utime)


def Median(values):
    return statistics.median(values) if values else float("nan")


def Machine():
    """nproc, CPU model, RAM and kernel, for the record."""
    model = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo") as f:
            kib = int(re.search(r"MemTotal:\s+(\d+)", f.read()).group(1))
    except (OSError, AttributeError):
        kib = 0
    return "%d cores (nproc), %s, %.1f GiB RAM, Linux %s" % (
        os.cpu_count(), model, kib / 1048576, platform.release())


def Load():
    return os.getloadavg()[0]


def FreePort():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def Fetch(url, timeout=2.0):
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError):
        return None


def WaitForServer(url, process, limit):
    """Polls url until it answers; False if the server died or limit passed."""
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return False
        if Fetch(url) is not None:
            return True
        time.sleep(0.05)
    return False


def AppendParagraph(original, word):
    """An edit of Markdown text: a paragraph with `word` at the end."""
    return original + b"\n\nEdited for the benchmark: " + word + b".\n"


def RetitleFrontMatter(original, word):
    """An edit of a field: `word` added to the front matter's title, which
    every page that names the record shows (a full rebuild for Scrutineer,
    whose patch takes only Markdown text)."""
    lines = original.split(b"\n")
    for i, line in enumerate(lines):
        if line.startswith(b"title:"):
            value = line[len(b"title:"):].strip()
            if value[:1] in (b'"', b"'"):
                value = value[1:-1]
            lines[i] = b'title: "' + value + b" " + word + b'"'
            return b"\n".join(lines)
    raise ValueError("no title: line in the front matter")


class _Server:
    """A preview server (argv) started and waited for until `url` answers,
    and stopped on leaving: `with _Server(...) as server`, then
    server.started (False if it did not start in time) and server.limit
    (how long to wait for an edit: 30 s, or three times the start-up)."""

    def __init__(self, argv, url, log_path, start_limit):
        self.argv, self.url, self.start_limit = argv, url, start_limit
        self.log = open(log_path, "wb")
        self.process = None
        self.started = False
        self.limit = 30.0

    def __enter__(self):
        self.process = subprocess.Popen(self.argv, stdout=self.log,
                                        stderr=subprocess.STDOUT)
        began = time.perf_counter()
        self.started = WaitForServer(self.url, self.process, self.start_limit)
        self.limit = max(30.0, 3 * (time.perf_counter() - began))
        if self.started:
            time.sleep(1.0)  # let the watcher settle after the first build
        return self

    def __exit__(self, *exception):
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()
        return False


def _TimeUntilShown(url, word, start, limit):
    """Seconds from `start` (a perf_counter time) until url shows `word`,
    or None once `limit` seconds have passed."""
    while time.perf_counter() - start < limit:
        page = Fetch(url)
        if page is not None and word in page:
            return time.perf_counter() - start
        time.sleep(0.002)
    return None


def EditLatency(argv, url, edit_path, marker, log_path, start_limit=1800,
                edits=3, edit=AppendParagraph):
    """Starts a preview server (argv), waits until url answers, then `edits`
    times edits edit_path with a fresh marker (edit(original bytes, marker
    bytes) gives the new bytes; by default a paragraph appended) and times
    until url shows it. Returns the latencies in seconds (None for an edit
    the server did not show within 30 s or three times its start-up time),
    or None if it did not start. The file is restored afterwards."""
    with open(edit_path, "rb") as f:
        original = f.read()
    latencies = []
    try:
        with _Server(argv, url, log_path, start_limit) as server:
            if not server.started:
                return None
            for i in range(edits):
                word = "%s%d%d" % (marker, i, int(time.time() * 1000))
                start = time.perf_counter()
                with open(edit_path, "wb") as f:
                    f.write(edit(original, word.encode()))
                latencies.append(
                    _TimeUntilShown(url, word, start, server.limit))
                time.sleep(0.5)
    finally:
        with open(edit_path, "wb") as f:
            f.write(original)
    return latencies


def NewFileLatency(argv, url, template_path, new_file, marker, log_path,
                   start_limit=1800, files=3):
    """As EditLatency, for a file added: `files` times writes a new file
    beside template_path, new_file(original bytes, name, marker bytes)
    giving its name (without the extension: the record's id and the last
    part of its URL) and bytes, and times until url % name shows the
    marker; the file is deleted after each. Returns the latencies, or None
    if the server did not start."""
    folder = os.path.dirname(template_path)
    extension = os.path.splitext(template_path)[1]
    with open(template_path, "rb") as f:
        original = f.read()
    latencies = []
    with _Server(argv, url % os.path.splitext(
            os.path.basename(template_path))[0], log_path,
            start_limit) as server:
        if not server.started:
            return None
        for i in range(files):
            word = "%s%d%d" % (marker, i, int(time.time() * 1000))
            name = "%s-new-%d" % (marker, i)
            path = os.path.join(folder, name + extension)
            try:
                start = time.perf_counter()
                with open(path, "wb") as f:
                    f.write(new_file(original, name.encode(), word.encode()))
                latencies.append(
                    _TimeUntilShown(url % name, word, start, server.limit))
            finally:
                os.remove(path)
            time.sleep(1.0)  # the deletion's rebuild
    return latencies
