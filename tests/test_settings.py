from pathlib import Path

import pytest

from rag.errors import ConfigError
from rag.settings import DEFAULT_EMBED_MODEL, Settings


def test_defaults_without_environment():
    s = Settings.load(env={})
    assert s.home == Path(".rag")
    assert s.embed_model == DEFAULT_EMBED_MODEL
    assert s.chroma_url == "" and s.chroma_mode == "embedded"


def test_flag_beats_env_beats_default():
    env = {"RAG_HOME": "/tmp/from-env", "RAG_CHUNK_SIZE": "128"}
    assert Settings.load(env=env).home == Path("/tmp/from-env")
    assert Settings.load(env=env).chunk_size == 128
    s = Settings.load(env=env, home="/tmp/from-flag", chunk_size=None)
    assert s.home == Path("/tmp/from-flag")
    assert s.chunk_size == 128  # None means "flag not given"


def test_chroma_url_selects_server_mode():
    s = Settings.load(env={"RAG_CHROMA_URL": "http://127.0.0.1:8123"})
    assert s.chroma_mode == "server http://127.0.0.1:8123"


@pytest.mark.parametrize(
    "env",
    [
        {"RAG_CHUNK_SIZE": "big"},
        {"RAG_CHUNK_SIZE": "8"},
        {"RAG_CHUNK_OVERLAP": "500"},
        {"RAG_CHROMA_URL": "localhost:8000"},
        {"RAG_CHROMA_TOKEN_HEADER": "X-Api-Key"},
        {"RAG_CHROMA_TOKEN": "has a space"},
        {"RAG_PERIOD_MARGIN": "-1"},
    ],
)
def test_bad_values_are_one_line_errors(env):
    with pytest.raises(ConfigError) as err:
        Settings.load(env=env)
    assert "\n" not in str(err.value)


def test_secrets_stay_out_of_the_settings_repr():
    s = Settings.load(env={"RAG_CHROMA_TOKEN": "chroma-s3cret", "RAG_LLM_API_KEY": "llm-s3cret"})
    assert s.chroma_token == "chroma-s3cret" and s.llm_api_key == "llm-s3cret"
    assert "s3cret" not in repr(s)
