#!/usr/bin/env python3
"""Run a command in a pseudo-terminal and answer its first `[y/N]` question (tests/deploy.rs).

    python tests/tools/tty_run.py ANSWER COMMAND [ARGS…]

stdin, stdout and stderr of COMMAND are the terminal, so it sees a user at a terminal. When
its output shows `[y/N]`, ANSWER and a newline are typed. Everything it printed is written to
stdout; the exit code is COMMAND's. Bounded: the command is killed after 60 s.
"""

from __future__ import annotations

import os
import pty
import select
import signal
import sys
import time


def main() -> int:
    answer, command = sys.argv[1], sys.argv[2:]
    pid, fd = pty.fork()
    if pid == 0:
        os.execvp(command[0], command)
    output = b""
    answered = False
    deadline = time.time() + 60
    status = None
    while status is None:
        if time.time() > deadline:
            os.kill(pid, signal.SIGKILL)
            sys.stderr.write("tty_run: killed after 60 s\n")
        ready, _, _ = select.select([fd], [], [], 0.1)
        if ready:
            try:
                chunk = os.read(fd, 4096)
            except OSError:
                chunk = b""
            output += chunk
            if not answered and b"[y/N]" in output:
                os.write(fd, answer.encode() + b"\n")
                answered = True
            if chunk:
                continue
        done, code = os.waitpid(pid, os.WNOHANG)
        if done:
            status = code
    sys.stdout.write(output.decode(errors="replace").replace("\r\n", "\n"))
    return os.waitstatus_to_exitcode(status)


if __name__ == "__main__":
    sys.exit(main())
