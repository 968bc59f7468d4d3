"""The `painwise` command line.

Commands that need Django set it up lazily, so `painwise assess` (pure clinical core) starts in
a fraction of a second. Configuration errors and an unreachable database end in one clear line
on stderr and a non-zero exit, never in a traceback.
"""

import argparse
import functools
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn

EXIT_OK = 0
EXIT_FAILED = 1
EXIT_USAGE = 2

Command = Callable[[argparse.Namespace], int]


def fail(message: str, code: int = EXIT_FAILED) -> NoReturn:
    print(f"painwise: {message}", file=sys.stderr)
    raise SystemExit(code)


def setup_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "painwise.web.settings")
    from django.core.exceptions import ImproperlyConfigured

    try:
        import django

        django.setup()
    except ImproperlyConfigured as exc:
        fail(f"configuration error: {exc}", EXIT_USAGE)


def describe_database() -> str:
    from django.db import connection

    params = connection.settings_dict
    if connection.vendor == "sqlite":
        return f"SQLite at {params['NAME']}"
    host = params.get("HOST") or "localhost"
    port = params.get("PORT") or "5432"
    return f"PostgreSQL database {params.get('NAME')!r} at {host}:{port}"


def require_database() -> None:
    """Exit with one clear line if the database cannot be reached."""
    from django.db import connection

    try:
        connection.ensure_connection()
    except Exception as exc:  # noqa: BLE001 - every driver error becomes one readable line
        first_line = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        fail(f"cannot reach the database ({describe_database()}): {first_line}")


def unapplied_migrations() -> list[str]:
    from django.db import connection
    from django.db.migrations.executor import MigrationExecutor

    executor = MigrationExecutor(connection)
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _ in plan]


def require_migrated() -> None:
    pending = unapplied_migrations()
    if pending:
        fail(f"{len(pending)} database migrations are not applied yet; run `painwise setup` first")


def with_database(*, migrated: bool = True) -> Callable[[Command], Command]:
    """Set Django up, then insist the database answers (and, by default, is migrated)."""

    def decorator(command: Command) -> Command:
        @functools.wraps(command)
        def run(args: argparse.Namespace) -> int:
            setup_django()
            require_database()
            if migrated:
                require_migrated()
            return command(args)

        return run

    return decorator


# --- commands ----------------------------------------------------------------------------------


@with_database(migrated=False)
def cmd_setup(args: argparse.Namespace) -> int:
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0 if args.quiet else 1)
    call_command("collectstatic", interactive=False, verbosity=0)
    from painwise.program.services import build_missing_plans

    built = build_missing_plans()
    if built and not args.quiet:
        print(f"Built {built} plans that were missing.")
    print(f"Database ready: {describe_database()}")
    return EXIT_OK


@with_database(migrated=False)
def cmd_check(args: argparse.Namespace) -> int:
    print(f"database: reachable ({describe_database()})")
    pending = unapplied_migrations()
    if pending:
        print(f"migrations: {len(pending)} not applied (run `painwise setup`)", file=sys.stderr)
        return EXIT_FAILED
    print("migrations: all applied")
    from django.core.management import call_command
    from django.core.management.base import SystemCheckError

    try:
        call_command("check", deploy=args.deploy, fail_level="WARNING" if args.deploy else "ERROR")
    except SystemCheckError as exc:
        print(str(exc), file=sys.stderr)
        return EXIT_FAILED
    return EXIT_OK


@with_database()
def cmd_serve(args: argparse.Namespace) -> int:
    from django.core import checks
    from gunicorn.app.base import BaseApplication

    from painwise.web.wsgi import application

    # A configuration mistake stops the start with one clear line per problem, not a 500 on
    # every page that meets it later.
    errors = [m for m in checks.run_checks() if m.level >= checks.ERROR]
    if errors:
        fail("configuration error:\n" + "\n".join(f"  {m.id}: {m.msg}" for m in errors), EXIT_USAGE)

    class Server(BaseApplication):  # type: ignore[misc]
        def load_config(self) -> None:
            self.cfg.set("bind", f"{args.host}:{args.port}")
            self.cfg.set("workers", args.workers)
            self.cfg.set("threads", args.threads)
            self.cfg.set("accesslog", "-")
            self.cfg.set("logger_class", "painwise.web.logs.RedactingLogger")
            self.cfg.set("forwarded_allow_ips", os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1"))

        def load(self) -> object:
            return application

    worker = None
    if args.with_worker:
        import subprocess

        # One command for a single machine: the worker runs beside the web server and stops
        # with it (the server's own shutdown runs the finally block).
        worker = subprocess.Popen([sys.executable, "-m", "painwise.cli", "worker"])  # noqa: S603
    print(f"Painwise is running at http://{args.host}:{args.port}/  (press Ctrl+C to stop)")
    try:
        Server().run()
    finally:
        if worker is not None:
            worker.terminate()
            worker.wait(timeout=10)
    return EXIT_OK


@with_database()
def cmd_worker(args: argparse.Namespace) -> int:
    from painwise.lib.jobs import run

    try:
        run(interval=args.interval, once=args.once)
    except KeyboardInterrupt:
        pass
    return EXIT_OK


@with_database()
def cmd_demo(args: argparse.Namespace) -> int:
    from painwise.demo import load_demo

    for line in load_demo():
        print(line)
    return EXIT_OK


MAX_PROBLEMS_SHOWN = 50


def cmd_assess(args: argparse.Namespace) -> int:
    """Evaluate one intake (object) or many (array) and print the results as JSON. Exit 0, or
    2 with one line per problem naming the field (and, for an array, the index)."""
    import json

    from painwise.clinical.assessment.batch import evaluate_document

    try:
        text = sys.stdin.read() if args.file == "-" else Path(args.file).read_text("utf-8")
    except OSError as exc:
        fail(f"assess: cannot read {args.file}: {exc.strerror}", EXIT_USAGE)
    except UnicodeDecodeError:
        fail(f"assess: {args.file} is not UTF-8 text", EXIT_USAGE)
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        fail(f"assess: {args.file} is not valid JSON: {exc}", EXIT_USAGE)
    output, problems = evaluate_document(document)
    if problems:
        lines = [f"  {line}" for line in problems[:MAX_PROBLEMS_SHOWN]]
        if len(problems) > MAX_PROBLEMS_SHOWN:
            lines.append(f"  ... and {len(problems) - MAX_PROBLEMS_SHOWN} more")
        fail(
            f"assess: invalid intake ({len(problems)} problem(s)):\n" + "\n".join(lines), EXIT_USAGE
        )
    # One write: json.dump() to a stream writes thousands of small pieces, which is slow.
    sys.stdout.write(json.dumps(output, indent=2 if isinstance(output, dict) else None) + "\n")
    return EXIT_OK


def cmd_gmi(args: argparse.Namespace) -> int:
    """Write left/right judgement pictures (SVG) and a manifest.json with each one's answer.
    Pure core: no database, no Django."""
    import json

    from painwise.clinical.gmi.generate import LEVELS, manifest_entry, session_pictures

    if args.count < 1 or args.count > 100_000:
        fail("gmi generate: --count must be from 1 to 100000", EXIT_USAGE)
    if args.level not in LEVELS:
        fail(f"gmi generate: --level must be one of {sorted(LEVELS)}", EXIT_USAGE)
    parts = tuple(args.part) if args.part else ("trunk", "neck", "hand", "foot")
    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        entries = []
        pictures = session_pictures(args.seed, args.count, parts, args.level)
        width = len(str(args.count))
        for index, pic in enumerate(pictures):
            name = f"gmi-{args.seed}-{index:0{width}d}.svg"
            (out / name).write_text(pic.svg(), "utf-8")
            entries.append(manifest_entry(pic, name, args.seed, index, args.level))
        manifest = {"seed": args.seed, "count": args.count, "level": args.level, "images": entries}
        (out / "manifest.json").write_text(json.dumps(manifest, indent=1) + "\n", "utf-8")
    except OSError as exc:
        fail(f"gmi generate: cannot write to {out}: {exc.strerror}")
    print(f"wrote {args.count} pictures and manifest.json to {out}")
    return EXIT_OK


def cmd_nf_analyze(args: argparse.Namespace) -> int:
    """Band powers per window of an EEG recording, one JSON object a line. Exit 2 with one
    line for a file that is not EEG, lacks a channel asked for, or is cut short."""
    import json

    from painwise.clinical.neuro.analysis import analyze
    from painwise.clinical.neuro.bands import match_channels
    from painwise.clinical.neuro.settings import NeuroSettings
    from painwise.neurofeedback.recordings import RecordingError, read

    if args.window <= 0 or args.step <= 0:
        fail("neurofeedback analyze: --window and --step must be above 0 seconds", EXIT_USAGE)
    try:
        recording = read(args.file, args.board)
    except RecordingError as exc:
        fail(f"neurofeedback analyze: {exc}", EXIT_USAGE)
    wanted = [c for c in (args.channels or "").split(",") if c.strip()]
    try:
        channels = (
            match_channels(recording.names, wanted) if wanted else list(range(len(recording.names)))
        )
    except KeyError as exc:
        fail(
            f"neurofeedback analyze: no channel {exc.args[0]!r} in {Path(args.file).name} "
            f"(it has {', '.join(recording.names)})",
            EXIT_USAGE,
        )
    if recording.seconds < args.window:
        fail(
            f"neurofeedback analyze: {Path(args.file).name} holds {recording.seconds:.2f} s, "
            f"less than one {args.window} s window",
            EXIT_USAGE,
        )
    windows = analyze(
        recording.data,
        recording.fs,
        recording.names,
        channels,
        NeuroSettings(),
        args.window,
        args.step,
    )
    sys.stdout.write("".join(json.dumps(w.to_dict()) + "\n" for w in windows))
    return EXIT_OK


def cmd_nf_run(args: argparse.Namespace) -> int:
    """Run a session's acquisition on this computer: the headset through BrainFlow, the live
    stream to the session page, the record to the Painwise server through its API."""
    import urllib.error

    from painwise.neurofeedback.acquire import AcquireError, Api, Session, open_brainflow
    from painwise.neurofeedback.boards import BoardError, board

    key = os.environ.get("PAINWISE_NF_KEY", "")
    token = args.token or os.environ.get("PAINWISE_TOKEN", "")
    if args.session and not key:
        fail("neurofeedback run: --session needs the session key in PAINWISE_NF_KEY", EXIT_USAGE)
    if not args.session and not token:
        fail("neurofeedback run: give --token (or PAINWISE_TOKEN) to start a session", EXIT_USAGE)
    api = Api(args.server, key=key, token="" if key else token)
    try:
        if args.session:
            api.session_id = args.session
            details = api.details()
        else:
            details = api.create(args.board, args.protocol)
            print(
                f"Session {details['id']} started. Open "
                f"{args.server.rstrip('/')}/practice/neurofeedback/{details['id']}/ in your "
                "browser on this computer."
            )
    except (urllib.error.URLError, TimeoutError, ConnectionError) as exc:
        fail(f"neurofeedback run: cannot reach Painwise at {args.server}: {exc}")
    try:
        found = board(details["board"])
    except BoardError as exc:
        api.send("/report", {"status": "failed", "message": str(exc)})
        fail(f"neurofeedback run: {exc}")
    if found.playback and not args.file:
        fail("neurofeedback run: the playback board needs --file", EXIT_USAGE)
    from painwise.clinical.neuro.settings import NeuroSettings

    engine = details["settings"]
    try:
        Session(
            found,
            details["protocol"],
            api,
            api.key,
            baseline_seconds=float(engine.get("baseline_seconds", 60)),
            settings=NeuroSettings(individual_alpha=bool(engine.get("individual_alpha"))),
            open_board=lambda b: open_brainflow(b, args.file or ""),
            terms=engine.get("protocol_terms"),
        ).run()
    except AcquireError as exc:
        api.send("/report", {"status": "failed", "message": str(exc)})
        fail(f"neurofeedback run: {exc}")
    return EXIT_OK


@with_database()
def cmd_create_clinician(args: argparse.Namespace) -> int:
    from painwise.accounts.services import AccountError, create_clinician

    try:
        user = create_clinician(email=args.email, display_name=args.name, password=args.password)
    except AccountError as exc:
        fail(str(exc))
    hint = "" if args.password else " (no password yet: they set one with 'Forgot your password?')"
    print(f"Created clinician {user.email}{hint}")
    return EXIT_OK


@with_database()
def cmd_create_admin(args: argparse.Namespace) -> int:
    from painwise.accounts.models import User

    if User.objects.filter(email__iexact=args.email).exists():
        fail(f"An account with the email {args.email} already exists")
    User.objects.create_superuser(args.email, args.password, display_name=args.name)
    print(f"Created staff admin {args.email}")
    return EXIT_OK


def _patient(email: str) -> Any:
    """The patient account with this email, or a usage error."""
    from painwise.accounts.models import Role

    user: Any = _user(email)
    if user.role != Role.PATIENT:
        fail(f"{email} is not a patient account", EXIT_USAGE)
    return user


def _user(email: str) -> object:
    from painwise.accounts.models import User

    user = User.objects.filter(email__iexact=email).first()
    if user is None:
        fail(f"no account with the email {email}")
    return user


@with_database(migrated=False)
def cmd_link(args: argparse.Namespace) -> int:
    from painwise.accounts.services import AccountError, link_patient

    try:
        link_patient(patient=_user(args.patient), clinician=_user(args.clinician))  # type: ignore[arg-type]
    except AccountError as exc:
        fail(str(exc))
    print(f"{args.clinician} now treats {args.patient}")
    return EXIT_OK


@with_database(migrated=False)
def cmd_token(args: argparse.Namespace) -> int:
    from painwise.accounts.services import issue_token

    key = issue_token(_user(args.email), args.name)  # type: ignore[arg-type]
    print(key)
    print("Keep this token secret. It is shown only once.", file=sys.stderr)
    return EXIT_OK


@with_database()
def cmd_insights(args: argparse.Namespace) -> int:
    import time

    from painwise.tracking.services import recompute_all_insights, recompute_insights

    start = time.perf_counter()
    if args.all:
        patients, rows = recompute_all_insights()
        print(
            f"Recomputed personal patterns for {patients} patients "
            f"({rows} check-ins) in {time.perf_counter() - start:.1f} s"
        )
        return EXIT_OK
    if not args.email:
        fail("give a patient's email, or --all", EXIT_USAGE)
    snapshot = recompute_insights(_user(args.email))  # type: ignore[arg-type]
    for insight in snapshot.data.get("insights", []):
        print(f"- {insight['text']}")
    if not snapshot.data.get("insights"):
        print("No pattern is clear enough to show yet.")
    return EXIT_OK


@with_database()
def cmd_plan(args: argparse.Namespace) -> int:
    from painwise.assessment.services import program_status
    from painwise.program import services

    patient = _user(args.email)
    status = program_status(patient)  # type: ignore[arg-type]
    if not status.open:
        print(f"No plan: the program is {status.state.replace('_', ' ')} for {args.email}.")
        return EXIT_FAILED
    plan = services.plan_for(patient)  # type: ignore[arg-type]
    if plan is None:
        print(f"No plan yet for {args.email}: run `painwise setup` to build missing plans.")
        return EXIT_FAILED
    data = plan.data
    print(f"Plan for {args.email} ({plan.get_source_display()}, {plan.created_at:%Y-%m-%d})")
    print(
        f"  intensity: {data['intensity']}, {data['daily_minutes']} minutes a day, review {data['review_date']}"
    )
    for module in data["modules"]:
        print(f"  - {module['key']} ({module['minutes']} min): {module['reason']['text']}")
    print(f"  exercises: {', '.join(data['exercises'])}")
    for st in services.track_states(patient):  # type: ignore[arg-type]
        quota = (
            "baseline week"
            if st.state.quota is None
            else f"quota {st.state.quota:.1f} {st.track.unit}"
        )
        print(
            f"  activity {st.track.key}: {quota} (goal {st.track.goal:g}, done today {st.done_today:g})"
        )
    return EXIT_OK


@with_database()
def cmd_export_fhir(args: argparse.Namespace) -> int:
    """A patient's record as a FHIR R4B Bundle: JSON on standard output, or in --out FILE."""
    import json

    from painwise.audit import services as audit
    from painwise.records import fhir

    patient = _patient(args.email)
    document = fhir.bundle(patient)
    audit.record("records.fhir_exported", actor=None, patient=patient, data={"via": "cli"})
    text = json.dumps(document, indent=2, ensure_ascii=False)
    if args.out:
        try:
            with open(args.out, "w", encoding="utf-8") as out:
                out.write(text + "\n")
        except OSError as error:
            fail(f"cannot write {args.out}: {error.strerror}", EXIT_FAILED)
        found = ", ".join(f"{n} {kind}" for kind, n in fhir.counts(document).items())
        print(f"Wrote {args.out}: {found}", file=sys.stderr)
    else:
        print(text)
    return EXIT_OK


@with_database()
def cmd_import_diary(args: argparse.Namespace) -> int:
    """Import a pain diary (CSV) for a patient: --map field=Column pairs, --dry-run to see."""
    from painwise.lib.errors import DomainError
    from painwise.tracking import diary

    patient = _patient(args.email)
    mapping = {}
    for pair in (args.map or "").split(","):
        if pair.strip():
            name, sep, column = pair.partition("=")
            if not sep:
                fail(f"--map takes field=Column pairs, not {pair!r}", EXIT_USAGE)
            mapping[name.strip()] = column.strip()
    try:
        with open(args.file, "rb") as handle:
            raw = handle.read(diary.rules.MAX_BYTES + 1)
    except OSError as error:
        fail(f"cannot read {args.file}: {error.strerror}", EXIT_FAILED)
    try:
        count, result = diary.import_file(
            patient, raw, args.file, mapping, args.date_order, by=patient, dry_run=args.dry_run
        )
    except DomainError as error:
        fail(str(error), EXIT_FAILED)
    summary = diary.summary(result)
    verb = "Would store" if args.dry_run else "Stored"
    print(
        f"{verb} {summary['entries']} entries ({summary['days']} days, "
        f"{summary['first_day']} to {summary['last_day']}); {len(summary['skipped'])} rows "
        f"skipped; {summary['rounded']} scores rounded half up to whole numbers."
    )
    print(f"Columns: {', '.join(f'{k}={v}' for k, v in result.mapping.items())}")
    for row in summary["skipped"][:20]:
        print(f"  line {row['line']}: {row['reason']}")
    if len(summary["skipped"]) > 20:
        print(f"  and {len(summary['skipped']) - 20} more")
    return EXIT_OK if count or args.dry_run else EXIT_FAILED


def cmd_manage(args: argparse.Namespace) -> int:
    setup_django()
    from django.core.management import execute_from_command_line

    execute_from_command_line(["painwise manage", *args.args])
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="painwise",
        description="Painwise: a program for people with chronic low back pain.",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    p = sub.add_parser("setup", help="create or update the database and collect static files")
    p.add_argument("--quiet", action="store_true")
    p.set_defaults(func=cmd_setup)

    p = sub.add_parser("check", help="check the database is reachable and migrations are applied")
    p.add_argument("--deploy", action="store_true", help="also run Django's deployment checks")
    p.set_defaults(func=cmd_check)

    p = sub.add_parser("serve", help="run the web server (gunicorn)")
    p.add_argument("--host", default=os.environ.get("PAINWISE_HOST", "127.0.0.1"))
    p.add_argument("--port", type=int, default=int(os.environ.get("PAINWISE_PORT", "8000")))
    p.add_argument("--workers", type=int, default=int(os.environ.get("PAINWISE_WORKERS", "2")))
    p.add_argument("--threads", type=int, default=int(os.environ.get("PAINWISE_THREADS", "4")))
    p.add_argument(
        "--with-worker", action="store_true", help="also run `painwise worker` beside the server"
    )
    p.set_defaults(func=cmd_serve)

    p = sub.add_parser("worker", help="run background tasks (reminders, reports)")
    p.add_argument("--interval", type=float, default=5.0, help="seconds between polls")
    p.add_argument("--once", action="store_true", help="run what is due, then exit")
    p.set_defaults(func=cmd_worker)

    p = sub.add_parser("demo", help="load demo accounts with believable histories")
    p.set_defaults(func=cmd_demo)

    p = sub.add_parser("assess", help="evaluate intake JSON (a file, or - for stdin)")
    p.add_argument(
        "file", help="a JSON file holding one intake (object) or many (array); - for stdin"
    )
    p.set_defaults(func=cmd_assess)

    p = sub.add_parser("create-clinician", help="create a clinician account")
    p.add_argument("email")
    p.add_argument("--name", required=True)
    p.add_argument("--password", default=None)
    p.set_defaults(func=cmd_create_clinician)

    p = sub.add_parser("create-admin", help="create a staff admin account")
    p.add_argument("email")
    p.add_argument("--name", required=True)
    p.add_argument("--password", required=True)
    p.set_defaults(func=cmd_create_admin)

    p = sub.add_parser("link", help="link a patient to a treating clinician")
    p.add_argument("patient", help="the patient's email")
    p.add_argument("clinician", help="the clinician's email")
    p.set_defaults(func=cmd_link)

    p = sub.add_parser("token", help="issue an API token for an account")
    p.add_argument("email")
    p.add_argument("--name", default="cli")
    p.set_defaults(func=cmd_token)

    p = sub.add_parser("insights", help="recompute personal patterns (one patient, or --all)")
    p.add_argument("email", nargs="?")
    p.add_argument("--all", action="store_true")
    p.set_defaults(func=cmd_insights)

    p = sub.add_parser("plan", help="show a patient's plan and today's quotas")
    p.add_argument("action", choices=["show"])
    p.add_argument("email")
    p.set_defaults(func=cmd_plan)

    p = sub.add_parser("gmi", help="graded motor imagery: generate left/right pictures")
    p.add_argument("action", choices=["generate"])
    p.add_argument("--seed", type=int, required=True)
    p.add_argument("--count", type=int, required=True)
    p.add_argument("--out", required=True, help="a folder (created if missing)")
    p.add_argument(
        "--part",
        action="append",
        choices=["trunk", "neck", "hand", "foot"],
        help="a body part (repeat for several; all four when left out)",
    )
    p.add_argument("--level", type=int, default=2, help="1 (easiest) to 4 (default 2)")
    p.set_defaults(func=cmd_gmi)

    p = sub.add_parser(
        "neurofeedback", help="EEG neurofeedback: analyze a recording, run a session"
    )
    nf = p.add_subparsers(dest="action", required=True, metavar="ACTION")
    q = nf.add_parser(
        "analyze",
        help="band powers per window of an EDF/BDF, OpenBCI GUI text or BrainFlow CSV file",
    )
    q.add_argument("file")
    q.add_argument("--channels", help="names, comma-separated (default: every channel)")
    q.add_argument("--window", type=float, default=2.0, help="seconds (default 2)")
    q.add_argument("--step", type=float, default=0.5, help="seconds between windows (default 0.5)")
    q.add_argument("--board", help="for a BrainFlow CSV: the board it came from (e.g. cyton)")
    q.set_defaults(func=cmd_nf_analyze)
    q = nf.add_parser("run", help="run a session with the headset on this computer")
    q.add_argument(
        "--server",
        default=os.environ.get("PAINWISE_SERVER", "http://127.0.0.1:8000"),
        help="the Painwise server's address",
    )
    q.add_argument("--token", help="your API token (or PAINWISE_TOKEN), to start a session")
    q.add_argument(
        "--session", type=int, help="a session the server started (key in PAINWISE_NF_KEY)"
    )
    q.add_argument("--board", help="a board from the board list (default: your choice)")
    q.add_argument("--protocol", help="alpha_up, smr_theta or theta_beta (default: your choice)")
    q.add_argument("--file", help="for the playback board: a BrainFlow CSV recording")
    q.set_defaults(func=cmd_nf_run)

    p = sub.add_parser("export", help="export a patient's record")
    ex = p.add_subparsers(dest="format", required=True, metavar="FORMAT")
    q = ex.add_parser("fhir", help="as a FHIR R4B Bundle (JSON)")
    q.add_argument("email", metavar="USER", help="the patient's email")
    q.add_argument("--out", help="write to this file instead of standard output")
    q.set_defaults(func=cmd_export_fhir)

    p = sub.add_parser("import", help="import a patient's data")
    im = p.add_subparsers(dest="what", required=True, metavar="WHAT")
    q = im.add_parser("diary", help="a pain diary kept elsewhere, as a CSV file")
    q.add_argument("email", metavar="EMAIL", help="the patient's email")
    q.add_argument("file", metavar="FILE.csv")
    q.add_argument(
        "--map",
        help="field=Column pairs, comma-separated (fields: date, time, pain, stress, "
        "sleep_quality, sleep_hours, mood, activity_minutes, steps, note); default: guessed "
        "from the column names",
    )
    q.add_argument(
        "--date-order",
        choices=["ymd", "dmy", "mdy"],
        help="how the dates are written; default: guessed from the dates (day first when a "
        "first number is over 12, month first when a second one is; else year first)",
    )
    q.add_argument("--dry-run", action="store_true", help="show what would be stored")
    q.set_defaults(func=cmd_import_diary)

    p = sub.add_parser("manage", help="run a Django management command")
    p.add_argument("args", nargs=argparse.REMAINDER)
    p.set_defaults(func=cmd_manage)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    return int(args.func(args))


if __name__ == "__main__":
    sys.exit(main())
