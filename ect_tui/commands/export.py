"""`ect-tui export` and `ect-tui import`: notes out as email, Markdown or JSON, and bundles back in.

Exports open the database read-only, so they work while the app is open; import
needs it writable. Private notes leave only in a full backup (`export --all`
without `--shared`), and the command says so.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ect_tui.commands import CommandError, catalog, db_path, open_store

if TYPE_CHECKING:
    from ect_tui.store.protocol import MeetingStore

FORMATS = ("email", "markdown", "json", "html")


def register(commands: argparse._SubParsersAction, common: Callable[[argparse.ArgumentParser], None]) -> None:
    export = commands.add_parser(
        "export",
        help="export a meeting (email, markdown, json), an ECT's Learning Log, or a backup bundle",
        description=(
            "Export one meeting (MEETING_ID, or the start of it), an ECT's Learning Log (--ect NAME), "
            "or every meeting as a JSON bundle (--all: a full backup with private notes; "
            "add --shared for a copy without them, e.g. for the induction tutor)."
        ),
    )
    export.add_argument(
        "meeting_id", nargs="?", metavar="MEETING_ID", help="the meeting's id or its first characters"
    )
    export.add_argument(
        "--ect", metavar="NAME", help="the ECT's Learning Log (markdown) or their meetings (json)"
    )
    export.add_argument("--all", action="store_true", help="every meeting, as a JSON bundle (needs -o)")
    export.add_argument(
        "--shared", action="store_true", help="with --all: leave out private notes and settings"
    )
    export.add_argument(
        "--format",
        choices=FORMATS,
        help="email, markdown, json, or html (--ect only: the Learning Log as one web page); "
        "default: email for a meeting, markdown for --ect, json for --all",
    )
    export.add_argument("-o", "--output", metavar="PATH", help="write to this file (default: print it)")
    common(export)
    export.set_defaults(func=run_export)

    imp = commands.add_parser(
        "import",
        help="merge a JSON bundle (from `export --all` or `export --format json`) into the database",
    )
    imp.add_argument("file", metavar="FILE", help="the bundle to import")
    imp.add_argument(
        "--dry-run",
        action="store_true",
        help="print what would be added, updated and kept, changing nothing",
    )
    common(imp)
    imp.set_defaults(func=run_import)


# ----- export -----------------------------------------------------------------------


def run_export(args: argparse.Namespace) -> int:
    chosen = [
        name
        for name, given in (("MEETING_ID", args.meeting_id), ("--ect", args.ect), ("--all", args.all))
        if given
    ]
    if len(chosen) != 1:
        raise CommandError(
            "say what to export: a MEETING_ID, --ect NAME for a Learning Log, or --all for a bundle"
            if not chosen
            else f"give only one of {' and '.join(chosen)}"
        )
    if args.shared and not args.all:
        raise CommandError(
            "--shared goes with --all (a single meeting or a Learning Log never includes private notes)"
        )
    if not db_path(args).exists():
        raise CommandError(f"there is no database at {db_path(args)} yet, so there is nothing to export")
    if args.all:
        return _export_all(args)
    if args.ect:
        return _export_ect(args)
    return _export_meeting(args)


def _export_meeting(args: argparse.Namespace) -> int:
    from ect_tui.export.files import render_meeting
    from ect_tui.store import StoreError

    fmt = args.format or "email"
    if fmt == "html":
        raise CommandError(
            "the html format is the ECT's whole Learning Log: use --ect NAME --format html "
            "(for one meeting, use email, markdown or json)"
        )
    with open_store(args, read_only=True) as store:
        try:
            doc = store.load_meeting(find_meeting_id(store, args.meeting_id))
        except StoreError as exc:
            raise CommandError(str(exc)) from None
    script = _script_for(args, doc)
    record = ""
    if fmt == "email" and args.output:
        # The letter is short; the full record goes beside it as Markdown, and the letter names it.
        from ect_tui.export.files import ExportError, write_export

        beside = Path(args.output).with_suffix(".md")
        try:
            write_export(beside, render_meeting(doc, script, "markdown"))
        except ExportError as exc:
            raise CommandError(str(exc)) from None
        record = beside.name
    data = render_meeting(doc, script, fmt, record)
    what = {"email": "the email text", "markdown": "the Markdown", "json": "a shared JSON bundle"}[fmt]
    if record:
        what += f" (and the full record beside it, {record})"
    _deliver(
        args, data, lambda path: f"Saved {what} for meeting {doc['id'][:8]} to {path} (no private notes)."
    )
    return 0


def _export_ect(args: argparse.Namespace) -> int:
    from ect_tui.commands.history import known_ect
    from ect_tui.export.bundle import bundle_bytes, store_bundle
    from ect_tui.export.markdown import learning_log_markdown
    from ect_tui.store import StoreError

    fmt = args.format or "markdown"
    if fmt == "email":
        raise CommandError(
            "the email format is for one meeting: give a MEETING_ID, or use --format markdown "
            "for the Learning Log"
        )
    with open_store(args, read_only=True) as store:
        name = known_ect(store, args.ect)
        try:
            if fmt == "json":
                bundle = store_bundle(store, shared=True, ect=name)
                data, count = bundle_bytes(bundle), len(bundle["meetings"])
            elif fmt == "html":
                from ect_tui.export.html.pages import learning_log_from_store

                page, count = learning_log_from_store(store, name, catalog(args).scripts, _today())
                data = page.encode("utf-8")
            else:
                docs = list(store.iter_meetings(ect=name))
                data = learning_log_markdown(name, docs, catalog(args).scripts).encode("utf-8")
                count = len(docs)
        except StoreError as exc:
            raise CommandError(str(exc)) from None
    what = {"markdown": "Learning Log", "html": "Learning Log page", "json": "shared JSON bundle"}[fmt]
    _deliver(
        args,
        data,
        lambda path: f"Saved the {what} for {_plain(name)} ({count} meetings) to {path} (no private notes).",
    )
    return 0


def _today():
    from datetime import datetime

    return datetime.now().astimezone().date()


def _export_all(args: argparse.Namespace) -> int:
    from ect_tui.export.bundle import bundle_bytes, store_bundle
    from ect_tui.store import StoreError

    if (args.format or "json") != "json":
        raise CommandError("--all writes a JSON bundle: leave out --format, or use --format json")
    if not args.output:
        raise CommandError("--all needs -o FILE: a backup is written to a file, never printed")
    with open_store(args, read_only=True) as store:
        try:
            bundle = store_bundle(store, shared=args.shared)
        except StoreError as exc:
            raise CommandError(str(exc)) from None
    count = len(bundle["meetings"])
    if args.shared:

        def message(path: Any) -> str:
            return (
                f"Saved a shared bundle of {count} meetings to {path}: no private notes or settings, "
                "ready for the induction tutor."
            )
    else:

        def message(path: Any) -> str:
            return (
                f"Saved a full backup of {count} meetings to {path}: it INCLUDES your private notes, "
                "so keep it safe and do not share it (use --shared for a copy without them)."
            )

    _deliver(args, bundle_bytes(bundle), message)
    return 0


def find_meeting_id(store: MeetingStore, wanted: str) -> str:
    """The full id for ``wanted`` (an id or a unique start of one), else a CommandError."""
    wanted = wanted.strip()
    ids = [row["id"] for row in store.list_meetings()]
    if wanted in ids:
        return wanted
    matches = [meeting_id for meeting_id in ids if wanted and meeting_id.startswith(wanted)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        raise CommandError(f"{wanted!r} is the start of {len(matches)} meeting ids: type more of the id")
    raise CommandError(f"there is no meeting with the id {wanted!r} (`ect-tui history` lists them)")


def _script_for(args: argparse.Namespace, doc: dict[str, Any]):
    script_id = doc.get("script", {}).get("id") if isinstance(doc.get("script"), dict) else None
    return catalog(args).scripts.get(str(script_id))


def _deliver(args: argparse.Namespace, data: bytes, message: Callable[[Any], str]) -> None:
    """Write to -o PATH (atomically) and say so, or print the export itself."""
    from ect_tui.export.files import ExportError, write_export

    if args.output:
        try:
            path = write_export(args.output, data)
        except ExportError as exc:
            raise CommandError(str(exc)) from None
        print(message(path))
        return
    stream = getattr(sys.stdout, "buffer", None)
    if stream is None:  # a captured or replaced stdout
        sys.stdout.write(data.decode("utf-8", "surrogateescape"))
        return
    sys.stdout.flush()
    stream.write(data)
    stream.flush()


def _plain(text: str) -> str:
    from ect_tui.export.text import one_line

    return one_line(text)


# ----- import -----------------------------------------------------------------------


def run_import(args: argparse.Namespace) -> int:
    from ect_tui.store import DatabaseLockedError, Store, StoreError
    from ect_tui.transfer.importer import ImportFailedError, import_bundle
    from ect_tui.transfer.read import BundleError, read_bundle

    # Read and check the whole file before the database is even opened: a bad file changes nothing.
    try:
        bundle = read_bundle(args.file)
    except BundleError as exc:
        raise CommandError(f"{str(exc)[:-1]}; nothing was imported.") from None
    path = db_path(args)
    if args.dry_run:
        return _dry_run(args, bundle, path)
    try:
        store = Store.open(path)
    except DatabaseLockedError as exc:
        who = f" (pid {exc.pid})" if exc.pid else ""
        raise CommandError(
            f"the database {path} is open in ect-tui{who}: close the app, then import again; "
            "nothing was imported"
        ) from None
    except StoreError as exc:
        raise CommandError(str(exc)) from None
    with store:
        try:
            report = import_bundle(store, bundle, source=args.file, checked=True)  # by read_bundle
        except (ImportFailedError, BundleError) as exc:
            raise CommandError(str(exc)) from None
        except StoreError as exc:
            raise CommandError(f"{exc} Nothing was imported.") from None
    print(report.summary(_plain(args.file)))
    if bundle.get("private_included"):
        print("It was a full backup, so its private notes were merged in too.")
    for conflict in report.conflicts:
        print(f"  conflict: {conflict}")
    return 0


def _dry_run(args: argparse.Namespace, bundle: dict[str, Any], path: Any) -> int:
    """``import --dry-run``: the plan, read-only (so it works while the app is open), nothing written."""
    from ect_tui.transfer.importer import plan_import
    from ect_tui.transfer.read import BundleError

    if not path.exists():
        raise CommandError(f"There is no database at {path} yet: importing would add every meeting in it.")
    with open_store(args, read_only=True) as store:
        try:
            report = plan_import(store, bundle, source=args.file, checked=True).report
        except BundleError as exc:
            raise CommandError(str(exc)) from None
    for line in report.dry_run(_plain(args.file)):
        print(line)
    for conflict in report.conflicts:
        print(f"  conflict: {conflict}")
    return 0
