"""Reading a pain diary someone kept elsewhere: a CSV file, one row per entry.

Pure: text in, rows to store and rows skipped (each with its reason) out. The rules, also on
docs/rules/tracking.md ("Importing a diary"):

- The file is UTF-8 text (a byte-order mark is fine) with a header row; commas, semicolons or
  tabs separate the columns. At most ``MAX_ROWS`` rows.
- The person maps columns to fields: ``date`` and ``pain`` are required; ``time``, ``stress``,
  ``sleep_quality``, ``sleep_hours``, ``mood``, ``activity_minutes``, ``steps`` and ``note`` are
  optional.
- A date column holds the person's local date (YYYY-MM-DD, or DD/MM/YYYY and MM/DD/YYYY
  when the ``date_order`` says which; a month as a word, 23 Nov 2026, in any order; a time
  after the date is read too; see ``parse_when``). A timestamp with a UTC offset (or Z) is converted to the
  person's time zone, and its local date counts; a timestamp without an offset is already
  local. A separate time column only orders the day's entries.
- Scores 0-10 may have decimals: they are rounded half up (6.5 becomes 7), and the preview
  says how many were. Scores out of ten (6/10), durations (7:30, 1h 15m) and step counts with
  a thousands separator (5,400) are read as diaries write them (``as_written``). Out of range, unreadable, or a day in the future: the row is skipped,
  with its reason. Hours slept 0-24 (one decimal), minutes 0-1440.
- Steps: Painwise has no steps field; a row's steps are kept in its note ("Steps: 5400").
- A day that already has a check-in in Painwise keeps it; the diary's rows for that day are
  skipped ("you already have this day").
"""

import csv
import datetime as dt
import io
import re
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from painwise.clinical.common import gettext_noop as _
from painwise.clinical.tracking.checkin import MAX_MINUTES, MAX_SLEEP_HOURS, NOTE_MAX

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000  # more than 13 years of one entry a day
FIELDS = (
    "date",
    "time",
    "pain",
    "stress",
    "sleep_quality",
    "sleep_hours",
    "mood",
    "activity_minutes",
    "steps",
    "note",
)
REQUIRED = ("date", "pain")
SCORES = ("pain", "stress", "sleep_quality", "mood")
DATE_ORDERS = ("ymd", "dmy", "mdy")

# Header words that suggest a field, for the first guess of the mapping (the person checks it).
# Headers are compared in lower case with punctuation as spaces ("Sleep (hours)" is "sleep
# hours"); a longer, more specific hint wins over a shorter one ("sleep hours" over "sleep").
HINTS = {
    "date": ("date", "day", "datum", "fecha", "when", "timestamp"),
    "time": ("time", "heure", "hora", "uhrzeit"),
    "pain": (
        "pain",
        "nrs",
        "vas",
        "douleur",
        "schmerz",
        "dolor",
        "pain level",
        "pain score",
        "pain intensity",
        "pain severity",
        "pain rating",
        "average pain",
        "pain average",
    ),
    "stress": ("stress",),
    "sleep_quality": ("sleep quality", "sleep score", "sleep rating", "sleep"),
    "sleep_hours": (
        "hours slept",
        "sleep hours",
        "hours of sleep",
        "hours asleep",
        "sleep duration",
        "sleep h",
        "sleep hrs",
        "slept",
    ),
    "mood": ("mood",),
    "activity_minutes": ("activity", "exercise", "active minutes", "minutes"),
    "steps": ("steps",),
    "note": ("note", "notes", "comment", "comments", "remarks"),
}


class DiaryError(ValueError):
    """The file as a whole cannot be read; nothing is stored."""


@dataclass(frozen=True, slots=True)
class Entry:
    line: int
    date: dt.date
    at: dt.time | None
    values: dict[str, float | int | None]
    note: str


@dataclass(frozen=True, slots=True)
class Skipped:
    line: int
    reason: str  # an English template; the edges translate it
    params: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Diary:
    entries: tuple[Entry, ...]
    skipped: tuple[Skipped, ...]
    rounded: int  # scores that had decimals and were rounded half up
    columns: tuple[str, ...]

    @property
    def days(self) -> int:
        return len({e.date for e in self.entries})


def decode(raw: bytes) -> str:
    if len(raw) > MAX_BYTES:
        raise DiaryError(_("The file is larger than 2 MB. A diary of many years is smaller."))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise DiaryError(
            _('This file is not UTF-8 text. Save it as "CSV UTF-8" and try again.')
        ) from None
    if "\x00" in text:
        raise DiaryError(_("This is not a CSV file (it holds binary data)."))
    return text


MAX_LEADING_LINES = 10
SEPARATORS = (",", ";", "\t")


def leading_lines(text: str) -> int:
    """How many lines stand before the column names: an app's export may open with a title,
    the date it was made, or blank lines. Lines without any separator, at most
    ``MAX_LEADING_LINES``, and only when a line with separators follows them."""
    lines = text.splitlines()[: MAX_LEADING_LINES + 1]
    for number, line in enumerate(lines):
        if any(sep in line for sep in SEPARATORS):
            return number
    return 0


def read_table(text: str) -> tuple[list[str], list[list[str]]]:
    """The header and the rows of a CSV text (the separator is found from the header)."""
    skip = leading_lines(text)
    lines = text.splitlines()[skip:]
    if not lines or not lines[0].strip():
        raise DiaryError(_("The file is empty, or its first line (the column names) is empty."))
    header_line = lines[0]
    delimiter = max(SEPARATORS, key=header_line.count)
    if header_line.count(delimiter) == 0:
        raise DiaryError(
            _("This does not look like a CSV file: the first line has only one column.")
        )
    start = sum(len(line) for line in text.splitlines(keepends=True)[:skip])
    reader = csv.reader(io.StringIO(text[start:]), delimiter=delimiter)
    try:
        rows = list(reader)
    except csv.Error:
        raise DiaryError(_("This does not look like a CSV file.")) from None
    header = [h.strip() for h in rows[0]]
    if len(rows) - 1 > MAX_ROWS:
        raise DiaryError(_("The file has more than 5,000 rows."))
    if len(set(header)) != len(header) or any(not h for h in header):
        raise DiaryError(_("Every column needs its own name in the first line."))
    return header, rows[1:]


def _words(text: str) -> str:
    return " ".join(re.sub(r"[^\w%]+", " ", text.lower()).split())


def guess_mapping(header: Iterable[str]) -> dict[str, str]:
    """A first guess of which column is which field (the person checks and changes it).

    A hint matches a header that is the hint, starts with it, or has it as whole words; the
    closest matches are taken first (a whole header before a start before words inside it,
    then the longer hint), so "Sleep hours" is hours slept and not sleep quality."""
    columns = list(header)
    found = []
    for position, column in enumerate(columns):
        words = _words(column)
        for order, name in enumerate(FIELDS):
            for hint in HINTS[name]:
                if words == hint:
                    closeness = 0
                elif words.startswith(hint + " "):
                    closeness = 1
                elif words.startswith(hint):
                    closeness = 2
                elif re.search(rf"\b{re.escape(hint)}\b", words):
                    closeness = 3
                else:
                    continue
                found.append((closeness, -len(hint), order, position, name, column))
    mapping: dict[str, str] = {}
    for *_rank, name, column in sorted(found):
        if name not in mapping and column not in mapping.values():
            mapping[name] = column
    return {name: mapping[name] for name in FIELDS if name in mapping}


def score(raw: str, low: float, high: float, places: str = "1") -> tuple[Decimal, bool]:
    """A number rounded half up to ``places``; whether it was rounded. ValueError if out of
    range or not a number."""
    text = raw.strip().replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ValueError("not a number") from None
    if not number.is_finite() or not low <= number <= high:
        raise ValueError("out of range")
    rounded = number.quantize(Decimal(places), rounding=ROUND_HALF_UP)
    return rounded, rounded != number


MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("jan", "january"),
            ("feb", "february"),
            ("mar", "march"),
            ("apr", "april"),
            ("may",),
            ("jun", "june"),
            ("jul", "july"),
            ("aug", "august"),
            ("sep", "sept", "september"),
            ("oct", "october"),
            ("nov", "november"),
            ("dec", "december"),
        ),
        start=1,
    )
    for name in names
}
WEEKDAYS = {"mon", "monday", "tue", "tues", "tuesday", "wed", "wednesday", "thu", "thur"}
WEEKDAYS |= {"thurs", "thursday", "fri", "friday", "sat", "saturday", "sun", "sunday"}
ISO_START = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}")
# A UTC offset or zone after a time: "08:30 +01:00", "08:30+0100", "08:30 UTC", "08:30Z".
TRAILING_OFFSET = re.compile(
    r"(?<=[\dMm.])\s*(?P<zone>[+-]\d{2}(?::?\d{2})?|Z|UTC|GMT)$", re.IGNORECASE
)
# A time at the end of a date cell, after a space, a comma or a T: "23/11/2026 8:30 pm".
TRAILING_TIME = re.compile(
    r"^(?P<date>.*?\d)[\sT,]+(?P<time>\d{1,2}[:.]\d{2}(?:[:.]\d{2})?\s*(?:[ap]\.?m\.?)?)$",
    re.IGNORECASE,
)


OUT_OF_TEN = re.compile(r"^(\d+(?:[.,]\d+)?)\s*/\s*10$")
THOUSANDS = re.compile(r"^\d{1,3}(?:[,.\s\u00a0\u202f]\d{3})+$")
# 7:30, 7h30, 7 h 30 min, 1 hr 15 mins, 45 min, 2h
DURATION = re.compile(
    r"^(?:(?P<h>\d+)\s*(?::(?=\d)|h|hrs?|hours?)\s*)?(?:(?P<m>\d+)\s*(?:m|mins?|minutes?)?)?$",
    re.IGNORECASE,
)


def as_written(name: str, raw: str) -> str:
    """A cell as a plain number, where a diary wrote it another common way: a score out of
    ten (6/10), steps with a thousands separator (5,400 or 5.400: steps have no fractions),
    hours slept or minutes of activity as a duration (7:30, 7h 30m, 1 hr 15 mins, 45 min).
    Anything else is left as it is (and read, or refused, as a number)."""
    text = raw.strip()
    if name in SCORES and (found := OUT_OF_TEN.match(text)):
        return found.group(1)
    if name == "steps" and THOUSANDS.match(text):
        return re.sub(r"\D", "", text)
    if name in ("sleep_hours", "activity_minutes") and (minutes := _duration(text)) is not None:
        return str(Decimal(minutes) / 60) if name == "sleep_hours" else str(minutes)
    return text


def _duration(text: str) -> int | None:
    """Minutes, from a duration with a unit or a colon (not a plain number: 7.5 is hours or
    minutes as the field says); None if it is not one (7:75 is not)."""
    found = DURATION.match(text)
    if re.fullmatch(r"\d+(?:[.,]\d+)?", text) or not found or not any(found.groups()):
        return None
    hours, minutes = int(found.group("h") or 0), int(found.group("m") or 0)
    if found.group("h") and minutes >= 60:
        return None
    return hours * 60 + minutes


def parse_when(raw: str, order: str, zone: zoneinfo.ZoneInfo) -> tuple[dt.date, dt.time | None]:
    """A row's local date (and time, when the cell has one). ValueError if it cannot be read.

    Year first is ISO 8601 (2026-11-23, 2026-11-23 08:30, 2026-11-23T08:30+01:00) or written
    with slashes or dots (2026/11/23); otherwise day and month come in the person's
    ``order`` (23/11/2026 or 11/23/2026, with slashes, dots or dashes). A month written as a
    word (23 Nov 2026, Nov 23, 2026) needs no order; a day's name before it is passed over.
    Two-digit years are this century's (23/11/26). A time may follow the date (8:30 pm), and
    a UTC offset the time (+01:00, +0100, Z, UTC, GMT): the moment is then converted to
    ``zone``."""
    text = raw.strip()
    if not text:
        raise ValueError("empty")
    offset = TRAILING_OFFSET.search(text)
    if offset and TRAILING_TIME.match(text[: offset.start()].rstrip()):
        local, at = parse_when(text[: offset.start()], order, zone)
        assert at is not None  # the text before the offset ends with a time
        moment = dt.datetime.combine(local, at, _offset(offset.group("zone")))
        moment = moment.astimezone(zone)
        return moment.date(), moment.time()
    if ISO_START.match(text):
        try:
            moment = dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
        except ValueError:
            pass  # not ISO after all (2026-11-23 8:30 pm): read below
        else:
            if moment.tzinfo is not None:
                moment = moment.astimezone(zone)
            return moment.date(), moment.time() if len(text) > 10 else None
    at = None
    timed = TRAILING_TIME.match(text)
    if timed:
        text, at = timed.group("date"), parse_time(timed.group("time"))
    return _date(text, order), at


def _offset(text: str) -> dt.timezone:
    """+01:00, +0100, -05, Z, UTC or GMT as a fixed offset from UTC."""
    if text.upper() in ("Z", "UTC", "GMT"):
        return dt.UTC
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    hours, minutes = int(digits[:2]), int(digits[2:] or 0)
    if hours > 14 or minutes > 59:
        raise ValueError("not a UTC offset")
    return dt.timezone(sign * dt.timedelta(hours=hours, minutes=minutes))


def _date(text: str, order: str) -> dt.date:
    words = [w for w in re.split(r"[\s/.,\-]+", text.lower()) if w and w not in WEEKDAYS]
    if len(words) != 3 or any(w.isdigit() and len(w) > 4 for w in words):
        raise ValueError("not a date")
    named = [w for w in words if not w.isdigit()]
    if named:
        if len(named) != 1 or named[0] not in MONTHS:
            raise ValueError("not a date")
        month = MONTHS[named[0]]
        day_text, year_text = (w for w in words if w.isdigit())
        if len(day_text) == 4:  # 2026 Nov 23
            day_text, year_text = year_text, day_text
        return dt.date(_year(year_text), month, int(day_text))
    if len(words[0]) == 4:
        year, month, day = (int(w) for w in words)
        return dt.date(year, month, day)
    if order not in ("dmy", "mdy") or len(words[2]) not in (2, 4):
        raise ValueError("not a date in the chosen order")
    first, second = int(words[0]), int(words[1])
    day, month = (first, second) if order == "dmy" else (second, first)
    return dt.date(_year(words[2]), month, day)


def guess_date_order(cells: Iterable[str]) -> str:
    """A first guess of how a column's dates are written, for the person to check: day first
    if some date's first number is over 12 (31/03/2026), month first if some second number is
    (03/31/2026); year first when the dates say nothing either way or both ways."""
    seen = set()
    for cell in cells:
        text = cell.strip()
        timed = TRAILING_TIME.match(text)
        words = re.split(r"[\s/.,\-]+", timed.group("date") if timed else text)
        if len(words) != 3 or not all(w.isdigit() for w in words) or len(words[0]) == 4:
            continue
        first, second = int(words[0]), int(words[1])
        if first > 12 >= second:
            seen.add("dmy")
        elif second > 12 >= first:
            seen.add("mdy")
    return seen.pop() if len(seen) == 1 else "ymd"


def _year(text: str) -> int:
    if len(text) == 2:
        return 2000 + int(text)
    if len(text) != 4:
        raise ValueError("not a year")
    return int(text)


TIME = re.compile(r"^(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?\s*([ap]\.?m\.?)?$", re.IGNORECASE)


def parse_time(raw: str) -> dt.time | None:
    """7:05, 07:05, 19:05:30, 7.05 pm. ValueError for anything else."""
    text = raw.strip()
    if not text:
        return None
    match = TIME.match(text)
    if match is None:
        raise ValueError("not a time")
    hour, minute = int(match.group(1)), int(match.group(2))
    second = int(match.group(3) or 0)
    if match.group(4):
        if not 1 <= hour <= 12:
            raise ValueError("not a time")
        hour = hour % 12 + (12 if match.group(4).lower().startswith("p") else 0)
    return dt.time(hour, minute, second)


def parse(
    text: str,
    mapping: dict[str, str],
    *,
    time_zone: str,
    today: dt.date,
    existing: set[dt.date],
    date_order: str = "ymd",
) -> Diary:
    """Read the diary with the person's mapping (field -> column name)."""
    header, rows = read_table(text)
    missing = [f for f in REQUIRED if not mapping.get(f)]
    if missing:
        raise DiaryError(_("Choose the columns for the date and the pain."))
    unknown = [c for c in mapping.values() if c and c not in header]
    if unknown or any(f not in FIELDS for f in mapping):
        raise DiaryError(_("The mapping names a column the file does not have."))
    if date_order not in DATE_ORDERS:
        raise DiaryError(_("Choose how the dates are written."))
    index = {name: header.index(column) for name, column in mapping.items() if column}
    zone = zoneinfo.ZoneInfo(time_zone)
    entries, skipped, rounded = [], [], 0
    for number, row in enumerate(rows, start=2 + leading_lines(text)):
        if not any(cell.strip() for cell in row):
            continue  # a blank line is not an entry
        cells = {name: row[i] if i < len(row) else "" for name, i in index.items()}
        outcome = _row(number, cells, zone, today, existing, date_order)
        if isinstance(outcome, Skipped):
            skipped.append(outcome)
        else:
            entry, rounded_here = outcome
            entries.append(entry)
            rounded += rounded_here
    entries.sort(key=lambda e: (e.date, e.at or dt.time.min, e.line))
    return Diary(tuple(entries), tuple(skipped), rounded, tuple(header))


def _row(
    line: int,
    cells: dict[str, str],
    zone: zoneinfo.ZoneInfo,
    today: dt.date,
    existing: set[dt.date],
    order: str,
) -> Skipped | tuple[Entry, int]:
    try:
        date, at = parse_when(cells["date"], order, zone)
    except (ValueError, OverflowError):
        return Skipped(line, _("the date {value} cannot be read"), {"value": cells["date"][:40]})
    try:
        at = parse_time(cells.get("time", "")) or at
    except ValueError:
        return Skipped(line, _("the time {value} cannot be read"), {"value": cells["time"][:20]})
    if date > today:
        return Skipped(line, _("{date} has not happened yet"), {"date": date.isoformat()})
    if date in existing:
        return Skipped(
            line,
            _("you already have a check-in on {date} in Painwise; it is kept as it is"),
            {"date": date.isoformat()},
        )
    values: dict[str, float | int | None] = {}
    rounded = 0
    limits = {
        **dict.fromkeys(SCORES, (0, 10, "1")),
        "sleep_hours": (0, MAX_SLEEP_HOURS, "0.1"),
        "activity_minutes": (0, MAX_MINUTES, "1"),
        "steps": (0, 200_000, "1"),
    }
    for name, (low, high, places) in limits.items():
        raw = cells.get(name, "").strip()
        if not raw:
            if name == "pain":
                return Skipped(line, _("the pain is empty"))
            continue
        try:
            number, was_rounded = score(as_written(name, raw), low, high, places)
        except ValueError:
            return Skipped(
                line,
                _("{field} {value} is not a number from {low} to {high}"),
                {
                    "field": name.replace("_", " "),
                    "value": raw[:20],
                    "low": str(low),
                    "high": str(high),
                },
            )
        rounded += was_rounded and name in SCORES
        values[name] = float(number) if places != "1" else int(number)
    note = cells.get("note", "").replace("\x00", "").strip()
    if values.get("steps") is not None:
        note = f"{note} Steps: {values['steps']}".strip()
    values.pop("steps", None)
    return Entry(line, date, at, values, note[:NOTE_MAX]), rounded
