"""The window, offscreen: highlights, scrolling, tagging, filtering, and GUI-thread stalls.

Everything runs through the workbench's own widgets on a copy of the benchmark
database; a paint is forced (``repaint()``) or the event loop is run until idle
(``drain``) inside each timing, so a figure includes what the user sees.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from benchmarks import fixtures
from benchmarks.runner import Context
from benchmarks.table import Row, Target
from benchmarks.timing import QueryCounter, repeat_ms

VIEW_SIZE = (900, 760)
WINDOW_SIZE = (1360, 860)
PAGES_PER_RUN = 20


def settle(app: Any, ms: int = 30) -> None:
    """Run the event loop for a while (deferred work, paints)."""
    deadline = time.perf_counter() + ms / 1000
    while time.perf_counter() < deadline:
        app.processEvents()
        time.sleep(0.001)


def drain(app: Any, passes: int = 3) -> None:
    """Run the event loop without waiting until what the last action queued is done: an
    item view lays itself out on a zero-time timer and only then asks for its paint, so
    one pass can end before the table is painted."""
    for _ in range(passes):
        app.processEvents()


def wait_for_article(app: Any, window: Any, timeout_s: float = 60) -> None:
    """Run the event loop until an article opening in the background is shown."""
    deadline = time.perf_counter() + timeout_s
    while window.document.loading:
        if time.perf_counter() > deadline:
            raise TimeoutError("the article did not finish loading")
        settle(app, 5)


@contextmanager
def main_window(ctx: Context, name: str, article_key: str) -> Iterator[tuple[Any, Any, Any]]:
    """The main window on a private copy of the main database, showing an article."""
    app = ctx.qapp()
    from workbench.ui import workers
    from workbench.ui.main_window import MainWindow

    path, info = ctx.main_copy(name)
    services = fixtures.open_db(path)
    window = MainWindow(ctx.settings(name))
    window.resize(*WINDOW_SIZE)
    window.attach(services)
    window.show()
    window.open_article(info[article_key])
    wait_for_article(app, window)
    settle(app, 200)
    try:
        yield app, window, info
    finally:
        deadline = time.perf_counter() + 30
        while workers.active_count() and time.perf_counter() < deadline:
            settle(app, 20)
        window.close()
        window.detach()
        window.deleteLater()
        settle(app, 20)
        services.close()


def highlights_and_scroll(ctx: Context) -> list[Row]:
    """10,000 highlights on a 1 MB article: applying them and scrolling a page, against the
    same ranges as extra selections on the same text widget without the highlighter."""
    app = ctx.qapp()
    from PySide6.QtGui import QColor
    from PySide6.QtWidgets import QAbstractSlider

    from workbench.ui.article_pane import build_marks
    from workbench.ui.article_view import ArticleView
    from workbench.ui.open_article import OpenArticle
    from workbench.ui.reader_view import ReaderView

    path, info = ctx.main_db()
    services = fixtures.open_db(path)
    document = OpenArticle(services)
    document.open(info["big"])
    article = document.article
    assert article is not None
    view = ArticleView()
    view.resize(*VIEW_SIZE)
    view.show()
    view.set_article(article)
    plain = ReaderView()
    plain.resize(*VIEW_SIZE)
    plain.show()
    plain.show_text(article.text)
    settle(app, 100)
    marks = build_marks(document, view.utf16)
    colors = {m.color: QColor(m.color) for m in marks}
    for color in colors.values():
        color.setAlpha(90)

    def apply_highlights() -> None:
        view.set_marks(build_marks(document, view.utf16))
        view.viewport().repaint()

    def clear_highlights() -> None:
        view.set_marks([])
        view.viewport().repaint()

    def apply_extra() -> None:
        plain.setExtraSelections([plain.extra(m.start, m.end, colors[m.color]) for m in marks])
        plain.viewport().repaint()

    def clear_extra() -> None:
        plain.setExtraSelections([])
        plain.viewport().repaint()

    ours = repeat_ms(apply_highlights, ctx.runs, setup=clear_highlights)
    theirs = repeat_ms(apply_extra, ctx.runs, setup=clear_extra)

    def scroll(widget: Any, start: float) -> list[float]:
        bar = widget.verticalScrollBar()
        bar.setValue(int(bar.maximum() * start))
        widget.viewport().repaint()
        settle(app, 20)
        samples = []
        for _ in range(PAGES_PER_RUN):
            started = time.perf_counter()
            bar.triggerAction(QAbstractSlider.SliderAction.SliderPageStepAdd)
            widget.viewport().repaint()
            samples.append((time.perf_counter() - started) * 1000)
        return samples

    view.set_marks(marks)
    apply_extra()
    scroll_ours: list[float] = []
    scroll_theirs: list[float] = []
    for run in range(ctx.runs):
        start = 0.05 + 0.9 * run / ctx.runs
        scroll_ours += scroll(view, start)
        scroll_theirs += scroll(plain, start)
    view.close()
    plain.close()
    document.close()
    services.close()
    n = len(marks)
    return [
        Row(
            f"apply {n:,} highlights to a 1 MB article (+ repaint)",
            "ms",
            ours,
            targets=[Target(30.0)],
            baseline_name="setExtraSelections",
            baseline_samples=theirs,
            note="ArticleView: build_marks + ClaimHighlighter.set_marks; baseline on ReaderView",
        ),
        Row(
            f"scroll one page with {n:,} highlights (+ repaint)",
            "ms",
            scroll_ours,
            targets=[Target(8.0), Target(16.0, "<=", "max")],
            baseline_name="extra selections",
            baseline_samples=scroll_theirs,
            note=f"{ctx.runs} runs x {PAGES_PER_RUN} page steps from spread-out places; "
            "max = worst page",
        ),
    ]


def _free_sentences(window: Any) -> list[Any]:
    article = window.document.article
    claimed = {claim.span for claim in window.document.claims}
    return [s for s in article.sentences if s not in claimed]


def tag_one_claim(ctx: Context) -> list[Row]:
    """Select a sentence, press a label's key (ClaimActions.tag: an undo command, the
    service's transaction, the change bus, the panels' refresh), run the event loop until
    the window is painted."""
    return [
        _tag_row(ctx, "sample", "sample article"),
        _tag_row(ctx, "big", "1 MB article, 10,000 claims"),
    ]


def _tag_row(ctx: Context, key: str, what: str) -> Row:
    """The tag, and beside it (same window, interleaved) the floor under it: repainting
    only the widgets a tag must update, with nothing changed."""
    with main_window(ctx, f"tag-{key}", key) as (app, window, _info):
        counter = QueryCounter(window.services.db.engine)
        label_id = window.document.labels[0].id
        free = _free_sentences(window)
        view = window.article_pane.view
        step = max(1, len(free) // (ctx.runs + 2))
        picks = iter(free[step // 2 :: step])
        queries: list[int] = []
        service_ms: list[float] = []
        claims_service = window.services.claims
        tag_many = claims_service.tag_many

        def timed_tag_many(*args: Any, **kwargs: Any) -> Any:
            started = time.perf_counter()
            try:
                return tag_many(*args, **kwargs)
            finally:
                service_ms.append((time.perf_counter() - started) * 1000)

        claims_service.tag_many = timed_tag_many
        parts = [view.viewport(), window.claims_panel.table.viewport(), window.statusBar()]

        def select_next() -> None:
            view.select_spans([next(picks)])
            view.ensureCursorVisible()
            settle(app, 20)

        def tag() -> None:
            with counter.counting():
                window.claim_actions.tag(label_id)
            queries.append(counter.count)
            drain(app)

        def repaint_only() -> None:
            for widget in parts:
                widget.update()
            drain(app)

        samples = repeat_ms(tag, ctx.runs, setup=select_next)
        floor = repeat_ms(repaint_only, ctx.runs, setup=lambda: settle(app, 20))
        claims = len(window.document.claims)
    service = statistics.median(service_ms[1:])  # the first is the untimed warm-up
    return Row(
        f"tag one claim, commit + repaint: {what}",
        "ms",
        samples,
        targets=[Target(10.0)],
        baseline_name="repaint only",
        baseline_samples=floor,
        note=f"{max(queries)} SQL statements per tag, service {service:.1f} ms; "
        f"baseline: article, claims table and status bar repainted, nothing changed; "
        f"{claims:,} claims after",
    )


FILTER_WORDS = ("percent", "Haddad", "ministry data")


def claims_filter(ctx: Context) -> list[Row]:
    """Type into the claims panel's filter, one key at a time, then delete it again."""
    from PySide6.QtCore import Qt
    from PySide6.QtTest import QTest

    samples: list[float] = []
    with main_window(ctx, "filter", "big") as (app, window, _info):
        field = window.claims_panel.search
        field.setFocus()
        settle(app, 20)
        shown: dict[str, int] = {}

        def press(key: Any) -> float:
            started = time.perf_counter()
            QTest.keyClick(field, key)
            drain(app)
            return (time.perf_counter() - started) * 1000

        for run in range(ctx.runs):
            word = FILTER_WORDS[run % len(FILTER_WORDS)]
            samples += [press(char) for char in word]
            shown[word] = window.claims_panel.proxy.rowCount()
            samples += [press(Qt.Key.Key_Backspace) for _ in word]
        total = window.claims_panel.model.rowCount()
    counts = ", ".join(f"{w!r} {n}" for w, n in shown.items())
    return [
        Row(
            f"claims panel filter over {total:,} claims, per keystroke (+ repaint)",
            "ms",
            samples,
            targets=[Target(30.0, "<=", "max")],
            note=f"typing and deleting {', '.join(repr(w) for w in FILTER_WORDS)}; "
            f"rows shown: {counts}",
        )
    ]


# --- the scripted session ---------------------------------------------------------------


class Heartbeat:
    """A 5 ms QTimer; the longest gap between its ticks, and which step ran then."""

    def __init__(self, interval_ms: int = 5) -> None:
        from PySide6.QtCore import QTimer

        self.timer = QTimer()
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.tick)
        self.step = "start"
        self.worst_ms = 0.0
        self.worst_step = ""
        self._last = 0.0

    def start(self) -> None:
        self._last = time.perf_counter()
        self.timer.start()

    def tick(self) -> None:
        now = time.perf_counter()
        gap = (now - self._last) * 1000
        if gap > self.worst_ms:
            self.worst_ms, self.worst_step = gap, self.step
        self._last = now

    def stop(self) -> float:
        self.tick()
        self.timer.stop()
        return self.worst_ms


def _export_steps(ctx: Context, window: Any, run: int) -> list[tuple[str, Callable[[], Any]]]:
    """Export HTML, PDF and DOCX as the export dialog does (its preview, then a worker)."""
    out = ctx.tmp / "session" / str(run)
    article_id = window.document.article_id
    try:
        from workbench.ui.export_dialog import ExportDialog
    except ImportError:  # pragma: no cover - the dialog arrives with the export issue
        ExportDialog = None

    if ExportDialog is None:
        from workbench.services.reports import ReportService
        from workbench.ui import workers

        reports = ReportService(window.services.ctx)

        def export(fmt: str) -> Callable[[], Any]:
            def work(_job: Any) -> Any:
                return reports.export(article_id, fmt, out / f"report.{fmt}")

            return lambda: workers.start(work, on_done=lambda _: None, on_error=print)

        return [(f"export {fmt}", export(fmt)) for fmt in ("html", "pdf", "docx")]

    holder: dict[str, Any] = {}

    def open_dialog() -> None:
        dialog = ExportDialog(window.services, article_id, window, settings=ctx.settings("export"))
        dialog.show()
        holder["dialog"] = dialog

    def export(fmt: str) -> Callable[[], Any]:
        def start() -> Any:
            dialog = holder["dialog"]
            dialog.format.setCurrentIndex(dialog.format.findData(fmt))
            return dialog.export_to(out / f"report.{fmt}")

        return start

    steps: list[tuple[str, Callable[[], Any]]] = [("open the export dialog", open_dialog)]
    steps += [(f"export {fmt}", export(fmt)) for fmt in ("html", "pdf", "docx")]
    steps.append(("close the export dialog", lambda: holder["dialog"].close()))
    return steps


def session_stall(ctx: Context) -> list[Row]:
    """Open the 1 MB article with 1,000 claims, tag 50 sentences, filter the claims, export:
    each step posted to the event loop like a user's action; a 5 ms heartbeat measures the
    longest time the GUI thread did not get back to its event loop."""
    results = [_session(ctx, run) for run in range(ctx.runs)]
    worst = [r[0] for r in results]
    where = ", ".join(repr(step) for step in dict.fromkeys(r[1] for r in results))
    seconds = [r[2] for r in results]
    return [
        Row(
            "longest GUI-thread stall, scripted session (open, tag 50, filter, export)",
            "ms",
            worst,
            targets=[Target(50.0)],
            note=f"5 ms heartbeat; worst during: {where}; "
            f"session {min(seconds):.0f}-{max(seconds):.0f} s",
        )
    ]


def _session(ctx: Context, run: int) -> tuple[float, str, float]:
    """One scripted session: (worst heartbeat gap in ms, the step it fell in, seconds)."""
    from PySide6.QtCore import QEventLoop, QTimer

    from workbench.ui import workers

    with main_window(ctx, f"stall-{run}", "sample") as (_app, window, info):
        view = window.article_pane.view
        label_id = window.document.labels[0].id
        steps: list[tuple[str, Callable[[], Any]]] = [
            ("open the 1 MB article", lambda: window.open_article(info["mid"]))
        ]
        tagged: list[Any] = []

        def tag_next() -> None:
            if not tagged:
                free = _free_sentences(window)
                start = 200 + 400 * run
                tagged.extend(free[start : start + 50])
            view.select_spans([tagged.pop(0)])
            window.claim_actions.tag(label_id)

        steps += [("tag a sentence", tag_next)] * 50
        field = window.claims_panel.search
        steps += [("filter keystroke", lambda c=c: field.insert(c)) for c in "percent"]
        steps.append(("clear the filter", field.clear))
        steps += _export_steps(ctx, window, run)
        beat = Heartbeat()
        loop = QEventLoop()

        def next_step() -> None:
            if window.document.loading:  # the 1 MB article opens in the background
                QTimer.singleShot(15, next_step)
            elif steps:
                name, action = steps.pop(0)
                beat.step = name
                action()
                QTimer.singleShot(15, next_step)
            elif workers.active_count():
                beat.step = "waiting for the export"
                QTimer.singleShot(15, next_step)
            else:
                loop.quit()

        started = time.perf_counter()
        beat.start()
        QTimer.singleShot(15, next_step)
        loop.exec()
        worst = beat.stop()
        return worst, beat.worst_step, time.perf_counter() - started
