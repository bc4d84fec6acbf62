"""Property tests: any text at all gives a Plan or a clean InputError, never an exception escaping.

Plans come scraped, re-saved and cut in unforeseen ways, so the readers are fed
arbitrary text, arbitrary bytes and the sample plan mutated by slices deleted,
duplicated or swapped and by the plan's own vocabulary inserted where it least
belongs: the places a hand-written test would not think of.
"""

from __future__ import annotations

import json
import traceback
from pathlib import Path

import jsonschema
import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner, Result

from planwatch.cli import app, sample_path
from planwatch.errors import InputError
from planwatch.ingest import ingest
from planwatch.plan.model import Plan, plan_schema

# Words that steer the outline, table and cell readers: headings, captions, row numbers, fused digits.
VOCABULARY = (
    "第一章",
    "第二节",
    "专栏1",
    "表2",
    "序号",
    "指标",
    "一、",
    "1",
    "2",
    "30272",
    "-",
    "一",
    "以上",
    "预期性",
    "约束性",
    "注:",
    "(",
    ")",
    "、",
    "。",
    "\n",
    *"0123456789",
)

SCHEMA = jsonschema.Draft202012Validator(plan_schema())
SAMPLE_TEXT = sample_path().read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def workdir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder for the module: each example overwrites its file, so no per-example fixture is needed."""
    return tmp_path_factory.mktemp("properties")


def _cut(draw: st.DrawFn, text: str) -> tuple[int, int]:
    """A slice of any length, short ones often: a heading, a cell, a few characters around a cut."""
    start = draw(st.integers(0, len(text)))
    rest = len(text) - start
    return start, start + draw(st.integers(0, min(rest, 40)) | st.integers(0, rest))


@st.composite
def mutated(draw: st.DrawFn, text: str) -> str:
    """The text after a few slices are deleted, duplicated or swapped and words inserted.

    An excerpt (all but one slice deleted) stands for a plan saved in part, and makes short texts common.
    """
    for _ in range(draw(st.integers(1, 6))):
        op = draw(st.sampled_from(("delete", "excerpt", "duplicate", "swap", "insert")))
        if op == "excerpt":
            a, b = _cut(draw, text)
            text = text[a:b]
        elif op == "delete":
            a, b = _cut(draw, text)
            text = text[:a] + text[b:]
        elif op == "duplicate":
            a, b = _cut(draw, text)
            text = text[:b] + text[a:b] + text[b:]
        elif op == "swap":
            p, q, r, s = sorted(draw(st.integers(0, len(text))) for _ in range(4))
            text = text[:p] + text[r:s] + text[q:r] + text[p:q] + text[s:]
        else:
            at = draw(st.integers(0, len(text)))
            words = draw(st.lists(st.sampled_from(VOCABULARY), min_size=1, max_size=8))
            text = text[:at] + "".join(words) + text[at:]
    return text


vocabulary_text = st.lists(st.sampled_from(VOCABULARY) | st.text(max_size=3), max_size=80).map("".join)


def _plan_or_error(path: Path) -> Plan | InputError:
    """Ingest `path`; an InputError is an answer, any other exception fails the test."""
    try:
        plan = ingest(path)
    except InputError as e:
        assert "\n" not in str(e), f"an InputError must be one line: {e!r}"
        return e
    assert isinstance(plan, Plan)
    return plan


@settings(max_examples=150, deadline=None)
@given(text=st.text() | vocabulary_text)
def test_any_unicode_text_gives_a_plan_or_an_input_error(workdir: Path, text: str) -> None:
    path = workdir / "any.txt"
    path.write_bytes(text.encode("utf-8"))
    _plan_or_error(path)


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=4000))
def test_any_bytes_give_a_plan_or_an_input_error(workdir: Path, data: bytes) -> None:
    path = workdir / "bytes.txt"
    path.write_bytes(data)
    _plan_or_error(path)


@settings(max_examples=150, deadline=None)
@given(text=mutated(SAMPLE_TEXT))
def test_mutated_sample_gives_a_plan_or_an_input_error(workdir: Path, text: str) -> None:
    path = workdir / "mutated.txt"
    path.write_bytes(text.encode("utf-8"))
    _plan_or_error(path)


def _exit_code(result: Result) -> int:
    """The exit code `planwatch` gives: `main` turns an InputError escaping the app into 2."""
    if isinstance(result.exception, InputError):
        return 2
    return result.exit_code


@settings(max_examples=100, deadline=None)
@given(text=mutated(SAMPLE_TEXT))
def test_cli_answers_mutated_sample_with_valid_json_or_exit_2(workdir: Path, text: str) -> None:
    path = workdir / "cli.txt"
    path.write_bytes(text.encode("utf-8"))
    result = CliRunner().invoke(app, ["ingest", str(path), "--json"])
    code = _exit_code(result)
    escaped = "".join(traceback.format_exception(*result.exc_info)) if result.exc_info else ""
    assert code in (0, 2), f"exit code {result.exit_code}\n{escaped}"
    if code == 0:
        SCHEMA.validate(json.loads(result.stdout))


def _reading(path: Path) -> dict | str:
    """What ingesting `path` comes to, minus what depends on the file: its name and encoding."""
    answer = _plan_or_error(path)
    if isinstance(answer, InputError):
        return answer.reason
    dump = answer.model_dump(exclude={"source"})
    dump["warnings"] = [w for w in dump["warnings"] if "encoding" not in w["message"].lower()]
    return dump


@settings(max_examples=80, deadline=None)
@given(text=mutated(SAMPLE_TEXT))
# A short excerpt, one character in six a quotation mark (GB2312 punctuation): still text, in any encoding.
@example(text=",协调推进“")
def test_gb18030_and_utf16_read_as_utf8_does(workdir: Path, text: str) -> None:
    utf8 = workdir / "utf-8.txt"
    utf8.write_bytes(text.encode("utf-8"))
    expected = _reading(utf8)
    for encoding in ("gb18030", "utf-16"):
        path = workdir / f"{encoding}.txt"
        path.write_bytes(text.encode(encoding))
        assert _reading(path) == expected, encoding
