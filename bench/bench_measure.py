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
    log = open(log_path, "wb")
    process = subprocess.Popen(argv, stdout=log, stderr=subprocess.STDOUT)
    latencies = []
    try:
        started = time.perf_counter()
        if not WaitForServer(url, process, start_limit):
            return None
        limit = max(30.0, 3 * (time.perf_counter() - started))
        time.sleep(1.0)  # let the watcher settle after the first build
        for i in range(edits):
            word = "%s%d%d" % (marker, i, int(time.time() * 1000))
            start = time.perf_counter()
            with open(edit_path, "wb") as f:
                f.write(edit(original, word.encode()))
            latency = None
            while time.perf_counter() - start < limit:
                page = Fetch(url)
                if page is not None and word in page:
                    latency = time.perf_counter() - start
                    break
                time.sleep(0.002)
            latencies.append(latency)
            time.sleep(0.5)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        log.close()
        with open(edit_path, "wb") as f:
            f.write(original)
    return latencies
