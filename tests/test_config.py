"""The model choice: --model, then $BYLINE_MODEL, then the config file, then the default."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.cli import main
from tui.config import ConfigError, load_config
from tui.nlp.pipeline import DEFAULT_MODEL, resolve_model_name


@pytest.fixture
def config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "config.toml"
    monkeypatch.setenv("BYLINE_CONFIG", str(path))
    monkeypatch.delenv("BYLINE_MODEL", raising=False)
    return path


def test_without_a_config_file_the_default_model_is_used(config_file: Path) -> None:
    assert load_config().model is None
    assert resolve_model_name() == DEFAULT_MODEL


def test_the_config_file_chooses_the_model(config_file: Path) -> None:
    config_file.write_text('[engine]\nmodel = "en_core_web_lg"\n', encoding="utf-8")
    assert resolve_model_name() == "en_core_web_lg"


def test_environment_beats_config_and_flag_beats_both(
    config_file: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_file.write_text('[engine]\nmodel = "en_core_web_lg"\n', encoding="utf-8")
    monkeypatch.setenv("BYLINE_MODEL", "en_core_web_md")
    assert resolve_model_name() == "en_core_web_md"
    assert resolve_model_name("en_core_web_trf") == "en_core_web_trf"


@pytest.mark.parametrize(
    "content",
    ["[engine\nmodel = 1", '[engine]\nmodel = ""\n', "engine = 3\n", '[engine]\nmodel = ["a"]\n'],
)
def test_a_broken_config_file_is_a_clear_error(config_file: Path, content: str) -> None:
    config_file.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"config\.toml"):
        load_config()


def test_the_cli_reports_a_broken_config_in_one_line(
    config_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config_file.write_text("[engine\n", encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Headline\nShe said it rained.\n", encoding="utf-8")
    assert main(["annotate", str(article)]) != 0
    err = capsys.readouterr().err
    assert "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 and "config.toml" in err


def test_a_missing_model_named_in_the_config_is_a_clear_error(
    config_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    config_file.write_text('[engine]\nmodel = "no_such_pipeline_xyz"\n', encoding="utf-8")
    article = tmp_path / "a.txt"
    article.write_text("Headline\nShe said it rained.\n", encoding="utf-8")
    assert main(["annotate", str(article)]) != 0
    err = capsys.readouterr().err
    assert "no_such_pipeline_xyz" in err and "Traceback" not in err


def test_keys_remap_binding_ids(config_file: Path) -> None:
    config_file.write_text('[keys]\n"reader.next_quote" = "m,ctrl+n"\n', encoding="utf-8")
    assert load_config().keys == {"reader.next_quote": "m,ctrl+n"}


@pytest.mark.parametrize("content", ['[keys]\n"reader.next_quote" = 1\n', "keys = 2\n"])
def test_bad_keys_are_a_clear_error(config_file: Path, content: str) -> None:
    config_file.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=r"\[keys\]"):
        load_config()
