"""Look and feel: light and dark palettes that follow the system, and claim colours.

Label colours are stored as one ``#rrggbb`` per label; here they become a highlight
background that keeps the text readable on both palettes (a tint of the colour over
the page), a solid marker colour, and a text colour that contrasts with the marker.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

LIGHT_PAGE = QColor("#ffffff")
DARK_PAGE = QColor("#1e1f22")
LIGHT_TINT = 0.32
"""How much of a label's colour goes into a highlight on the light page."""
DARK_TINT = 0.42


def system_prefers_dark() -> bool:
    """True when the platform asks for a dark colour scheme (Qt 6.5+ reports it)."""
    app = QGuiApplication.instance()
    if not isinstance(app, QGuiApplication):
        return False
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def is_dark(palette: QPalette | None = None) -> bool:
    """Whether ``palette`` (the application's by default) has a dark page."""
    pal = palette if palette is not None else QGuiApplication.palette()
    return pal.color(QPalette.ColorRole.Base).lightnessF() < 0.5


def apply_theme(app: QApplication, *, dark: bool | None = None) -> None:
    """Fusion style with a light or dark palette (by default, what the system prefers)."""
    app.setStyle("Fusion")
    use_dark = system_prefers_dark() if dark is None else dark
    app.setPalette(dark_palette() if use_dark else light_palette())


def light_palette() -> QPalette:
    pal = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#f3f3f5",
        QPalette.ColorRole.WindowText: "#1f2328",
        QPalette.ColorRole.Base: LIGHT_PAGE.name(),
        QPalette.ColorRole.AlternateBase: "#f6f7f9",
        QPalette.ColorRole.Text: "#1f2328",
        QPalette.ColorRole.Button: "#f3f3f5",
        QPalette.ColorRole.ButtonText: "#1f2328",
        QPalette.ColorRole.ToolTipBase: "#ffffe8",
        QPalette.ColorRole.ToolTipText: "#1f2328",
        QPalette.ColorRole.PlaceholderText: "#6e7781",
        QPalette.ColorRole.Highlight: "#2f6fde",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#0b5cd5",
        QPalette.ColorRole.Mid: "#c8ccd1",
    }
    for role, color in roles.items():
        pal.setColor(role, QColor(color))
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#8c959f"))
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#8c959f"))
    return pal


def dark_palette() -> QPalette:
    pal = QPalette()
    roles = {
        QPalette.ColorRole.Window: "#2b2d30",
        QPalette.ColorRole.WindowText: "#dfe1e5",
        QPalette.ColorRole.Base: DARK_PAGE.name(),
        QPalette.ColorRole.AlternateBase: "#26282b",
        QPalette.ColorRole.Text: "#e3e5e8",
        QPalette.ColorRole.Button: "#33353a",
        QPalette.ColorRole.ButtonText: "#dfe1e5",
        QPalette.ColorRole.ToolTipBase: "#3c3f44",
        QPalette.ColorRole.ToolTipText: "#e3e5e8",
        QPalette.ColorRole.PlaceholderText: "#8b9097",
        QPalette.ColorRole.Highlight: "#3d7ef0",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#79aef9",
        QPalette.ColorRole.Mid: "#4a4d52",
    }
    for role, color in roles.items():
        pal.setColor(role, QColor(color))
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#6d7178"))
    pal.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#6d7178"))
    return pal


def blend(front: QColor, back: QColor, amount: float) -> QColor:
    """``amount`` of ``front`` over ``back`` (0 gives back, 1 gives front)."""
    a = max(0.0, min(1.0, amount))
    return QColor.fromRgbF(
        front.redF() * a + back.redF() * (1 - a),
        front.greenF() * a + back.greenF() * (1 - a),
        front.blueF() * a + back.blueF() * (1 - a),
    )


def highlight_background(label_color: str, *, dark: bool) -> QColor:
    """The tint a claim of this label gets behind its words."""
    color = QColor(label_color)
    if dark:
        return blend(color, DARK_PAGE, DARK_TINT)
    return blend(color, LIGHT_PAGE, LIGHT_TINT)


def overlap_background(colors: list[str], *, dark: bool) -> QColor:
    """Where claims overlap: their colours mixed and tinted more strongly, so it shows."""
    mixed = QColor(colors[0])
    for extra in colors[1:]:
        mixed = blend(QColor(extra), mixed, 0.5)
    if dark:
        return blend(mixed, DARK_PAGE, DARK_TINT + 0.18)
    return blend(mixed, LIGHT_PAGE, LIGHT_TINT + 0.2)


def marker_color(label_color: str, *, dark: bool) -> QColor:
    """A solid colour for markers and chips: the label's colour, deepened on light pages."""
    color = QColor(label_color)
    return color.lighter(110) if dark else color.darker(135)


def underline_color(label_color: str, *, dark: bool) -> QColor:
    color = QColor(label_color)
    return color.lighter(125) if dark else color.darker(150)


def text_on(background: QColor) -> QColor:
    """Black or white, whichever reads better on ``background`` (WCAG luminance)."""

    def channel(c: float) -> float:
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    lum = (
        0.2126 * channel(background.redF())
        + 0.7152 * channel(background.greenF())
        + 0.0722 * channel(background.blueF())
    )
    return QColor("#111111") if lum > 0.36 else QColor("#ffffff")
