"""Pacing checkpoints: Today goes on from where the worker left the replay, and shows what a
replay from the first day shows; what can change older days drops them."""

import datetime as dt
import random
import re

import pytest
from django.urls import reverse

from painwise.clinical.program import pacing
from painwise.lib import clock
from painwise.program import services
from painwise.program.models import ActivityLog, ActivityTrack, FlareDeclaration, PacingCheckpoint
from painwise.tracking.models import CheckIn

DAYS = 500


GAP = range(200, 206)  # days of the history without a check-in


def _history(patient, days=DAYS, seed=7):
    """``days`` days of logs and check-ins up to yesterday for every activity, with flares
    declared and shown by pain now and then, and no check-ins on the ``GAP`` days."""
    rng = random.Random(seed)
    today = services.today_for(patient)
    first = today - dt.timedelta(days=days)
    tracks = list(ActivityTrack.objects.filter(patient=patient))
    for track in tracks:  # a goal far off, so that every week of the past counts today
        track.baseline, track.goal, track.quota_start, track.started_on = 10.0, 500, first, first
        track.save()
    logs, checkins, declared = [], [], []
    for i in range(days):
        day = first + dt.timedelta(days=i)
        spell = i % 61 in (30, 31, 32)  # pain well above the usual for three days
        if i not in GAP:
            checkins.append(
                CheckIn(
                    patient=patient,
                    local_date=day,
                    pain_now=5,
                    pain_average=rng.choice([3, 4, 5]) + (4 if spell else 0),
                    flare=rng.random() < 0.01,
                )
            )
        if rng.random() < 0.01:
            declared.append(FlareDeclaration(patient=patient, local_date=day))
        for track in tracks:
            if rng.random() < 0.95:
                logs.append(ActivityLog(track=track, local_date=day, amount=rng.uniform(50, 90)))
    CheckIn.objects.bulk_create(checkins)
    FlareDeclaration.objects.bulk_create(declared)
    ActivityLog.objects.bulk_create(logs)
    return tracks


def _seen(states):
    return [
        (s.track.pk, s.state.quota, s.state.phase, s.state.floor, s.state.events[-1:], s.done_today)
        for s in states
    ]


def _same_as_from_the_start(patient):
    recent, whole = services.track_states(patient, recent=True), services.track_states(patient)
    assert _seen(recent) == _seen(whole)
    return recent


@pytest.fixture
def long_history(ready):
    tracks = _history(ready)
    assert tracks
    return ready


@pytest.fixture
def replayed(monkeypatch):
    """How many days each pacing replay is given, in order, from here on."""
    lengths = []
    real_run = pacing.run

    def counting(**kwargs):
        lengths.append(len(kwargs["days"]))
        return real_run(**kwargs)

    monkeypatch.setattr(pacing, "run", counting)
    return lengths


@pytest.mark.django_db
class TestCheckpoints:
    def test_today_reads_only_the_days_since_the_checkpoint_and_shows_the_same(
        self, long_history, replayed
    ):
        patient = long_history
        assert services.move_checkpoints() == ActivityTrack.objects.filter(patient=patient).count()
        on = services.today_for(patient) - dt.timedelta(days=services.CHECKPOINT_LAG_DAYS)
        assert set(PacingCheckpoint.objects.values_list("as_of", flat=True)) == {on}
        assert services.move_checkpoints() == 0  # nothing due until it is a week older
        replayed.clear()
        _same_as_from_the_start(patient)
        bounded, full = replayed[: len(replayed) // 2], replayed[len(replayed) // 2 :]
        most = services.CHECKPOINT_LAG_DAYS + pacing.lookback_days(services.pacing_settings())
        assert max(bounded) <= most + 1 < DAYS - len(GAP) <= min(full)

    def test_today_page_is_the_same_with_and_without_checkpoints(self, client, long_history):
        def page():
            text = client.get(reverse("program:today")).content.decode()
            return re.sub(r'(csrfmiddlewaretoken" value|nonce)="[^"]*"', "", text)

        client.force_login(long_history)
        before = page()
        services.move_checkpoints()
        assert page() == before

    def test_done_my_quota_logs_what_was_left_reading_only_recent_days(
        self, client, long_history, replayed
    ):
        """The everyday tap ("Done: I did my quota") goes on from the checkpoint as Today does,
        and logs what a replay from the first day says was left."""
        patient = long_history
        services.move_checkpoints()
        track = ActivityTrack.objects.filter(patient=patient).order_by("pk").first()
        left = next(s for s in services.track_states(patient) if s.track == track).remaining
        assert left
        replayed.clear()
        client.force_login(patient)
        response = client.post(reverse("program:log"), {"track": track.pk, "rest_of_quota": "1"})
        assert response.status_code == 302
        today = services.today_for(patient)
        logged = ActivityLog.objects.filter(track=track, local_date=today).get()
        assert logged.amount == pytest.approx(left)
        most = services.CHECKPOINT_LAG_DAYS + pacing.lookback_days(services.pacing_settings())
        assert replayed and max(replayed) <= most + 1

    def test_checkpoints_move_on_a_week_later_from_the_last_one(self, long_history):
        patient = long_history
        services.move_checkpoints()
        later = clock.now() + dt.timedelta(days=services.CHECKPOINT_EVERY_DAYS + 1)
        import time_machine

        with time_machine.travel(later, tick=False):
            assert services.move_checkpoints() > 0
            on = services.today_for(patient) - dt.timedelta(days=services.CHECKPOINT_LAG_DAYS)
            for stored in PacingCheckpoint.objects.all():
                assert stored.as_of == on
                track = ActivityTrack.objects.get(pk=stored.track_id)
                whole = pacing.checkpoint(
                    baseline=10.0,
                    goal=track.goal,
                    quota_start=track.quota_start,
                    days=services._inputs(patient, [track], None).day_logs(
                        track, track.quota_start, on
                    ),
                    on=on,
                    settings=services.pacing_settings(track),
                )
                assert pacing.Checkpoint.from_dict(stored.data) == whole
            _same_as_from_the_start(patient)

    def test_an_imported_diary_drops_the_checkpoints_it_reaches_back_past(
        self, client, long_history
    ):
        from django.core.files.uploadedfile import SimpleUploadedFile

        patient = long_history
        services.move_checkpoints()
        # Days of a flare that the history did not have, long before the checkpoint.
        first = services.today_for(patient) - dt.timedelta(days=DAYS) + dt.timedelta(GAP[0])
        rows = [f"{first + dt.timedelta(days=i)},10" for i in range(len(GAP))]
        stale = services.track_states(patient, recent=True)
        client.force_login(patient)
        url = reverse("tracking:import_diary")
        text = "\n".join(["Date,Pain", *rows]) + "\n"
        client.post(url, {"step": "upload", "file": SimpleUploadedFile("d.csv", text.encode())})
        from painwise.tracking.models import DiaryUpload

        upload = DiaryUpload.objects.get().pk
        data = {"step": "confirm", "upload": upload, "date": "Date", "pain": "Pain"}
        assert client.post(url, {**data, "date_order": "ymd"}).status_code == 302
        assert not PacingCheckpoint.objects.exists()
        assert _seen(_same_as_from_the_start(patient)) != _seen(stale)

    def test_an_edited_imported_day_drops_the_checkpoints_after_it(self, long_history):
        from painwise.tracking.services import edit_checkin

        patient = long_history
        services.move_checkpoints()
        old = CheckIn.objects.filter(patient=patient).order_by("local_date")[40]
        old.created_at, old.imported = clock.now(), True  # imported today: editable today
        old.save()
        stale = services.track_states(patient, recent=True)
        edit_checkin(old.pk, patient, {"pain_average": 10, "flare": True})
        assert not PacingCheckpoint.objects.filter(as_of__gte=old.local_date).exists()
        assert _seen(_same_as_from_the_start(patient)) != _seen(stale)

    def test_a_checkpoint_another_version_wrote_is_not_used(self, long_history):
        patient = long_history
        services.move_checkpoints()
        for stored in PacingCheckpoint.objects.all():
            stored.data["settings"]["a_setting_gone_since"] = 1
            stored.save()
        _same_as_from_the_start(patient)
        PacingCheckpoint.objects.update(data={"date": "not a date"})
        _same_as_from_the_start(patient)

    def test_a_checkpoint_of_another_baseline_or_step_is_not_used(self, long_history):
        patient = long_history
        services.move_checkpoints()
        track = ActivityTrack.objects.filter(patient=patient).first()
        services.adjust_track(
            track,
            goal=track.goal,
            baseline=None,
            weekly_increment=0.15,
            reason="Slower climb",
            by=patient,
        )
        _same_as_from_the_start(patient)
        ActivityTrack.objects.filter(pk=track.pk).update(baseline=12.0)
        _same_as_from_the_start(patient)

    def test_a_track_still_in_its_baseline_week_keeps_an_empty_checkpoint(self, ready):
        services.rebuild_if_stale(ready)
        assert services.move_checkpoints() >= 1
        assert all(c.data is None for c in PacingCheckpoint.objects.all())
        assert services.move_checkpoints() == 0
        _same_as_from_the_start(ready)


@pytest.mark.django_db
@pytest.mark.parametrize("started", [36, 38, 41, 43])
def test_a_quota_that_starts_near_the_checkpoint_reads_no_day_before_its_start(ready, started):
    """No pain before the start, 9 from it, 10 on the two days after the checkpoint: from the
    start that is no flare (the week before is all 9s); had the days before the start been
    read (all 0s), it would be one."""
    _history(ready, days=90)
    today = services.today_for(ready)
    start = today - dt.timedelta(days=started)
    after = today - dt.timedelta(days=services.CHECKPOINT_LAG_DAYS - 2)
    for checkin in CheckIn.objects.filter(patient=ready):
        day = checkin.local_date
        checkin.pain_average = (
            0 if day < start else 10 if day in (after, after - dt.timedelta(1)) else 9
        )
        checkin.flare = False
        checkin.save()
    FlareDeclaration.objects.all().delete()
    ActivityTrack.objects.filter(patient=ready).update(
        quota_start=start, started_on=start - dt.timedelta(days=7)
    )
    services.move_checkpoints()
    assert PacingCheckpoint.objects.filter(data__isnull=False).exists()
    states = _same_as_from_the_start(ready)
    assert all(s.state.events[-1][1].rule != "pacing_flare" for s in states)
