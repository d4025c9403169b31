"""Every README example marked ``<!-- example: NAME -->`` runs, as copied, against a real
`rag serve` on the seed article (its port put in place of 7860), and prints the answer."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest

from tests.conftest import REPO, free_port, rag_env

pytestmark = pytest.mark.slow
EXAMPLE = re.compile(r"<!-- example: (?P<name>[\w-]+) -->\n```(?P<lang>\w+)\n(?P<code>.*?)\n```", re.S)
# what each example's output shows: the answer names all four who attend
NAMES = ("Yoshimasa Hayashi", "Yasukazu Hamada", "Antony Blinken", "Lloyd Austin")


def examples() -> dict[str, tuple[str, str]]:
    found = {m["name"]: (m["lang"], m["code"]) for m in EXAMPLE.finditer((REPO / "README.md").read_text())}
    return found


def test_the_readme_marks_an_example_for_each_way_in():
    assert {"gradio", "api", "openai", "mcp", "feeds", "watch"} <= set(examples())


@pytest.fixture(scope="module")
def server(seed_pipeline):
    from ui.server import serve

    served = serve(seed_pipeline, port=(port := free_port()), block=False)
    yield port
    served.close()


def run(lang: str, code: str, env: dict[str, str], cwd) -> subprocess.CompletedProcess:
    env = {**env, "PATH": f"{REPO / '.venv' / 'bin'}:{env['PATH']}"}
    if lang == "python":
        cmd = [sys.executable, "-c", code]
    else:
        assert lang == "bash", lang
        cmd = ["bash", "-euo", "pipefail", "-c", code]
    return subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True, timeout=300)


SERVER_EXAMPLES = sorted(set(examples()) - {"feeds", "watch"})


@pytest.mark.parametrize("name", SERVER_EXAMPLES)
def test_readme_example_runs_and_answers(name, server, seed_pipeline, tmp_path):
    lang, code = examples()[name]
    code = code.replace("127.0.0.1:7860", f"127.0.0.1:{server}")
    done = run(lang, code, rag_env(seed_pipeline.settings.home, test_models=False), tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    assert all(n in done.stdout for n in NAMES), done.stdout[-2000:]


def test_readme_feed_example_reads_a_feed_and_answers(tmp_path):
    """The feed example against the local news site of tests/newssite.py."""
    from tests.newssite import site_with_a_feed

    site = site_with_a_feed()
    try:
        lang, code = examples()["feeds"]
        code = code.replace("https://news.example.com/feed.xml", f"{site.base}/ferry-feed.xml")
        done = run(lang, code, rag_env(tmp_path / "home", feed_delay="0"), tmp_path)
    finally:
        site.server.shutdown()
    assert done.returncode == 0, done.stderr[-2000:]
    assert "Ida Vance" in done.stdout, done.stdout


def test_readme_watch_example_follows_a_folder(tmp_path):
    """The watch example on a temporary folder: a file written while it runs is indexed,
    and Ctrl+C (SIGINT to its process group) ends it cleanly."""
    import os
    import signal
    import time

    _, code = examples()["watch"]
    news = tmp_path / "news"
    news.mkdir()
    (news / "harbour.txt").write_text("Harbour\n\nThe harbour festival opens on Saturday.\n")
    env = rag_env(tmp_path / "home")
    env["PATH"] = f"{REPO / '.venv' / 'bin'}:{env['PATH']}"
    cmd = ["bash", "-c", code.replace("~/news", str(news))]
    proc = subprocess.Popen(cmd, env=env, cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True, start_new_session=True)  # fmt: skip
    try:
        while "watching" not in (line := proc.stderr.readline()):  # after the progress bar of the whole run
            assert line, "it stopped before watching"
        (news / "ferry.txt").write_text("Ferry\n\nThe ferry to Osby runs again, said Ida Vance.\n")
        deadline = time.monotonic() + 60
        lines = [proc.stdout.readline()]  # the whole run
        while "+1 new" not in lines[-1] and time.monotonic() < deadline:
            lines.append(proc.stdout.readline())
        assert "+1 new" in lines[-1], lines
    finally:
        os.killpg(proc.pid, signal.SIGINT)
        code = proc.wait(timeout=60)
    assert code == 0 and "stopped watching" in proc.stderr.read()
