"""The built wheel is self-contained: installed into a fresh venv, it loads, publishes and serves.

The wheel is built from a copy of the files a source distribution holds (pyproject.toml,
README.md, factdb/, api/), so nothing stale from an earlier build and nothing else of the
checkout can slip in. It is installed with pip (no index, no dependencies) into a new venv
that sees the locked dependencies through a .pth line naming the project venv's
site-packages: a path added by a .pth line is searched after the venv's own site-packages,
and the .pth files inside it (the editable install of factdb) are not run, so `factdb` and
`api` can only come from the wheel. Every command runs from a directory outside the
checkout, and the test checks where factdb, its SQL, its schema docs and its lexicon
were read from.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import sysconfig
import time
import urllib.request
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ("pyproject.toml", "README.md", "factdb", "api")
ARTICLE = """\
Flooding closes the coastal highway

Heavy rain flooded the coastal highway on Tuesday, the regional transport office said.
At least 40 homes were evacuated in Marlow, officials said, and 3 bridges were closed.
"The water rose faster than we expected," said Dana Whitfield, the mayor of Marlow.
"""


def _run(cmd: list[str], cwd: Path, env: dict[str, str], timeout: float = 120) -> str:
    done = subprocess.run(cmd, cwd=cwd, env=env, capture_output=True, text=True,
                          timeout=timeout)
    assert done.returncode == 0, f"{cmd}\n{done.stdout[-3000:]}\n{done.stderr[-3000:]}"
    return done.stdout


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture(scope="module")
def wheel_venv(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str]]:
    base = tmp_path_factory.mktemp("wheel")
    src = base / "src"
    src.mkdir()
    for name in SOURCES:
        if (ROOT / name).is_dir():
            shutil.copytree(ROOT / name, src / name,
                            ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(ROOT / name, src / name)
    dist = base / "dist"
    env = {k: v for k, v in os.environ.items()
           if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    _run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
          "--no-index", "-q", "-w", str(dist), str(src)], cwd=base, env=env, timeout=300)
    wheels = list(dist.glob("factdb-*.whl"))
    assert len(wheels) == 1, wheels

    target = base / "venv"
    venv.EnvBuilder(with_pip=False, symlinks=True).create(target)
    python = target / "bin" / "python"
    site = Path(_run([str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
                     cwd=base, env=env).strip())
    (site / "locked_dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n",
                                                 encoding="utf-8")
    _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
          "--no-index", "-q", str(wheels[0])], cwd=base, env=env, timeout=300)
    env["PATH"] = f"{target / 'bin'}{os.pathsep}{env.get('PATH', '')}"
    return target, env


def test_the_wheel_carries_its_data(wheel_venv: tuple[Path, dict[str, str]],
                                    tmp_path: Path) -> None:
    target, env = wheel_venv
    script = (
        "import json, factdb, api, factdb.db as db, factdb.queries as q\n"
        "from importlib import resources\n"
        "print(json.dumps({'factdb': factdb.__file__, 'api': api.__file__,\n"
        "    'sql': str(db.SQL_DIR), 'doc': db.SCHEMA_DOC.is_file(),\n"
        "    'migrations': [v for v, _, _ in db.migrations()], 'queries': sorted(q.registry()),\n"
        "    'lexicon': any(p.name == 'event_lexicon.yaml'\n"
        "                   for p in (resources.files('factdb') / 'lang').iterdir())}))\n")
    found = json.loads(_run([str(target / "bin" / "python"), "-c", script], cwd=tmp_path,
                            env=env))
    for key in ("factdb", "api", "sql"):
        assert Path(found[key]).resolve().is_relative_to(target.resolve()), found
    assert found["doc"] and found["lexicon"], found
    from factdb import db, queries

    assert found["migrations"] == [v for v, _, _ in db.migrations()]
    assert found["queries"] == sorted(queries.registry())


def test_the_wheel_loads_publishes_and_serves(wheel_venv: tuple[Path, dict[str, str]],
                                              tmp_path: Path) -> None:
    target, env = wheel_venv
    factdb = str(target / "bin" / "factdb")
    (tmp_path / "articles").mkdir()
    (tmp_path / "articles" / "flood.txt").write_text(ARTICLE, encoding="utf-8")
    database = tmp_path / "facts.duckdb"
    out = _run([factdb, "load", "articles", "--db", str(database)], cwd=tmp_path, env=env,
               timeout=300)
    assert "counts" in out
    out = _run([factdb, "query", "article_facts", "-p", "article=x", "--db", str(database),
                "--json"], cwd=tmp_path, env=env)
    assert json.loads(out) == []
    out = _run([factdb, "publish", "published", "--db", str(database)], cwd=tmp_path, env=env)
    assert "canned queries" in out and "warning" not in out, out
    metadata = (tmp_path / "published" / "metadata.yml").read_text(encoding="utf-8")
    assert "article_facts" in metadata

    port = _free_port()
    server = subprocess.Popen(
        [factdb, "serve", "--db", str(database), "--port", str(port), "--datasette",
         str(tmp_path / "published")], cwd=tmp_path, env=env, stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT, text=True)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=2) as r:
                    assert r.status == 200
                    health = json.loads(r.read())
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        assert health["status"] == "ok"
        url = f"http://127.0.0.1:{port}/v1/queries/corroboration"
        with urllib.request.urlopen(url, timeout=10) as r:
            assert json.loads(r.read())["query"] == "corroboration"
        # the analyst pages: templates and stylesheet come from the wheel (docs/adr/0013)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/pages/", timeout=10) as r:
            assert "What the articles report" in r.read().decode()
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/pages/static/pages.css",
                                    timeout=10) as r:
            assert b".article-text" in r.read()
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
