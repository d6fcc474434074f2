"""A scripted workbench user in its own process, for the crash and two-writer tests.

    python child_editor.py edit DB_URL DATA_DIR ACTOR SEED [--count N] [--ops tag,edit,...]
                                                         [--go-file PATH]
    python child_editor.py conflict DB_URL DATA_DIR ACTOR CLAIM ROUNDS [--go-file PATH]
    python child_editor.py serve

``edit`` runs random edits through the real services on the database's first article
and prints one line per edit *after* its transaction committed (stdout is flushed at
once, so a line seen by the parent is a promise the edit is in the database):

    tag CLAIM                     a sentence tagged
    edit CLAIM VERSION MARKER     a claim's comment set to MARKER (expected_version used)
    conflict CLAIM VERSION        someone else was first (the other writer's version)
    note NOTE MARKER              a note titled MARKER
    link CLAIM NOTE STANCE        a note linked to a claim
    attach NOTE ATTACHMENT SHA    a file attached (copied into the store first)

``conflict`` edits one claim ROUNDS times on the version it just read and prints
``won VERSION MARKER`` or ``lost EXPECTED CURRENT_VERSION CURRENT_COMMENT``.

``serve`` is a fork server: it imports the workbench once, then for each JSON line
``{"argv": [...], "out": PATH, "err": PATH}`` on stdin forks a child that runs that
command with stdout/stderr in those files, and answers ``{"pid": N}``; ``{"reap": N}``
waits for child N and answers ``{"status": S}``. Forking from a process that has opened
no database gives a real, separate process with its own connections in milliseconds
instead of the seconds a fresh interpreter needs to import the workbench, so the kill
test can afford many kills. Each child exits with ``os._exit``.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

from workbench.domain import ClaimFields, ConflictError, NoteFields, Span, Stance
from workbench.services import Services, open_services

OPS = ("tag", "edit", "note", "link", "attach")


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def run_edits(services: Services, actor: str, seed: int, count: int, ops: list[str]) -> None:
    rng = random.Random(f"{actor}-{seed}")
    article = services.articles.summaries()[0]
    text_article = services.articles.get(article.id)
    sentences = list(text_article.sentences)
    label = services.labels.by_name("Allegation").id
    claims = [c.id for c in services.claims.for_article(article.id)]
    notes = [n.note.id for n in services.notes.library()]
    scratch = Path(services.ctx.files.root).parent / f"scratch-{actor}"
    scratch.mkdir(parents=True, exist_ok=True)
    done = 0
    while count <= 0 or done < count:
        op = rng.choice(ops)
        marker = f"{actor}-{seed}-{done}"
        if op == "tag" or (op in ("edit", "link") and not claims):
            span = rng.choice(sentences)
            claim = services.claims.tag(article.id, Span(span.start, span.end), label)
            claims.append(claim.id)
            say(f"tag {claim.id}")
        elif op == "edit":
            claim_id = rng.choice(claims)
            version = services.claims.get(claim_id).version
            try:
                edited = services.claims.edit(
                    claim_id, ClaimFields(comment=marker), expected_version=version
                )
            except ConflictError as err:
                current = getattr(err.current, "version", 0)
                say(f"conflict {claim_id} {current}")
            else:
                say(f"edit {claim_id} {edited.version} {marker}")
        elif op == "note" or (op in ("link", "attach") and not notes):
            note = services.notes.create(NoteFields(title=marker, body=f"Body of {marker}"))
            notes.append(note.id)
            say(f"note {note.id} {marker}")
        elif op == "link":
            claim_id, note_id = rng.choice(claims), rng.choice(notes)
            stance = rng.choice(list(Stance))
            services.notes.link(claim_id, note_id, stance)
            say(f"link {claim_id} {note_id} {stance.value}")
        elif op == "attach":
            note_id = rng.choice(notes)
            source = scratch / f"evidence-{done}.txt"
            source.write_bytes(f"evidence {marker} {rng.random()}\n".encode())
            attachment = services.notes.attach(note_id, source)
            say(f"attach {note_id} {attachment.id} {attachment.sha256}")
        done += 1


def run_conflicts(services: Services, actor: str, claim_id: int, rounds: int) -> None:
    for i in range(rounds):
        seen = services.claims.get(claim_id)
        marker = f"{actor}-{i}"
        try:
            edited = services.claims.edit(
                claim_id, ClaimFields(comment=marker), expected_version=seen.version
            )
        except ConflictError as err:
            current = err.current
            version = getattr(current, "version", -1)
            comment = getattr(current, "comment", "")
            say(f"lost {seen.version} {version} {comment}")
        else:
            say(f"won {edited.version} {marker}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser()
    commands = parser.add_subparsers(dest="command", required=True)
    edit = commands.add_parser("edit")
    edit.add_argument("db")
    edit.add_argument("data_dir", type=Path)
    edit.add_argument("actor")
    edit.add_argument("seed", type=int)
    edit.add_argument("--count", type=int, default=0, help="0: until killed")
    edit.add_argument("--ops", default=",".join(OPS))
    edit.add_argument("--go-file", type=Path, help="start editing once this file exists")
    conflict = commands.add_parser("conflict")
    conflict.add_argument("db")
    conflict.add_argument("data_dir", type=Path)
    conflict.add_argument("actor")
    conflict.add_argument("claim", type=int)
    conflict.add_argument("rounds", type=int)
    conflict.add_argument("--go-file", type=Path)
    commands.add_parser("serve")
    args = parser.parse_args(argv)
    if args.command == "serve":
        return serve()
    services = open_services(args.db, data_dir=args.data_dir, actor=args.actor)
    try:
        say("ready")
        while args.go_file is not None and not args.go_file.exists():
            time.sleep(0.002)
        if args.command == "edit":
            run_edits(services, args.actor, args.seed, args.count, args.ops.split(","))
        else:
            run_conflicts(services, args.actor, args.claim, args.rounds)
        say("done")
    finally:
        services.close()
    return 0


def serve() -> int:
    """The fork server (see the module docstring)."""
    say("ready")
    for line in sys.stdin:
        request = json.loads(line)
        if "reap" in request:
            _, status = os.waitpid(request["reap"], 0)
            say(json.dumps({"status": status}))
            continue
        pid = os.fork()
        if pid == 0:  # the child: its own output files, then the command
            code = 1
            try:
                devnull = os.open(os.devnull, os.O_RDONLY)
                out = os.open(request["out"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                err = os.open(request["err"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
                os.dup2(devnull, 0)
                os.dup2(out, 1)
                os.dup2(err, 2)
                sys.stdin = open(0, closefd=False)  # noqa: SIM115
                sys.stdout = open(1, "w", closefd=False)  # noqa: SIM115
                sys.stderr = open(2, "w", closefd=False)  # noqa: SIM115
                code = main(request["argv"])
            except BaseException:
                import traceback

                traceback.print_exc()
            finally:
                sys.stdout.flush()
                sys.stderr.flush()
                os._exit(code)
        say(json.dumps({"pid": pid}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
