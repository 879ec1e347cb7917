"""The one helper for command-line tests: ``python -m cnnlab …`` in this process (fast) or in a fresh one (smoke).

``run_main(capsys, "summary", "vgg16")`` calls ``cnnlab.cli.main`` with the arguments and returns the exit status and
what went to stdout and stderr — argparse's own exits (``--help``, a bad option) included. ``run_process`` runs the
real ``python -m cnnlab`` for the few tests that need a fresh interpreter (nothing imported yet, the exit status of
the process itself).
"""
from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


@dataclass
class Ran:
    status: int
    out: str
    err: str


def run_main(capsys, *args: str) -> Ran:
    from cnnlab import cli

    capsys.readouterr()   # start from empty streams
    try:
        status = cli.main(list(args))
    except SystemExit as exit_:   # argparse: --help (0) or a bad option (2)
        status = exit_.code if isinstance(exit_.code, int) else 1
    captured = capsys.readouterr()
    return Ran(status, captured.out, captured.err)


def run_process(*args: str, env: dict | None = None, timeout: float = 300) -> Ran:
    """``python -m cnnlab ARGS`` (or ``python ARGS`` when the first argument is ``-c``) in a fresh interpreter."""
    base = {k: v for k, v in os.environ.items() if k != "CNNLAB_DEBUG"} | {"PYTHONPATH": str(ROOT)}
    command = [sys.executable, *args] if args[:1] == ("-c",) else [sys.executable, "-m", "cnnlab", *args]
    proc = subprocess.run(command, cwd=ROOT, env=base | (env or {}), capture_output=True, text=True, timeout=timeout)
    return Ran(proc.returncode, proc.stdout, proc.stderr)


def assert_one_line_error(ran: Ran, *needles: str) -> None:
    """Exit status 2, nothing on stdout, exactly one line on stderr (progress bars aside), no traceback."""
    lines = [line for line in ran.err.splitlines() if line.strip() and "%  " not in line]
    assert ran.status == 2, ran.err
    assert ran.out == ""
    assert "Traceback" not in ran.err
    assert len(lines) == 1, ran.err
    for needle in needles:
        assert needle in lines[0]
