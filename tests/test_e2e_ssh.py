"""End to end over SSH: the real ``byline`` through a throwaway ``sshd`` on 127.0.0.1.

The test makes a host key and a user key with ``ssh-keygen`` (in a temporary folder), starts
its own ``sshd -D -e -f CONFIG`` on a free loopback port (own config, pid file and keys, so
it never touches a system sshd), and connects with ``ssh -tt`` from an 80×24 pty
(pexpect); what arrives is read back through a ``pyte`` screen, as in ``test_e2e_terminal``.

Two runs share one annotation cache: ``TERM=xterm-256color`` first, with the cache empty
(the panes are pending, then fill), then ``TERM=linux`` with ``NO_COLOR=1``. Both pick a
speaker, walk the quotes with ``n``, quit with ``q`` and check the exit status.

Skips where sshd cannot be used: ``.ci/run`` installs openssh-server with apt when it runs
as root; elsewhere install it yourself (``apt-get install openssh-server``). Run with ``-s``
to see the time to the first screen over SSH.
"""

from __future__ import annotations

import os
import pwd
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pty_screen import (
    COLUMNS,
    INHERITED_NOISE,
    KEY_TIMEOUT,
    ROWS,
    Terminal,
    byline_executable,
    pexpect,
)

pytestmark = [
    pytest.mark.e2e,
    pytest.mark.skipif(sys.platform == "win32", reason="needs a POSIX pty and OpenSSH's sshd"),
]

REPO_ROOT = Path(__file__).resolve().parent.parent
SEED = Path("samples") / "seed-trump-zelenskyy-nato.txt"
SSHD_PATHS = ("/usr/sbin/sshd", "/usr/local/sbin/sshd")  # sshd needs an absolute path
PRIVSEP_DIR = Path("/run/sshd")  # Debian's privilege-separation folder (root only)
INSTALL_HINT = "install openssh-server (.ci/run does it with apt when run as root)"

FIRST_SCREEN = "Donald Trump said he will look into"
FIRST_SCREEN_TIMEOUT = 40.0  # the SSH handshake, then byline's start
ANNOTATION_TIMEOUT = 60.0  # an empty cache: spaCy loads, then the seed article is annotated
SSHD_START_TIMEOUT = 10.0
EXIT_TIMEOUT = 15.0

SPEAKER_STATUS = re.compile(r"^Donald Trump(?: \([^)]*\))?: \d+ quotes · n/N walk them$")
QUOTE_STATUS = re.compile(
    r"^quote (?P<at>\d+)/(?P<of>\d+) · Donald Trump(?: — (?P<cue>.+?))?"
    r" \((?:direct|indirect|mixed)\)$"
)


@dataclass(frozen=True)
class SshServer:
    """A running test sshd: where to connect and with which key."""

    ssh: str  # the client
    port: int
    user: str
    identity: Path
    home: Path  # byline's cache, config and library for the remote runs


def _sshd_binary() -> str | None:
    for candidate in SSHD_PATHS:
        if os.access(candidate, os.X_OK):
            return candidate
    found = shutil.which("sshd")
    return str(Path(found).resolve()) if found else None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _keygen(ssh_keygen: str, path: Path, comment: str) -> None:
    subprocess.run(
        [ssh_keygen, "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", str(path)],
        check=True,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        timeout=30,
    )


def _user() -> str:
    """The account the tests run as (root in CI): the one that logs in over SSH."""
    return pwd.getpwuid(os.geteuid()).pw_name


def _sshd_config(port: int, host_key: Path, authorized_keys: Path, pid_file: Path) -> str:
    user = _user()
    return "\n".join(
        [
            "ListenAddress 127.0.0.1",
            f"Port {port}",
            f"HostKey {host_key}",
            f"PidFile {pid_file}",
            f"AuthorizedKeysFile {authorized_keys}",
            f"AllowUsers {user}",
            "AuthenticationMethods publickey",
            "PubkeyAuthentication yes",
            "PasswordAuthentication no",
            "KbdInteractiveAuthentication no",
            "UsePAM no",
            "StrictModes no",  # the keys live in a temporary folder
            "PermitRootLogin prohibit-password",  # CI runs as root
            "PermitUserEnvironment no",
            "AllowAgentForwarding no",
            "AllowTcpForwarding no",
            "X11Forwarding no",
            "PrintMotd no",
            "PrintLastLog no",
            "UseDNS no",
            "LogLevel INFO",
            "",
        ]
    )


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=5)


def _start_sshd(
    sshd: str, directory: Path, host_key: Path, authorized_keys: Path
) -> tuple[subprocess.Popen[bytes], int]:
    """Start sshd on a free port and wait until it accepts connections.

    Returns the process and its port, or fails (as root) / skips (otherwise) with its log.
    """
    log_text = ""
    for _attempt in range(3):  # another process may take the free port before sshd binds it
        port = _free_port()
        config = directory / "sshd_config"
        config.write_text(
            _sshd_config(port, host_key, authorized_keys, directory / "sshd.pid"), encoding="utf-8"
        )
        log = directory / "sshd.log"
        with log.open("wb") as log_handle:
            process = subprocess.Popen(
                [sshd, "-D", "-e", "-f", str(config)],
                stdin=subprocess.DEVNULL,
                stdout=log_handle,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + SSHD_START_TIMEOUT
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    return process, port
            except OSError:
                time.sleep(0.05)
        _stop(process)
        log_text = log.read_text(encoding="utf-8", errors="replace").strip()
        if "already in use" not in log_text:
            break
    message = f"{sshd} did not start on 127.0.0.1 (log below)\n{log_text}"
    if os.geteuid() == 0:  # root with sshd installed: this must work (CI)
        pytest.fail(message)
    pytest.skip(f"not root and {message}")


@pytest.fixture(scope="module")
def ssh_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SshServer]:
    """A throwaway sshd on 127.0.0.1 for this module; stopped and its keys deleted after."""
    sshd = _sshd_binary()
    if sshd is None:
        pytest.skip(f"no sshd found ({', '.join(SSHD_PATHS)} or on PATH): {INSTALL_HINT}")
    tools = {name: shutil.which(name) for name in ("ssh", "ssh-keygen")}
    missing = [name for name, path in tools.items() if path is None]
    if missing:
        pytest.skip(f"{' and '.join(missing)} not found: install openssh-client")
    if os.geteuid() == 0 and not PRIVSEP_DIR.is_dir():
        try:
            PRIVSEP_DIR.mkdir(mode=0o755, parents=True, exist_ok=True)
        except OSError as error:
            pytest.skip(f"cannot create sshd's privilege-separation folder {PRIVSEP_DIR}: {error}")

    directory = tmp_path_factory.mktemp("sshd")
    host_key = directory / "host_ed25519"
    identity = directory / "user_ed25519"
    authorized_keys = directory / "authorized_keys"
    key_files = [
        host_key,
        host_key.with_suffix(".pub"),
        identity,
        identity.with_suffix(".pub"),
        authorized_keys,
    ]
    process: subprocess.Popen[bytes] | None = None
    try:
        keygen = str(tools["ssh-keygen"])
        _keygen(keygen, host_key, "byline-e2e-host")
        _keygen(keygen, identity, "byline-e2e-user")
        authorized_keys.write_bytes(identity.with_suffix(".pub").read_bytes())
        authorized_keys.chmod(0o600)
        process, port = _start_sshd(sshd, directory, host_key, authorized_keys)
        server = SshServer(
            ssh=str(tools["ssh"]),
            port=port,
            user=_user(),
            identity=identity,
            home=tmp_path_factory.mktemp("byline-home"),
        )
        _check_login(server, directory / "sshd.log")
        yield server
    finally:
        if process is not None:
            _stop(process)
        for path in key_files:
            path.unlink(missing_ok=True)


def remote_command(server: SshServer, executable: str, no_color: bool) -> str:
    """The shell command sshd runs: byline on the seed article, with the test's own files."""
    settings = [
        f"BYLINE_CACHE_DIR={server.home / 'cache'}",
        f"BYLINE_CONFIG={server.home / 'no-such-config.toml'}",
        f"BYLINE_DB={server.home / 'library.sqlite3'}",
    ]
    if no_color:  # ssh sends TERM (with -tt) but no other variable: pass it on the line
        settings.insert(0, "NO_COLOR=1")
    words: list[str] = ["exec", "env", *settings, executable, str(SEED)]
    return f"cd {shlex.quote(str(REPO_ROOT))} && " + " ".join(shlex.quote(w) for w in words)


def ssh_arguments(server: SshServer, command: str, *, tty: bool = True) -> list[str]:
    """``ssh [-tt]`` to the test's sshd with its key, no ssh_config and no known_hosts."""
    options = [
        "IdentitiesOnly=yes",
        "StrictHostKeyChecking=no",
        "UserKnownHostsFile=/dev/null",
        "GlobalKnownHostsFile=/dev/null",
        "BatchMode=yes",
        "ConnectTimeout=10",
        "LogLevel=ERROR",  # no "Permanently added" or "Connection closed" lines
    ]
    arguments = ["-tt"] if tty else []
    arguments += ["-F", "/dev/null", "-i", str(server.identity), "-p", str(server.port)]
    for option in options:
        arguments += ["-o", option]
    return [*arguments, f"{server.user}@127.0.0.1", command]


def client_environment(term: str) -> dict[str, str]:
    """This environment without what would change the drawing (or use an ssh agent)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in INHERITED_NOISE
        and key != "SSH_AUTH_SOCK"
        and not key.startswith(("BYLINE_", "TEXTUAL"))
    }
    env["TERM"] = term  # ssh -tt passes TERM on to the remote side
    return env


def _check_login(server: SshServer, log: Path) -> None:
    """One ``ssh … true``: fail (as root) or skip (otherwise) when the login does not work."""
    result = subprocess.run(
        [server.ssh, *ssh_arguments(server, "true", tty=False)],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        env=client_environment("dumb"),
        timeout=30,
    )
    if result.returncode == 0:
        return
    sshd_log = log.read_text(encoding="utf-8", errors="replace").strip()
    message = (
        f"ssh {server.user}@127.0.0.1 -p {server.port} failed (status {result.returncode}):"
        f" {result.stderr.strip()}\nsshd log:\n{sshd_log}"
    )
    if os.geteuid() == 0:
        pytest.fail(message)
    pytest.skip(f"not root and {message}")


def spawn_over_ssh(server: SshServer, term: str, command: str) -> pexpect.spawn:
    return pexpect.spawn(
        server.ssh,
        ssh_arguments(server, command),
        env=client_environment(term),
        dimensions=(ROWS, COLUMNS),
        timeout=KEY_TIMEOUT,
    )


def article_highlight(terminal: Terminal) -> str:
    """The article's text in reverse video (left of the side pane): the selected quote.

    Reverse video is how the selection shows without colour (``NO_COLOR``); the scrollbar's
    reversed blocks are not letters, so they do not count.
    """
    rows = terminal.screen.display[: ROWS - 2]
    side = min((line.find("1 Speakers") for line in rows if "1 Speakers" in line), default=-1)
    right = side - 2 if side > 0 else COLUMNS
    words: list[str] = []
    for y in range(ROWS - 2):
        cells = terminal.screen.buffer[y]
        line = "".join(
            cells[x].data if cells[x].reverse and cells[x].data.isalnum() else " "
            for x in range(right)
        )
        words.extend(line.split())
    return " ".join(words)


RUNS = [
    pytest.param("xterm-256color", False, id="xterm-256color"),
    pytest.param("linux", True, id="linux-NO_COLOR"),
]


@pytest.mark.parametrize(("term", "no_color"), RUNS)
def test_reader_walkthrough_over_ssh(ssh_server: SshServer, term: str, no_color: bool) -> None:
    executable = byline_executable()
    if executable is None:
        pytest.skip(f"no `byline` executable beside {sys.executable} or on PATH")
    cache = ssh_server.home / "cache"
    cache_was_empty = not cache.is_dir() or not any(cache.iterdir())
    label = f"TERM={term}" + (" NO_COLOR=1" if no_color else "")

    started = time.monotonic()
    child = spawn_over_ssh(ssh_server, term, remote_command(ssh_server, executable, no_color))
    terminal = Terminal.attach(child)
    try:
        terminal.wait_for(FIRST_SCREEN, FIRST_SCREEN_TIMEOUT, "the article's first screen")
        first_screen = time.monotonic() - started
        if cache_was_empty:  # the panes are pending while spaCy loads and annotates
            terminal.wait_for(
                lambda t: "Annotating" in t.status_line(), KEY_TIMEOUT, "the pending panes"
            )

        def panes_filled(t: Terminal) -> bool:
            return "speakers ·" in t.status_line() and "Donald Trump" in t.side_text()

        terminal.wait_for(panes_filled, ANNOTATION_TIMEOUT, "the panes to fill")
        filled = time.monotonic() - started
        print(
            f"\n[e2e ssh {label}] time to first screen over SSH {first_screen:.2f}s"
            f" · panes filled {filled:.2f}s"
            f" ({'empty' if cache_was_empty else 'warm'} cache)"
        )
        assert "Annotating" not in terminal.status_line(), terminal.describe()
        assert terminal.active_tab() == "1 Speakers", terminal.describe()

        # 1 focuses the speakers; Trump (most quotes) is first; j/k come back; Enter picks.
        terminal.press("1")
        terminal.wait_for(lambda t: t.active_tab() == "1 Speakers", KEY_TIMEOUT, "speakers tab")
        bullets = [line.strip() for line in terminal.side_text().splitlines() if "●" in line]
        assert bullets and bullets[0].startswith("● Donald Trump"), terminal.describe()
        for key in ("j", "k", "\r"):
            terminal.press(key)
        terminal.wait_for(
            lambda t: bool(SPEAKER_STATUS.match(t.status_line())),
            KEY_TIMEOUT,
            "Trump's speaker status after Enter",
        )

        # n walks Trump's quotes; every step describes one of his quotes.
        seen: list[str] = []
        for number in range(1, 4):
            terminal.settle()
            before = terminal.snapshot()
            terminal.press("n")
            terminal.wait_for(
                lambda t, before=before: (
                    t.snapshot() != before and bool(QUOTE_STATUS.match(t.status_line()))
                ),
                KEY_TIMEOUT,
                f"a Trump quote in the status line after `n` #{number}",
            )
            terminal.settle()
            seen.append(terminal.status_line())
            # The selected quote stands out without colour too: pyte keeps the reverse video.
            assert article_highlight(terminal), (
                f"no highlighted (reverse video) text in the article after `n` #{number}\n"
                + terminal.describe()
            )
        print(f"[e2e ssh {label}] after n, n, n: {seen}")
        assert all(QUOTE_STATUS.match(line) for line in seen), terminal.describe()
        # the position shows and moves on: "quote 1/9", "quote 2/9", "quote 3/9"
        places = [QUOTE_STATUS.match(line)["at"] for line in seen]  # type: ignore[index]
        assert places == ["1", "2", "3"], seen
        assert any(" · Donald Trump — said" in line for line in seen), (
            f"no `Donald Trump — said …` among {seen}\n{terminal.describe()}"
        )

        terminal.press("q")
        try:
            child.expect(pexpect.EOF, timeout=EXIT_TIMEOUT)
        except pexpect.TIMEOUT:
            terminal.drain()
            pytest.fail(
                f"`q` did not end the session in {EXIT_TIMEOUT:.0f}s\n{terminal.describe()}"
            )
        child.wait()
        assert child.exitstatus == 0, (
            f"ssh/byline exited with status {child.exitstatus} (signal {child.signalstatus})"
        )
    finally:
        if child.isalive():
            child.terminate(force=True)
        child.close(force=True)
