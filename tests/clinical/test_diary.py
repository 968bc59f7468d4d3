"""Reading a pain diary kept elsewhere (clinical/tracking/diary.py)."""

import datetime as dt
import zoneinfo

import pytest

from painwise.clinical.tracking.diary import (
    DiaryError,
    as_written,
    decode,
    guess_date_order,
    guess_mapping,
    parse,
    parse_time,
    parse_when,
    read_table,
)

TODAY = dt.date(2026, 11, 22)
MAP = {"date": "Date", "pain": "Pain"}


def run(text, mapping=MAP, tz="Europe/London", existing=frozenset(), order="ymd"):
    return parse(text, mapping, time_zone=tz, today=TODAY, existing=set(existing), date_order=order)


def test_decimals_are_rounded_half_up_and_counted():
    diary = run("Date,Pain\n2026-11-01,6.5\n2026-11-02,6.4\n2026-11-03,7\n2026-11-04,0.5\n")
    assert [e.values["pain"] for e in diary.entries] == [7, 6, 7, 1]
    assert diary.rounded == 3


def test_out_of_range_unreadable_and_future_rows_are_skipped_with_their_reason():
    text = "Date,Pain\n2026-11-01,11\n2026-11-02,-1\n2026-11-03,bad\nnot a date,5\n2026-11-23,5\n2026-11-05,\n"
    diary = run(text)
    assert diary.entries == ()
    reasons = [(s.line, s.reason) for s in diary.skipped]
    assert [line for line, _r in reasons] == [2, 3, 4, 5, 6, 7]
    assert "not a number from {low} to {high}" in reasons[0][1]
    assert "cannot be read" in reasons[3][1]
    assert "has not happened yet" in reasons[4][1]
    assert "pain is empty" in reasons[5][1]


def test_a_day_already_in_painwise_keeps_its_check_in():
    diary = run("Date,Pain\n2026-11-01,5\n2026-11-02,6\n", existing={dt.date(2026, 11, 1)})
    assert [e.date for e in diary.entries] == [dt.date(2026, 11, 2)]
    assert "already have a check-in" in diary.skipped[0].reason


def test_a_timestamp_with_an_offset_counts_on_the_persons_own_date():
    # 03:30 UTC on 2 Nov is still 1 Nov in New York; a plain date is taken as it is.
    diary = run(
        "Date,Pain\n2026-11-02T03:30:00Z,5\n2026-11-02 03:30,6\n2026-11-03,7\n",
        tz="America/New_York",
    )
    assert [e.date for e in diary.entries] == [
        dt.date(2026, 11, 1),
        dt.date(2026, 11, 2),
        dt.date(2026, 11, 3),
    ]
    assert diary.entries[0].at == dt.time(22, 30)


def test_a_time_column_orders_the_days_entries():
    diary = run(
        "Date,Time,Pain\n2026-11-01,7.05 pm,6\n2026-11-01,08:15,4\n",
        {**MAP, "time": "Time"},
    )
    assert [(e.at, e.values["pain"]) for e in diary.entries] == [
        (dt.time(8, 15), 4),
        (dt.time(19, 5), 6),
    ]
    assert parse_time("7:05") == dt.time(7, 5)
    with pytest.raises(ValueError):
        parse_time("25:00")


def test_day_first_and_month_first_dates():
    assert run("Date,Pain\n03/04/2026,5\n", order="dmy").entries[0].date == dt.date(2026, 4, 3)
    assert run("Date,Pain\n03/04/2026,5\n", order="mdy").entries[0].date == dt.date(2026, 3, 4)


LONDON = zoneinfo.ZoneInfo("Europe/London")
NOV_23 = dt.date(2026, 11, 23)


@pytest.mark.parametrize(
    ("raw", "order", "when"),
    [
        ("2026-11-23", "dmy", (NOV_23, None)),
        ("2026/11/23", "ymd", (NOV_23, None)),
        ("2026.11.23", "mdy", (NOV_23, None)),
        ("2026-11-23 20:30", "ymd", (NOV_23, dt.time(20, 30))),
        ("2026-11-23 8:30 pm", "ymd", (NOV_23, dt.time(20, 30))),
        ("2026-11-23T21:30:00+01:00", "ymd", (NOV_23, dt.time(20, 30))),
        ("23/11/2026 20:30", "dmy", (NOV_23, dt.time(20, 30))),
        ("11/23/2026 8:30 PM", "mdy", (NOV_23, dt.time(20, 30))),
        ("23.11.2026 08.30", "dmy", (NOV_23, dt.time(8, 30))),
        ("23-11-2026", "dmy", (NOV_23, None)),
        ("23/11/26", "dmy", (NOV_23, None)),
        ("11/23/26, 7:05", "mdy", (NOV_23, dt.time(7, 5))),
        ("23 Nov 2026", "ymd", (NOV_23, None)),
        ("23-Nov-26", "mdy", (NOV_23, None)),
        ("November 23, 2026", "dmy", (NOV_23, None)),
        ("Mon, 23 November 2026 19:00", "ymd", (NOV_23, dt.time(19, 0))),
        ("Monday 23 Sept 2026", "ymd", (dt.date(2026, 9, 23), None)),
        ("2026 Nov 23", "ymd", (NOV_23, None)),
        ("2026-11-23 20:30:00 +0100", "ymd", (NOV_23, dt.time(19, 30))),
        ("2026-11-23 20:30 UTC", "ymd", (NOV_23, dt.time(20, 30))),
        ("23/11/2026 21:30 +01:00", "dmy", (NOV_23, dt.time(20, 30))),
        ("11/23/2026 8:30 PM GMT", "mdy", (NOV_23, dt.time(20, 30))),
        ("23/11/2026 15:30 -05", "dmy", (NOV_23, dt.time(20, 30))),
        ("24/11/2026 00:30 +05:00", "dmy", (NOV_23, dt.time(19, 30))),  # the day before here
    ],
)
def test_dates_as_diaries_write_them(raw, order, when):
    assert parse_when(raw, order, LONDON) == when


@pytest.mark.parametrize(
    ("raw", "order"),
    [
        ("23/11/2026", "ymd"),  # day or month first? The person has not said
        ("31/11/2026", "dmy"),  # no such day
        ("13/23/2026", "dmy"),
        ("23/11/226", "dmy"),
        ("23 Nox 2026", "dmy"),
        ("23 Nov", "dmy"),
        ("Nov Dec 2026", "dmy"),
        ("23/11/2026 25:00", "dmy"),
        ("yesterday", "dmy"),
        ("2026-11-23 noon", "ymd"),
        ("99999999999999999999/1/2026", "dmy"),
        ("1/99999999999999999999/2026", "mdy"),
        ("99999999999999999999 Nov 2026", "dmy"),
        ("2026/99999999999999999999/1", "ymd"),
        ("2026-99999999999999999999-1", "ymd"),
        ("9" * 1000, "ymd"),
        ("23/11/2026 08:30 +1500", "dmy"),  # no such offset
        ("23/11/2026 08:30 +01:75", "dmy"),
    ],
)
def test_a_date_that_cannot_be_read_is_refused(raw, order):
    with pytest.raises(ValueError):
        parse_when(raw, order, LONDON)


@pytest.mark.parametrize(
    ("cells", "order"),
    [
        (["01/03/2026", "31/03/2026 8:30 pm"], "dmy"),
        (["03/01/2026", "03/31/2026"], "mdy"),
        (["3.4.2026", "13.4.26"], "dmy"),
        (["01/03/2026", "02/03/2026"], "ymd"),  # could be either: the person says
        (["13/01/2026", "01/13/2026"], "ymd"),  # both ways: the person says
        (["2026-03-31", "2026/03/31", "31 Mar 2026", "", "n/a"], "ymd"),
    ],
)
def test_the_date_order_is_guessed_only_when_the_dates_tell(cells, order):
    assert guess_date_order(cells) == order


@pytest.mark.parametrize(
    ("field", "raw", "number"),
    [
        ("pain", "6/10", "6"),
        ("stress", "6.5 / 10", "6.5"),
        ("pain", "6/5", "6/5"),  # not out of ten: refused below as not a number
        ("steps", "5,400", "5400"),
        ("steps", "12.345", "12345"),
        ("steps", "1 234 567", "1234567"),
        ("steps", "5,4", "5,4"),
        ("sleep_hours", "7:30", "7.5"),
        ("sleep_hours", "7h30", "7.5"),
        ("sleep_hours", "7 hrs 30 mins", "7.5"),
        ("sleep_hours", "450 min", "7.5"),
        ("sleep_hours", "7,5", "7,5"),
        ("sleep_hours", "7:75", "7:75"),
        ("activity_minutes", "1:15", "75"),
        ("activity_minutes", "1 hr 15 mins", "75"),
        ("activity_minutes", "2h", "120"),
        ("activity_minutes", "45", "45"),
        ("pain", "7:30", "7:30"),  # a duration is not a score
    ],
)
def test_numbers_as_diaries_write_them(field, raw, number):
    assert as_written(field, raw) == number


def test_a_diary_of_scores_out_of_ten_durations_and_step_counts():
    text = (
        "Date,Pain,Slept,Walked,Steps\n"
        '2026-11-01,6/10,7:20,1h 15m,"5,400"\n'
        "2026-11-02,4,6h,45 min,812\n"
        "2026-11-03,6/5,8,30,100\n"
    )
    mapping = {**MAP, "pain": "Pain", "sleep_hours": "Slept"}
    mapping |= {"activity_minutes": "Walked", "steps": "Steps"}
    diary = run(text, mapping)
    assert [(e.values, e.note) for e in diary.entries] == [
        ({"pain": 6, "sleep_hours": 7.3, "activity_minutes": 75}, "Steps: 5400"),
        ({"pain": 4, "sleep_hours": 6.0, "activity_minutes": 45}, "Steps: 812"),
    ]
    assert [s.line for s in diary.skipped] == [4]


def test_an_exports_title_lines_before_the_column_names_are_passed_over():
    text = (
        "My pain diary\r\nExported 22 Nov 2026\r\n\r\nDate,Pain\r\n2026-11-01,5\r\nnot a date,4\r\n"
    )
    header, rows = read_table(text)
    assert (header, rows) == (["Date", "Pain"], [["2026-11-01", "5"], ["not a date", "4"]])
    diary = run(text)
    assert [e.date for e in diary.entries] == [dt.date(2026, 11, 1)]
    assert [s.line for s in diary.skipped] == [6]  # the line as a spreadsheet numbers it
    with pytest.raises(DiaryError, match="only one column"):
        read_table("".join(f"line {i}\n" for i in range(12)) + "Date,Pain\n2026-11-01,5\n")


def test_a_two_digit_year_is_this_centurys_and_a_row_with_a_time_is_ordered_by_it():
    diary = run("Date,Pain\n01/11/26 21:00,6\n01/11/26 07:30,4\n", order="dmy")
    assert [(e.date, e.at) for e in diary.entries] == [
        (dt.date(2026, 11, 1), dt.time(7, 30)),
        (dt.date(2026, 11, 1), dt.time(21, 0)),
    ]


def test_optional_fields_steps_in_the_note_and_semicolons():
    text = "Datum;Pain;Stress;Hours slept;Steps;Notes\n2026-11-01;5;3,5;7,25;5400;walk\n"
    header, _rows = read_table(text)
    mapping = guess_mapping(header)
    assert mapping == {
        "date": "Datum",
        "pain": "Pain",
        "stress": "Stress",
        "sleep_hours": "Hours slept",
        "steps": "Steps",
        "note": "Notes",
    }
    [entry] = run(text, mapping).entries
    assert entry.values == {"pain": 5, "stress": 4, "sleep_hours": 7.3}
    assert entry.note == "walk Steps: 5400"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "not UTF-8"),
        ("Date,Pain\n2026-11-01,5\n".encode("utf-16"), "not UTF-8"),
        (b"", "empty"),
        (b"just one column\n1\n", "only one column"),
        (b"x" * (2 * 1024 * 1024 + 1), "larger than 2 MB"),
        (b"Date,Date\n1,2\n", "its own name"),
    ],
)
def test_bad_files_get_a_clear_message(raw, message):
    with pytest.raises(DiaryError, match=message):
        read_table(decode(raw))


def test_the_mapping_must_name_columns_of_the_file_and_the_required_fields():
    with pytest.raises(DiaryError, match="date and the pain"):
        run("Date,Pain\n2026-11-01,5\n", {"date": "Date"})
    with pytest.raises(DiaryError, match="does not have"):
        run("Date,Pain\n2026-11-01,5\n", {"date": "Date", "pain": "Ache"})


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        # Hours of sleep are not a sleep rating, however the header puts it.
        ("Date,Pain,Sleep hours", {"date": "Date", "pain": "Pain", "sleep_hours": "Sleep hours"}),
        ("Date,Pain,Sleep (hours)", {"sleep_hours": "Sleep (hours)"}),
        (
            "Date,Pain,Sleep (h),Sleep quality",
            {"sleep_hours": "Sleep (h)", "sleep_quality": "Sleep quality"},
        ),
        ("Date,Pain,Sleep,Hours slept", {"sleep_quality": "Sleep", "sleep_hours": "Hours slept"}),
        # The pain score, not the pain's place or kind, when a diary has several pain columns.
        ("Date,Pain location,Pain level (0-10)", {"pain": "Pain level (0-10)"}),
        ("Date,Worst pain,Average pain", {"pain": "Average pain"}),
        ("Timestamp,Pain", {"date": "Timestamp", "pain": "Pain"}),
        (
            "date_formatted,time_of_day,pain_score,notes",
            {
                "date": "date_formatted",
                "time": "time_of_day",
                "pain": "pain_score",
                "note": "notes",
            },
        ),
        ("Weekday,Date,Pain", {"date": "Date"}),
    ],
)
def test_the_first_guess_takes_the_closest_header(header, expected):
    mapping = guess_mapping(header.split(","))
    assert {k: mapping.get(k) for k in expected} == expected
    assert len(set(mapping.values())) == len(mapping)  # one column, one field
