"""Neurofeedback sessions: the choices, starting a session, and storing what the acquisition
sends (live details, the baseline, chunks of the record, the summary). The pages, the API and
the acquisition process running beside a local Painwise all come through here."""

import datetime as dt
import json
import secrets
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from painwise.accounts.models import User
from painwise.audit import services as audit
from painwise.clinical.neuro.bands import DEFAULT_BANDS
from painwise.clinical.neuro.protocols import DEFAULT, PROTOCOLS, ProtocolError, custom
from painwise.lib import clock
from painwise.lib.errors import ConflictError, DomainError
from painwise.neurofeedback.boards import BoardError, boards
from painwise.neurofeedback.models import Chunk, NfSession, Profile, Status
from painwise.program import services as program
from painwise.program.models import PlanSource

audit.register(
    {
        "neurofeedback.choose": gettext_lazy("Neurofeedback choices changed"),
        "neurofeedback.start": gettext_lazy("Neurofeedback session started"),
        "neurofeedback.finish": gettext_lazy("Neurofeedback session finished"),
    }
)

# Columns a chunk may hold, each a list of one value per window.
COLUMNS = ("t", "score", "reward", "threshold", "artifact", "held", "rel", "abs")
MAX_CHUNK_WINDOWS = 600  # one minute at 10 Hz; the acquisition sends about 5 s at a time
SUMMARY_KEYS = {
    "seconds",
    "windows",
    "good_windows",
    "time_in_reward",
    "artifacts",
    "mean_score",
    "protocol_change",
    "compute_ms_p50",
    "compute_ms_p99",
    "latency_ms_p50",
    "latency_ms_p95",
    "latency_samples",
    "lost_samples",
    "counter_gaps",
    "disconnects",
    "cpu_percent",
    "blocks",
    "updates_per_second",
}


def profile(patient: User) -> Profile:
    """The person's choices; defaults (not opted in) when they never chose. Never writes."""
    found = Profile.objects.filter(patient=patient).first()
    return found or Profile(patient=patient)


def board_choices() -> list[tuple[str, str]]:
    return [(key, b.label) for key, b in boards().items() if not b.playback]


def custom_terms() -> dict[str, Any] | None:
    """The clinic's own protocol (PAINWISE_NF_CUSTOM_PROTOCOL), checked, or None when there is
    none. A malformed one is a configuration error, reported at start-up by `painwise check`."""
    raw = settings.PAINWISE_NF_CUSTOM_PROTOCOL
    if not raw:
        return None
    try:
        data = json.loads(raw)
        custom(data, [b.name for b in DEFAULT_BANDS])
    except (ValueError, ProtocolError) as exc:
        raise ImproperlyConfigured(f"PAINWISE_NF_CUSTOM_PROTOCOL: {exc}") from None
    return dict(data)


def protocol_keys() -> list[str]:
    return [*PROTOCOLS, *(["custom"] if custom_terms() else [])]


def choose(patient: User, *, opted_in: bool, board: str, protocol: str) -> Profile:
    if board not in dict(board_choices()):
        raise DomainError(_("Choose one of the headsets listed."), field="board")
    if protocol not in protocol_keys():
        raise DomainError(_("Choose one of the training types listed."), field="protocol")
    with transaction.atomic():
        found, _created = Profile.objects.update_or_create(
            patient=patient,
            defaults={"opted_in": opted_in, "board": board, "protocol": protocol},
        )
        audit.record(
            "neurofeedback.choose",
            actor=patient,
            patient=patient,
            obj=found,
            data={"opted_in": opted_in, "board": board, "protocol": protocol},
        )
    _refresh_plan(patient)
    return found


def _refresh_plan(patient: User) -> None:
    """The plan names neurofeedback only for those who opted in: a change of mind gives a
    new plan version at once (when there is a plan and the program is open)."""
    if program.current_plan(patient) is None:
        return
    try:
        program.build_for(patient, actor=patient, source=PlanSource.PATIENT)
    except ConflictError:
        pass  # the program is paused; the next plan will include the choice


def start(patient: User, *, board: str | None = None, protocol: str | None = None) -> NfSession:
    """A new session row, waiting for its acquisition to start. One live session at a time:
    an older one still marked live is closed as not finished."""
    chosen = profile(patient)
    board = board or chosen.board
    protocol = protocol or chosen.protocol or DEFAULT
    try:
        boards()[board]
    except (KeyError, BoardError):
        raise DomainError(
            _("That headset is not set up on this Painwise."), field="board"
        ) from None
    if protocol not in protocol_keys():
        raise DomainError(_("Unknown training type."), field="protocol")
    engine = {
        "baseline_seconds": settings.PAINWISE_NF_BASELINE_SECONDS,
        "individual_alpha": settings.PAINWISE_NF_INDIVIDUAL_ALPHA,
    }
    if protocol == "custom":
        engine["protocol_terms"] = custom_terms()
    with transaction.atomic():
        for old in NfSession.objects.select_for_update().filter(patient=patient, status__in=_LIVE):
            _close(old, Status.FAILED, _("This session was left before it finished."))
        session = NfSession.objects.create(
            patient=patient,
            local_date=clock.local_today(patient.time_zone),
            board=board,
            protocol=protocol,
            stream_key=secrets.token_urlsafe(24),
            settings=engine,
        )
        audit.record("neurofeedback.start", actor=patient, patient=patient, obj=session)
    return session


_LIVE = [Status.STARTING, Status.CHECKING, Status.CALIBRATING, Status.TRAINING]


def _close(session: NfSession, status: str, message: str = "") -> None:
    session.status = status
    session.message = message[:300]
    session.finished_at = clock.now()
    session.stream_url = ""
    session.save(update_fields=["status", "message", "finished_at", "stream_url"])


def own_session(patient: User, pk: int) -> NfSession:
    found = NfSession.objects.filter(pk=pk, patient=patient).first()
    if found is None:
        raise NfSession.DoesNotExist
    return found


def _live(session: NfSession) -> None:
    if not session.live:
        raise ConflictError(_("This session has ended."))


def report(
    session: NfSession,
    *,
    status: str,
    message: str = "",
    stream_url: str | None = None,
    details: dict[str, Any] | None = None,
) -> NfSession:
    """What the acquisition says about a live session: its phase, where its stream is, and
    (on failure) why, in words for the person."""
    _live(session)
    if status not in Status.values or status == Status.STARTING:
        raise DomainError(f"unknown status {status!r}", field="status")
    if status == Status.FAILED:
        _close(session, status, message)
        return session
    session.status = status
    session.message = message[:300]
    fields = ["status", "message"]
    if stream_url is not None:
        if stream_url and not stream_url.startswith(("http://127.0.0.1:", "http://localhost:")):
            raise DomainError("the stream must be on this computer (127.0.0.1)", field="stream_url")
        session.stream_url = stream_url
        fields.append("stream_url")
    if details:
        session.settings = {**session.settings, **details}
        fields.append("settings")
    session.save(update_fields=fields)
    return session


def save_baseline(session: NfSession, baseline: dict[str, Any]) -> NfSession:
    _live(session)
    for key in ("medians", "spreads", "windows", "rejected"):
        if key not in baseline:
            raise DomainError(f"the baseline lacks {key}", field="baseline")
    session.baseline = baseline
    session.save(update_fields=["baseline"])
    return session


def add_chunk(session: NfSession, seq: int, block: int, data: dict[str, Any]) -> bool:
    """Store a piece of the record. Sending the same piece again (a retry after a lost
    answer) stores nothing new and is not an error. Returns whether it was new."""
    _live(session)
    unknown = set(data) - set(COLUMNS)
    if unknown:
        raise DomainError(f"unknown columns: {', '.join(sorted(unknown))}", field="data")
    times = data.get("t")
    if not isinstance(times, list) or not times or len(times) > MAX_CHUNK_WINDOWS:
        raise DomainError(f"t must list 1 to {MAX_CHUNK_WINDOWS} window times", field="data")
    for key, values in data.items():
        series = values.values() if isinstance(values, dict) else [values]
        if isinstance(values, dict) and len(values) > 16:
            raise DomainError(f"{key}: at most 16 bands", field="data")
        if any(not isinstance(v, list) or len(v) != len(times) for v in series):
            raise DomainError(f"{key}: one value per window, as in t", field="data")
    if Chunk.objects.filter(session=session, seq=seq).exists():
        return False
    try:
        with transaction.atomic():
            Chunk.objects.create(session=session, seq=seq, block=block, data=data)
    except IntegrityError:
        return False
    return True


def finish(
    session: NfSession, summary: dict[str, Any], events: list[dict[str, Any]] | None = None
) -> NfSession:
    """The session's end, with its summary (the acquisition computes it from the record)."""
    if session.status == Status.FINISHED:
        return session  # a retried finish
    _live(session)
    unknown = set(summary) - SUMMARY_KEYS
    if unknown:
        raise DomainError(f"unknown summary fields: {', '.join(sorted(unknown))}", field="summary")
    with transaction.atomic():
        session.summary = summary
        session.events = list(events or [])[:500]
        session.stream_key = ""
        _close(session, Status.FINISHED)
        session.save(update_fields=["summary", "events", "stream_key"])
        audit.record(
            "neurofeedback.finish",
            actor=session.patient,
            patient=session.patient,
            obj=session,
            data={"seconds": summary.get("seconds"), "windows": summary.get("windows")},
        )
    return session


def history(patient: User, limit: int = 30) -> list[NfSession]:
    """The latest finished sessions, oldest first."""
    found = NfSession.objects.filter(patient=patient, status=Status.FINISHED).order_by(
        "-started_at"
    )[:limit]
    return list(reversed(found))


def done_on(patient: User, day: dt.date) -> bool:
    return NfSession.objects.filter(
        patient=patient, local_date=day, status=Status.FINISHED
    ).exists()


def record(session: NfSession) -> dict[str, list[Any]]:
    """The whole record, column by column, chunks joined in order."""
    out: dict[str, Any] = {}
    for chunk in session.chunks.all():
        for key, values in chunk.data.items():
            if isinstance(values, dict):
                target = out.setdefault(key, {})
                for band, series in values.items():
                    target.setdefault(band, []).extend(series)
            else:
                out.setdefault(key, []).extend(values)
            out.setdefault("block", [])
        out["block"].extend([chunk.block] * len(chunk.data.get("t", [])))
    return out
