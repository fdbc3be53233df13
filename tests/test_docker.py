"""The Dockerfile, checked without a Docker engine.

Its structure (stages, locked install, non-root user, volume, health check, port) is read
from the file; the factdb commands it runs at build time are run here with click's
CliRunner (with /data mapped to a temporary directory), and its CMD is started as a
process whose health is probed with the HEALTHCHECK's own command.
"""

from __future__ import annotations

import fnmatch
import json
import os
import re
import shlex
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from factdb.cli import main

ROOT = Path(__file__).resolve().parent.parent
DOCKERFILE = ROOT / "Dockerfile"


@dataclass(frozen=True)
class Instruction:
    stage: int
    keyword: str
    args: str


def parse_dockerfile(text: str) -> list[Instruction]:
    """Instructions with continuation lines joined and comments dropped."""
    logical: list[str] = []
    current = ""
    for raw in text.splitlines():
        line = raw.strip()
        if not current and (not line or line.startswith("#")):
            continue
        if line.startswith("#"):
            continue
        if line.endswith("\\"):
            current += line[:-1] + " "
            continue
        logical.append(current + line)
        current = ""
    out, stage = [], -1
    for line in logical:
        keyword, _, args = line.partition(" ")
        if keyword.upper() == "FROM":
            stage += 1
        out.append(Instruction(stage, keyword.upper(), args.strip()))
    return out


INSTRUCTIONS = parse_dockerfile(DOCKERFILE.read_text(encoding="utf-8"))
FINAL = max(i.stage for i in INSTRUCTIONS)


def _in(stage: int, keyword: str) -> list[Instruction]:
    return [i for i in INSTRUCTIONS if i.stage == stage and i.keyword == keyword]


def _exec_form(args: str) -> list[str]:
    value = json.loads(args)
    assert isinstance(value, list) and all(isinstance(v, str) for v in value)
    return value


def _factdb_commands(instruction: Instruction) -> list[list[str]]:
    parts = (_exec_form(instruction.args) if instruction.args.startswith("[")
             else [p for p in shlex.split(instruction.args)])
    commands, current = [], []
    for p in parts + ["&&"]:
        if p == "&&":
            if current and current[0] == "factdb":
                commands.append(current[1:])
            current = []
        else:
            current.append(p)
    return commands


def _env(stage: int) -> dict[str, str]:
    env: dict[str, str] = {}
    for i in _in(stage, "ENV"):
        for item in shlex.split(i.args):
            key, _, value = item.partition("=")
            env[key] = value
    return env


def test_two_stages_from_python_slim() -> None:
    froms = [i.args for i in INSTRUCTIONS if i.keyword == "FROM"]
    assert froms == ["python:3.11-slim AS builder", "python:3.11-slim"]


def test_builder_installs_the_locked_requirements_with_hashes() -> None:
    runs = " ".join(i.args for i in _in(0, "RUN"))
    assert re.search(r"pip install --require-hashes --no-deps -r requirements\.lock", runs)
    # factdb itself is installed from its built wheel, never as an editable checkout
    assert re.search(r"pip wheel --no-deps --no-build-isolation --no-index -w (\S+) \.", runs)
    assert re.search(r"pip install --no-deps --no-index \S+/factdb-\*\.whl", runs)
    assert " -e " not in runs
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    pins = re.findall(r"^([A-Za-z0-9_.\-\[\]]+)==\S+ \\\n((?:\s+--hash=sha256:[0-9a-f]{64}"
                      r"(?: \\)?\n)+)", lock, flags=re.M)
    assert len(pins) == len(re.findall(r"^\S+==", lock, flags=re.M)) > 50


def test_final_stage_copies_the_venv_and_runs_as_non_root() -> None:
    copies = [i.args for i in _in(FINAL, "COPY")]
    assert "--from=builder /opt/venv /opt/venv" in copies
    users = _in(FINAL, "USER")
    assert len(users) == 1 and users[0].args not in ("root", "0", "")
    order = [i.keyword for i in INSTRUCTIONS if i.stage == FINAL]
    assert order.index("USER") < order.index("CMD")
    build_runs = [k for k, i in enumerate(INSTRUCTIONS)
                  if i.stage == FINAL and i.keyword == "RUN" and "factdb load" in i.args]
    assert build_runs and INSTRUCTIONS.index(users[0]) < build_runs[0]
    assert "/opt/venv/bin" in _env(FINAL)["PATH"]


def test_volumes_are_declared_after_the_database_is_built() -> None:
    volumes = _in(FINAL, "VOLUME")
    assert len(volumes) == 1 and _exec_form(volumes[0].args) == ["/articles", "/data"]
    load = next(i for i in INSTRUCTIONS if i.keyword == "RUN" and "factdb load" in i.args)
    assert INSTRUCTIONS.index(load) < INSTRUCTIONS.index(volumes[0])


def test_port_and_command() -> None:
    (expose,) = _in(FINAL, "EXPOSE")
    (cmd,) = _in(FINAL, "CMD")
    assert _exec_form(cmd.args) == ["factdb", "serve", "--host", "0.0.0.0", "--port",
                                    expose.args, "--db", "/data/factdb.duckdb"]
    assert _env(FINAL)["FACTDB_DB"] == "/data/factdb.duckdb"


def test_healthcheck_uses_python_not_curl() -> None:
    (check,) = _in(FINAL, "HEALTHCHECK")
    options, _, command = check.args.partition("CMD ")
    assert re.search(r"--interval=\d+s", options) and re.search(r"--timeout=\d+s", options)
    argv = _exec_form(command)
    assert argv[:2] == ["python", "-c"]
    compile(argv[2], "<healthcheck>", "exec")
    assert "/health" in argv[2] and ":8000/" in argv[2]
    final_text = " ".join(i.args for i in INSTRUCTIONS if i.stage == FINAL)
    assert "curl" not in final_text and "wget" not in final_text


def _ignored(path: str, patterns: list[str]) -> bool:
    for pattern in patterns:
        p = pattern.strip("/").rstrip("/")
        if fnmatch.fnmatch(path, p) or fnmatch.fnmatch(path, p + "/*") or path.startswith(
                p + "/"):
            return True
    return False


def test_copied_files_exist_and_are_not_docker_ignored() -> None:
    patterns = [line.strip() for line in
                (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.startswith("#")]
    sources = []
    for i in INSTRUCTIONS:
        if i.keyword == "COPY" and "--from=" not in i.args:
            sources += shlex.split(i.args)[:-1]
    assert {"requirements.lock", "pyproject.toml", "factdb/", "api/", "seeds/"} <= set(sources)
    for source in sources:
        assert (ROOT / source).exists(), source
        assert not _ignored(source.rstrip("/"), patterns), source
    for needed in ["factdb/sql/schema.md", "factdb/sql/schema/001_core.sql",
                   "factdb/sql/queries/article_facts.sql", "factdb/lang/event_lexicon.yaml",
                   "factdb/cli.py"]:
        assert not _ignored(needed, patterns)
    assert _ignored(".venv", patterns) and _ignored("x.duckdb", patterns)


def _local(args: list[str], data: Path) -> list[str]:
    """A Dockerfile command's arguments with the image's paths mapped to this machine."""
    out = []
    for a in args:
        if a.startswith("/data"):
            a = str(data) + a[len("/data"):]
        elif a == "seeds/":
            a = str(ROOT / "seeds")
        out.append(a)
    return out


def _resolve(args: list[str]) -> click.Context:
    """Parse a command line the way the CLI would, without running it."""
    command: click.Command = main
    rest, name = list(args), "factdb"
    while isinstance(command, click.Group):
        name = rest.pop(0)
        assert name in command.commands, name
        command = command.commands[name]
    return command.make_context(name, rest)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_build_commands_run_and_the_command_serves_healthy(tmp_path: Path) -> None:
    data = tmp_path / "data"
    data.mkdir()
    runs = [c for i in INSTRUCTIONS if i.keyword == "RUN" and i.stage == FINAL
            for c in _factdb_commands(i)]
    assert [c[0] for c in runs] == ["load", "publish"]
    env = {k: _local([v], data)[0] for k, v in _env(FINAL).items() if k.startswith("FACTDB_")}
    for args in runs:
        result = CliRunner().invoke(main, _local(args, data), env=env, catch_exceptions=False)
        assert result.exit_code == 0, (args, result.output)
    assert (data / "factdb.duckdb").is_file()
    assert (Path(env["FACTDB_PUBLISH_DIR"]) / "metadata.yml").is_file()

    (cmd,) = _in(FINAL, "CMD")
    argv = _exec_form(cmd.args)
    ctx = _resolve(argv[1:])
    assert ctx.params == {"host": "0.0.0.0", "port": 8000, "db_path": "/data/factdb.duckdb",
                          "publish_dir": None, "no_datasette": False}

    port = _free_port()
    local = _local(argv[1:], data)
    local[local.index("--host") + 1] = "127.0.0.1"
    local[local.index("--port") + 1] = str(port)
    log_path = tmp_path / "serve.log"
    log = log_path.open("wb")
    server = subprocess.Popen([sys.executable, "-c", "from factdb.cli import main; main()",
                               *local],
                              env={**os.environ, **env}, stdout=log, stderr=subprocess.STDOUT)
    (check,) = _in(FINAL, "HEALTHCHECK")
    code = _exec_form(check.args.partition("CMD ")[2])[2].replace(":8000/", f":{port}/")
    try:
        deadline = time.monotonic() + 60
        while True:
            probe = subprocess.run([sys.executable, "-c", code], capture_output=True,
                                   timeout=30, check=False)
            if probe.returncode == 0:
                break
            if server.poll() is not None or time.monotonic() > deadline:
                output = log_path.read_text(errors="replace")
                pytest.fail(f"not healthy: {probe.stderr.decode()[-500:]}\n{output[-2000:]}")
            time.sleep(0.5)
    finally:
        server.terminate()
        server.wait(timeout=10)
        log.close()
