"""Helpers for the publish benchmarks: free ports, servers on loopback, wrk, and process-tree memory."""

from __future__ import annotations

import os
import re
import resource
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_http(port: int, host: str, path: str = "/", timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            get(port, host, path)
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"nothing answered on 127.0.0.1:{port} within {timeout} s")


def get(port: int, host: str, path: str) -> bytes:
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": host})
    with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310 - loopback only
        return response.read()


def stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


WRK_SCRIPT = """
local paths = {}
for line in io.lines(os.getenv("DATELINE_WRK_PATHS")) do paths[#paths + 1] = line end
local host = os.getenv("DATELINE_WRK_HOST")
local i = 0
request = function()
  i = i % #paths + 1
  return wrk.format("GET", paths[i], {["Host"] = host})
end
"""


def wrk(port: int, host: str, paths: list[str], *, seconds: int, connections: int, work: Path) -> dict:
    """Requests/s and latency percentiles of wrk cycling through ``paths`` (loopback only)."""
    script = work / "rotate.lua"
    script.write_text(WRK_SCRIPT)
    listing = work / "paths.txt"
    listing.write_text("\n".join(paths) + "\n")
    env = {**os.environ, "DATELINE_WRK_PATHS": str(listing), "DATELINE_WRK_HOST": host}
    out = subprocess.run(["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", str(script),
                          f"http://127.0.0.1:{port}/"], capture_output=True, text=True, env=env, check=True).stdout
    figures = {"requests_per_s": float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))}
    for pct in ("50", "99"):
        match = re.search(rf"\s{pct}%\s+([\d.]+)(us|ms|s|m)\b", out)
        figures[f"p{pct}_ms"] = round(float(match.group(1)) * _UNITS[match.group(2)], 2) if match else None
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    socket_errors = re.search(r"Socket errors:.*", out)
    figures["non_2xx"] = int(errors.group(1)) if errors else 0
    figures["socket_errors"] = socket_errors.group(0) if socket_errors else ""
    return figures


def _children() -> dict[int, list[int]]:
    tree: dict[int, list[int]] = {}
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                stat = Path(entry.path, "stat").read_text()
            except OSError:
                continue
            ppid = int(stat.rsplit(")", 1)[1].split()[1])
            tree.setdefault(ppid, []).append(int(entry.name))
    return tree


def _rss_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def tree_rss_mib(root: int) -> float:
    """Resident memory of a process and all its descendants (shared pages counted once per process)."""
    tree, total, stack = _children(), 0, [root]
    while stack:
        pid = stack.pop()
        total += _rss_kib(pid)
        stack += tree.get(pid, [])
    return total / 1024


def measure(command: list[str], *, env: dict | None = None, cwd: Path | None = None) -> tuple[float, float, str]:
    """(wall seconds, peak RSS of the whole process tree in MiB, stdout) of a command, sampled every 50 ms."""
    seconds, peak, _, out = measure_cpu(command, env=env, cwd=cwd)
    return seconds, peak, out


def measure_cpu(command: list[str], *, env: dict | None = None,
                cwd: Path | None = None) -> tuple[float, float, float, str]:
    """``measure`` plus the CPU seconds (user + system) of the command and every descendant it waited
    for: on a machine shared with other work, wall time depends on the others; CPU time much less."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                               env=env, cwd=cwd)
    peak = 0.0
    while process.poll() is None:
        peak = max(peak, tree_rss_mib(process.pid))
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    out = process.stdout.read() if process.stdout else ""
    if process.returncode:
        raise RuntimeError(f"{command[0]} failed ({process.returncode}): {out[-2000:]}")
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, peak, cpu, out


def have(tool: str) -> bool:
    return shutil.which(tool) is not None
