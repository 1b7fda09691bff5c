"""Issue 10: mentor-only text leaves the app only inside the mentor's own full backup."""

from __future__ import annotations

import pyperclip

from ect_tui.cli import main
from ect_tui.export.clipboard import copy_meeting_notes
from ect_tui.export.email import email_text
from ect_tui.export.markdown import learning_log_markdown, meeting_markdown
from ect_tui.store import Store

from .conftest import plant_private, record_meeting

MARKER = "PRIVATE-MARKER-7f3e"


def test_private_text_is_in_no_export_but_the_full_backup(tmp_path, audit_script, clock, capsys, monkeypatch):
    meeting = record_meeting(audit_script, clock)
    plant_private(meeting, MARKER)  # the meeting's and every section's private notes
    doc = meeting.to_doc()
    # Any key named "private" at any depth counts, e.g. inside coaching data or a rating.
    doc["sections"][2]["data"] = {"step": {"text": "Use the countdown", "private": f"data {MARKER}"}}
    doc["sections"][1]["ratings"]["1.1"]["private"] = f"rating {MARKER}"
    planted = 1 + len(doc["sections"]) + 2
    db = tmp_path / "ect-tui.json"
    with Store.open(db) as store:
        store.put_meeting(doc)
        store.table("notebook").insert({"ect": "Sam Jones", "private": f"notebook {MARKER}"})
    args = ["--db", str(db), "--sessions", str(tmp_path)]

    outputs: dict[str, str] = {}
    outputs["email"] = email_text(doc, audit_script).as_text()
    outputs["markdown"] = meeting_markdown(doc, audit_script)
    outputs["learning log"] = learning_log_markdown("Sam Jones", [doc], {audit_script.id: audit_script})

    monkeypatch.setattr(pyperclip, "copy", lambda text: None)
    monkeypatch.setattr(pyperclip, "paste", lambda: "")
    result = copy_meeting_notes(doc, audit_script, save_dir=tmp_path / "exports", terminal_copy=None)
    outputs["clipboard file"] = result.path.read_text(encoding="utf-8")

    def cli(*argv: str) -> str:
        assert main([*argv, *args]) == 0
        return capsys.readouterr().out

    outputs["cli email"] = cli("export", doc["id"], "--format", "email")
    outputs["cli markdown"] = cli("export", doc["id"], "--format", "markdown")
    outputs["cli json"] = cli("export", doc["id"], "--format", "json")
    outputs["cli learning log"] = cli("export", "--ect", "Sam Jones")
    outputs["cli ect json"] = cli("export", "--ect", "Sam Jones", "--format", "json")
    outputs["cli learning log page"] = cli("export", "--ect", "Sam Jones", "--format", "html")
    outputs["cli overview page"] = cli("report", "--format", "html")
    cli("export", "--all", "--shared", "-o", str(tmp_path / "shared.json"))
    outputs["shared bundle"] = (tmp_path / "shared.json").read_text(encoding="utf-8")
    outputs["history --json"] = cli("history", "--json")

    leaks = [name for name, text in outputs.items() if MARKER in text]
    assert leaks == []

    assert "INCLUDES your private notes" in cli("export", "--all", "-o", str(tmp_path / "full.json"))
    full = (tmp_path / "full.json").read_text(encoding="utf-8")
    assert full.count(MARKER) == planted + 1  # every planted field, and the notebook row
