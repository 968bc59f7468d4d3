"""`painwise assess`: one intake or many, from a file or stdin; exit 2 naming bad fields."""

import json
import subprocess
import sys

from tests.clinical.factories import intake


def assess(args, stdin=None):
    return subprocess.run(
        [sys.executable, "-m", "painwise.cli", "assess", *args],
        input=stdin,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_one_intake_from_a_file_gives_one_object(tmp_path):
    path = tmp_path / "one.json"
    path.write_text(json.dumps(intake(red_flags={"saddle_numbness": True})))
    result = assess([str(path)])
    assert result.returncode == 0, result.stderr
    out = json.loads(result.stdout)
    assert out["triage"] == "emergency" and out["program_allowed"] is False


def test_many_intakes_from_stdin_mirror_the_array_in_order():
    data = [
        intake(),
        intake(leg_pain_below_knee=True),
        intake(red_flags={"constant_night_pain": True}),
    ]
    result = assess(["-"], stdin=json.dumps(data))
    assert result.returncode == 0, result.stderr
    assert [o["triage"] for o in json.loads(result.stdout)] == [
        "self_management",
        "review",
        "urgent",
    ]


def test_an_invalid_intake_in_an_array_is_named_by_index_and_field():
    data = [intake(), intake(red_flags={"saddle_numbness": "yes"}), intake(age=12)]
    result = assess(["-"], stdin=json.dumps(data))
    assert result.returncode == 2
    assert result.stdout == ""
    assert "[1].red_flags.saddle_numbness: must be true or false" in result.stderr
    assert "[2].age: Painwise is for adults" in result.stderr


def test_not_json_and_a_missing_file_exit_2(tmp_path):
    assert assess(["-"], stdin="{oops").returncode == 2
    missing = assess([str(tmp_path / "nope.json")])
    assert missing.returncode == 2 and "cannot read" in missing.stderr


def test_an_empty_array_gives_an_empty_array():
    result = assess(["-"], stdin="[]")
    assert result.returncode == 0 and json.loads(result.stdout) == []
