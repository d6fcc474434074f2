"""Nothing a source sends runs, reaches out, or lands outside the data dir; no SQL is
built from strings.

* SQL: every call that takes SQL text (``text``, ``exec_driver_sql``, ``execute``,
  ``executescript``, ``executemany``) in ``workbench/`` is scanned (AST, not grep):
  an f-string, ``%`` or ``+`` or ``.format`` may only put module constants
  (``UPPER_CASE`` names, e.g. the fixed FTS DDL in ``storage/search.py``) into it.
* Attachments are stored under their SHA-256 inside the data dir; crafted names
  (``../../x``, ``a\\nb``, ``..\\..\\x``) write nothing anywhere else.
* Imported HTML becomes plain text: no script, iframe, event handler or remote URL
  survives from a hostile page, and every HTML view in the UI refuses remote resources.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from workbench.domain import NoteFields
from workbench.importers import read_file
from workbench.services import Services, open_services
from workbench.storage.filestore import FileStore

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "workbench"
SQL_CALLS = {"text", "exec_driver_sql", "execute", "executescript", "executemany"}
HOSTILE = ROOT / "tests" / "data" / "bad" / "hostile.html"


def _constant_only(node: ast.AST) -> bool:
    """True if every value interpolated into this string expression is a constant."""
    if isinstance(node, ast.Constant):
        return True
    if isinstance(node, ast.Name):
        return node.id.isupper()
    if isinstance(node, ast.Attribute):
        return node.attr.isupper()
    if isinstance(node, ast.JoinedStr):
        return all(
            _constant_only(v.value) if isinstance(v, ast.FormattedValue) else True
            for v in node.values
        )
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        return _constant_only(node.left) and _constant_only(node.right)
    if isinstance(node, ast.Tuple):
        return all(_constant_only(e) for e in node.elts)
    return False


def _built_sql(path: Path, root: Path = ROOT) -> list[str]:
    """``file:line`` of SQL calls whose text is built from non-constant values."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if not (isinstance(node, ast.Call) and node.args):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", "")
        if name not in SQL_CALLS:
            continue
        sql = node.args[0]
        built = isinstance(sql, ast.JoinedStr | ast.BinOp) or (
            isinstance(sql, ast.Call)
            and isinstance(sql.func, ast.Attribute)
            and sql.func.attr == "format"
        )
        if built and not _constant_only(sql):
            found.append(f"{path.relative_to(root)}:{node.lineno}")
    return found


def test_no_module_builds_sql_from_strings() -> None:
    modules = sorted(PACKAGE.rglob("*.py"))
    assert len(modules) > 50
    offenders = [hit for module in modules for hit in _built_sql(module)]
    assert offenders == []


def test_the_scan_catches_sql_built_from_data(tmp_path: Path) -> None:
    sample = tmp_path / "bad.py"
    sample.write_text(
        "def f(conn, name, text):\n"
        "    conn.execute(f'SELECT * FROM t WHERE name = {name}')\n"
        "    conn.exec_driver_sql('DELETE FROM t WHERE id = %s' % name)\n"
        "    text('SELECT ' + name)\n"
        "    conn.execute('SELECT {}'.format(name))\n"
        "    conn.execute(f'PRAGMA busy_timeout={TIMEOUT_MS}')\n"  # a constant: fine
    )
    assert _built_sql(sample, tmp_path) == ["bad.py:2", "bad.py:3", "bad.py:4", "bad.py:5"]


@pytest.fixture
def services(tmp_path: Path) -> Iterator[Services]:
    home = tmp_path / "home"
    svc = open_services(f"sqlite:///{home / 'db.sqlite'}", data_dir=home)
    yield svc
    svc.close()


@pytest.mark.parametrize("name", ["../../x", "a\nb", "..\\..\\x", "x;rm -rf ~", ".hidden"])
def test_a_crafted_attachment_name_writes_nowhere_but_the_store(
    services: Services, tmp_path: Path, name: str
) -> None:
    sources = tmp_path / "from-the-source" / "sub" / "deeper"
    sources.mkdir(parents=True)
    if name == "../../x":
        (tmp_path / "from-the-source" / "x").write_bytes(b"payload")
        source = sources / name  # a path that climbs out of where it seems to be
    else:
        source = sources / name
        source.write_bytes(b"payload " + name.encode())
    before = {p for p in tmp_path.rglob("*") if p.is_file()}
    note = services.notes.create(NoteFields(title="Crafted"))
    attachment = services.notes.attach(note.id, source)
    services.close()
    stored = services.ctx.files.path_for(attachment.sha256)
    new_files = {p for p in tmp_path.rglob("*") if p.is_file()} - before
    home = tmp_path / "home"
    assert stored in new_files
    assert all(p.is_relative_to(home) for p in new_files), new_files
    assert stored.parent.parent == home / "files" and stored.name == attachment.sha256
    assert attachment.file_name == Path(name).name  # a name is kept as data only


def test_the_store_refuses_anything_but_a_hash_as_a_name(tmp_path: Path) -> None:
    store = FileStore(tmp_path / "files")
    for bad in ("../../etc/passwd", "a" * 63 + "/", "A" * 64, ""):
        with pytest.raises(ValueError):
            store.path_for(bad)


def test_imported_hostile_html_is_plain_text_with_nothing_live() -> None:
    article = read_file(HOSTILE)
    for field in (article.text, article.title, article.byline, article.outlet):
        lowered = field.lower()
        for needle in ("<script", "<iframe", "onerror", "onload", "javascript:", "http://", "<img"):
            assert needle not in lowered, (needle, field[:200])
    assert "91 long-range drones" in article.text
    scheme = article.source_url.split(":", 1)[0].lower() if article.source_url else ""
    assert scheme in ("", "http", "https")  # never javascript: or data: from the page


def test_every_html_view_in_the_ui_refuses_remote_resources() -> None:
    """Each QTextBrowser/QTextEdit subclass overrides loadResource and turns off opening
    links itself; no web engine is used anywhere."""
    browsers = []
    for module in sorted((PACKAGE / "ui").rglob("*.py")):
        source = module.read_text()
        assert "QtWebEngine" not in source, module
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.ClassDef) and any(
                getattr(base, "id", "") in ("QTextBrowser", "QTextEdit") for base in node.bases
            ):
                methods = {n.name for n in node.body if isinstance(n, ast.FunctionDef)}
                assert "loadResource" in methods, f"{module.name}:{node.name}"
                assert "setOpenExternalLinks(False)" in ast.get_source_segment(source, node)
                browsers.append(node.name)
    assert browsers, "no HTML view found: update this test"


def test_the_note_preview_asks_for_nothing_remote(qtbot: object) -> None:
    from PySide6.QtCore import QUrl

    from workbench.ui.evidence_view import MarkdownPreview, render_markdown

    hostile = (
        '![x](http://evil.example/pixel.gif) <img src="http://evil.example/a.png" onerror=x>'
        "\n\n<script>alert(1)</script> <iframe src=http://evil.example/></iframe>"
    )
    html = render_markdown(hostile).lower()
    for needle in ("<script", "<img", "<iframe"):
        assert needle not in html  # raw HTML is shown as text, images as links
    preview = MarkdownPreview()
    preview.set_markdown(hostile)
    images = [f for f in preview.document().allFormats() if f.isImageFormat()]
    assert images == []
    for url in ("http://evil.example/a.png", "https://evil.example/a.png", "//evil.example/x"):
        assert preview.loadResource(2, QUrl(url)) is None
