"""The one way ascn runs git: a fixed argument list, a hardened configuration and environment.

A repository is untrusted input. Its config (and the config of the submodules inside it)
can name programs that git runs on its own: `core.fsmonitor`, hooks, external diff and
text-conversion drivers, clean/smudge filters, a pager, askpass, gpg. Every call here
turns those off on the command line (which wins over any repository file), leaves out
the user's and the system's config (GIT_CONFIG_NOSYSTEM, GIT_CONFIG_GLOBAL), carries over
only the user's `safe.directory` entries (so a CI checkout owned by another user still
works where the user said it may), and drops every inherited GIT_* variable that could
redirect git elsewhere. ascn also only runs commands that never read the working tree
through git (no `status`, no `diff` against files): filters and the index cannot be
reached at all. Output is read as bytes, NUL-separated.
"""

from __future__ import annotations

import functools
import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

from ascn.problems import GitUnavailable

# Each turns off a program a repository's config could make git run, or an interaction.
HARDENED_CONFIG = (
    "core.fsmonitor=",
    "core.hooksPath=/dev/null",
    "core.pager=cat",
    "core.askPass=",
    "core.sshCommand=",
    "core.gitProxy=",
    "core.untrackedCache=false",
    "credential.helper=",
    "diff.external=",
    "log.showSignature=false",
    "protocol.allow=never",
    "color.ui=false",
    "gc.auto=0",
    "maintenance.auto=false",
    "submodule.recurse=false",
    "i18n.logOutputEncoding=UTF-8",
)
HARDENED_ENV = {
    "GIT_CONFIG_NOSYSTEM": "1",
    "GIT_CONFIG_GLOBAL": os.devnull,
    "GIT_TERMINAL_PROMPT": "0",
    "GIT_ASKPASS": "",  # empty: git stops looking for an askpass program
    "SSH_ASKPASS": "",
    "GIT_PAGER": "cat",
    "PAGER": "cat",
    "GIT_OPTIONAL_LOCKS": "0",
    "GIT_NO_REPLACE_OBJECTS": "1",  # replace refs would let a repository swap objects
    "GIT_NO_LAZY_FETCH": "1",  # a partial clone must not go to the network for a blob
    "GIT_ATTR_NOSYSTEM": "1",
    "GIT_LITERAL_PATHSPECS": "1",  # a data folder named `d[a]ta` or `*` is a name, not a glob
    "LC_ALL": "C",  # stable messages
}


def hardened_env() -> dict[str, str]:
    """The process environment without inherited GIT_* variables, plus the hardening."""
    kept = {k: v for k, v in os.environ.items() if not k.startswith("GIT_")}
    return {**kept, **HARDENED_ENV}


@functools.cache
def _user_safe_directories() -> tuple[str, ...]:
    """The `safe.directory` entries of the user's and the system's own git config."""
    values: list[str] = []
    for scope in ("--system", "--global"):
        try:
            done = subprocess.run(
                ["git", "config", scope, "-z", "--get-all", "safe.directory"],
                cwd="/",
                capture_output=True,
                check=False,
                env={**os.environ, "GIT_TERMINAL_PROMPT": "0"},
            )
        except OSError:
            return ()
        values += [v.decode("utf-8", "replace") for v in done.stdout.split(b"\0") if v]
    return tuple(values)


def command(*args: str) -> list[str]:
    """The full argv for `git ARGS` with the hardened configuration."""
    config = [*HARDENED_CONFIG, *(f"safe.directory={d}" for d in _user_safe_directories())]
    return ["git", *(part for item in config for part in ("-c", item)), *args]


def run(root: Path, *args: str, stdin: bytes | None = None) -> bytes:
    """Run hardened git in `root` and return its output; GitUnavailable if it fails."""
    try:
        done = subprocess.run(
            command(*args),
            cwd=root,
            input=stdin,
            capture_output=True,
            check=False,
            env=hardened_env(),
        )
    except FileNotFoundError as e:
        raise GitUnavailable("git is not installed; history and diffs need it") from e
    except OSError as e:  # cwd is not a folder, or not readable
        raise GitUnavailable(f"cannot run git in {root}: {e.strerror or e}") from e
    if done.returncode != 0:
        raise GitUnavailable(f"git {args[0]} failed: {failure_reason(done.stderr)}")
    return done.stdout


def failure_reason(stderr: bytes) -> str:
    """The last line git wrote on failure, with a hint for a repository owned by another user."""
    lines = stderr.decode("utf-8", "replace").strip().splitlines()
    if any("dubious ownership" in line for line in lines):
        return (
            "the repository belongs to another user; if you trust it, run "
            "`git config --global --add safe.directory <its path>`"
        )
    return lines[-1] if lines else "no reason given"


def nul_fields(output: bytes) -> Iterator[str]:
    """The non-empty NUL-separated fields of git's output, decoded (bad bytes replaced)."""
    for item in output.split(b"\0"):
        if item:
            yield item.decode("utf-8", "replace")
