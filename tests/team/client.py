"""A second (and third) workbench client for the two-process tests, in its own process.

Run as ``python client.py DB_URL USER DATA_DIR``; reads one JSON command per line on
stdin and answers one JSON line on stdout, so a test can drive several real clients
step by step against the same database:

    {"op": "get", "claim": 1}                        -> {"ok": claim}
    {"op": "edit", "claim": 1, "comment": "...", "expected_version": 1}
                                                     -> {"ok": claim} | {"conflict": claim}
    {"op": "hold_edit", "claim": 1, "comment": "..."}  -> {"holding": true}, then waits
        for {"op": "release"} before committing      -> {"ok": version}
    {"op": "tag", "article": 1, "start": 0, "end": 5, "label": "Allegation"} -> {"ok": id}
    {"op": "watch", "timeout": 5}                    -> {"ok": changes | null, "seconds": s}
"""

from __future__ import annotations

import json
import sys
import time
from dataclasses import asdict
from pathlib import Path
from typing import Any

from workbench.domain import Claim, ClaimFields, ConflictError, Span
from workbench.services import open_services
from workbench.services.sync import ChangeWatcher
from workbench.storage.models import ClaimRow


def claim_json(claim: Claim) -> dict[str, Any]:
    return json.loads(json.dumps(asdict(claim), default=str))


def main() -> None:
    url, user, data_dir = sys.argv[1:4]
    services = open_services(url, data_dir=Path(data_dir), actor=user)
    watcher = ChangeWatcher(services.db)
    reply({"ready": True})
    for line in sys.stdin:
        cmd = json.loads(line)
        op = cmd["op"]
        if op == "get":
            reply({"ok": claim_json(services.claims.get(cmd["claim"]))})
        elif op == "edit":
            try:
                edited = services.claims.edit(
                    cmd["claim"],
                    ClaimFields(comment=cmd["comment"]),
                    expected_version=cmd.get("expected_version"),
                )
                reply({"ok": claim_json(edited)})
            except ConflictError as err:
                assert isinstance(err.current, Claim)
                reply({"conflict": claim_json(err.current), "message": str(err)})
        elif op == "hold_edit":
            # A colleague's edit caught mid-transaction: the row is updated (and locked on
            # PostgreSQL, the database write-locked on SQLite) but not yet committed.
            with services.db.write() as s:
                row = s.get(ClaimRow, cmd["claim"])
                assert row is not None
                row.comment = cmd["comment"]
                row.updated_by = user
                s.flush()
                reply({"holding": True})
                assert json.loads(sys.stdin.readline())["op"] == "release"
            reply({"ok": row.version})
        elif op == "tag":
            label = services.labels.by_name(cmd["label"])
            claim = services.claims.tag(cmd["article"], Span(cmd["start"], cmd["end"]), label.id)
            reply({"ok": claim.id})
        elif op == "watch":
            started = time.monotonic()
            found = watcher.wait(cmd["timeout"])
            seconds = time.monotonic() - started
            reply({"ok": None if found is None else _changes(found), "seconds": seconds})
        elif op == "quit":
            break
    watcher.close()
    services.close()


def _changes(found: Any) -> dict[str, Any]:
    return {
        "articles": sorted(found.articles),
        "claims": sorted(found.claims),
        "notes": sorted(found.notes),
        "actors": sorted(found.source.actors),
    }


def reply(data: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(data) + "\n")
    sys.stdout.flush()


if __name__ == "__main__":
    main()
