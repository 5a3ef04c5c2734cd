"""The house style: one palette, one font size, one stylesheet for every window."""

from __future__ import annotations

from PySide6.QtGui import QColor, QFont, QPalette
from PySide6.QtWidgets import QApplication

PRIMARY = "#0b6e4f"  # buttons, selection, headers
PRIMARY_DARK = "#08553d"
PRIMARY_LIGHT = "#e3f1eb"
ERROR = "#c62828"
ERROR_BG = "#fdecea"
WARNING = "#9a5b00"
WARNING_BG = "#fff4e0"
INFO = "#1c5d99"
INFO_BG = "#e8f1fb"
SUCCESS_BG = "#e6f4ea"
TEXT = "#1f2933"
MUTED = "#5f6b76"
BORDER = "#c9d1d9"
WINDOW_BG = "#f4f6f8"
NAV_BG = "#17324d"

STATUS_COLOURS: dict[str, tuple[str, str]] = {  # status → (text, background)
    "draft": ("#5f6b76", "#eceff1"),
    "ready": ("#1c5d99", "#e3eefa"),
    "sent": ("#6a4c93", "#efe8f7"),
    "accepted": ("#0b6e4f", "#e3f1eb"),
    "verified": ("#0b6e4f", "#d5ecdf"),
    "duplicate": ("#9a5b00", "#fff1d6"),
    "rejected": ("#c62828", "#fdecea"),
    "voided": ("#7b8794", "#f1f3f5"),
}

# A border on a combo or spin box makes Fusion draw its arrow buttons half-clipped (a dark
# corner), so they are styled too; the arrows are Qt's own images, built into QtWidgets.
ARROW_DOWN = ":/qt-project.org/styles/commonstyle/images/arrow-down-16.png"
ARROW_UP = ":/qt-project.org/styles/commonstyle/images/arrow-up-16.png"

STYLESHEET = f"""
QWidget {{ color: {TEXT}; }}
QMainWindow, QDialog, #Page, #UnlockWindow, #FirstRun {{ background: {WINDOW_BG}; }}
QLineEdit, QComboBox, QSpinBox, QPlainTextEdit, QTextEdit, QDateEdit {{
    background: white; border: 1px solid {BORDER}; border-radius: 4px; padding: 4px 6px;
    min-height: 22px; selection-background-color: {PRIMARY};
}}
QLineEdit:focus, QComboBox:focus, QSpinBox:focus, QPlainTextEdit:focus, QTextEdit:focus {{
    border: 2px solid {PRIMARY}; padding: 3px 5px;
}}
QLineEdit[problem="error"], QComboBox[problem="error"] {{ border: 2px solid {ERROR};
    padding: 3px 5px; background: #fffafa; }}
QLineEdit[problem="warning"], QComboBox[problem="warning"] {{ border: 2px solid #d08a00;
    padding: 3px 5px; }}
QLineEdit:read-only {{ background: #eef1f4; }}
QLineEdit:disabled, QComboBox:disabled, QSpinBox:disabled, QPlainTextEdit:disabled,
QTextEdit:disabled, QDateEdit:disabled {{ background: #eef1f4; color: #5f6b78; }}
QComboBox::drop-down {{ subcontrol-origin: padding; subcontrol-position: center right;
    width: 20px; border: none; }}
QComboBox::down-arrow {{ image: url({ARROW_DOWN}); width: 10px; height: 10px; }}
QSpinBox {{ padding-right: 20px; }}
QSpinBox:focus {{ padding-right: 19px; }}
QSpinBox::up-button, QSpinBox::down-button {{ subcontrol-origin: border; width: 18px;
    border: none; border-left: 1px solid {BORDER}; }}
QSpinBox::up-button {{ subcontrol-position: top right; }}
QSpinBox::down-button {{ subcontrol-position: bottom right; }}
QSpinBox::up-button:hover, QSpinBox::down-button:hover {{ background: #eef3f7; }}
QSpinBox::up-arrow {{ image: url({ARROW_UP}); width: 8px; height: 8px; }}
QSpinBox::down-arrow {{ image: url({ARROW_DOWN}); width: 8px; height: 8px; }}
QPushButton {{ background: white; border: 1px solid {BORDER}; border-radius: 4px;
    padding: 6px 14px; min-height: 20px; }}
QPushButton:hover {{ background: #eef3f7; }}
QPushButton:focus {{ border: 2px solid {PRIMARY}; padding: 5px 13px; }}
QPushButton:disabled {{ color: #9aa5b1; background: #f1f3f5; }}
QPushButton[primary="true"] {{ background: {PRIMARY}; color: white; border: 1px solid
    {PRIMARY_DARK}; font-weight: bold; }}
QPushButton[primary="true"]:hover {{ background: {PRIMARY_DARK}; }}
QPushButton[primary="true"]:focus {{ border: 2px solid #f2c94c; }}
QPushButton[primary="true"]:disabled {{ background: #9fc5b6; color: #f4f6f8; }}
QPushButton[danger="true"] {{ color: {ERROR}; border-color: #e5a3a3; }}
QPushButton[flat="true"] {{ border: none; background: transparent; color: {INFO};
    text-decoration: underline; padding: 2px 4px; }}
QGroupBox {{ background: white; border: 1px solid {BORDER}; border-radius: 6px;
    margin-top: 14px; padding: 14px 12px 10px 12px; font-weight: bold; }}
QGroupBox::title {{ subcontrol-origin: margin; left: 10px; padding: 0 4px; color: {PRIMARY};
    font-size: 11pt; }}
QGroupBox QLabel, QGroupBox QCheckBox, QGroupBox QRadioButton {{ font-weight: normal; }}
QLabel[role="title"] {{ font-size: 15pt; font-weight: bold; color: {TEXT}; }}
QLabel[role="subtitle"] {{ color: {MUTED}; }}
QLabel[role="fieldlabel"] {{ font-weight: bold; color: #33414e; }}
QLabel[role="error"] {{ color: {ERROR}; }}
QLabel[role="warning"] {{ color: {WARNING}; }}
QLabel[role="hint"] {{ color: {MUTED}; }}
QLabel[role="info"] {{ color: {INFO}; }}
QLabel[role="section"] {{ font-weight: bold; color: {PRIMARY}; }}
QLabel[role="big"] {{ font-size: 18pt; font-weight: bold; }}
QListWidget#Nav {{ background: {NAV_BG}; border: none; color: white; outline: 0; }}
QListWidget#Nav::item {{ padding: 10px 14px; border-left: 4px solid transparent; color: #dbe7f3; }}
QListWidget#Nav::item:selected {{ background: #21476b; border-left: 4px solid #f2c94c; color: white;
    font-weight: bold; }}
QListWidget#Nav::item:hover {{ background: #1e3f5f; }}
#NavPanel {{ background: {NAV_BG}; }}
#NavPanel QLabel {{ color: #dbe7f3; }}
#NavPanel QPushButton {{ background: transparent; color: #dbe7f3; border: 1px solid #3c5a78;
    text-align: left; }}
#NavPanel QPushButton:hover {{ background: #1e3f5f; }}
#Card {{ background: white; border: 1px solid {BORDER}; border-radius: 8px; }}
#SidePanel {{ background: white; border-left: 1px solid {BORDER}; }}
QTableView {{ background: white; border: 1px solid {BORDER}; gridline-color: #e6eaee;
    selection-background-color: {PRIMARY_LIGHT}; selection-color: {TEXT};
    alternate-background-color: #f8fafb; }}
QHeaderView::section {{ background: #eef1f4; border: none; border-right: 1px solid #dde3e9;
    border-bottom: 1px solid {BORDER}; padding: 5px 6px; font-weight: bold; }}
QStatusBar {{ background: #e9edf1; border-top: 1px solid {BORDER}; }}
QStatusBar QLabel {{ padding: 0 8px; }}
QProgressBar {{ border: 1px solid {BORDER}; border-radius: 4px; background: white;
    text-align: center; min-height: 16px; }}
QProgressBar::chunk {{ background: {PRIMARY}; }}
QScrollArea {{ border: none; background: transparent; }}
QToolTip {{ background: #fffbe6; color: {TEXT}; border: 1px solid #d9c68c; }}
"""


QT_STYLE = "Fusion"  # the same look on Windows and Linux


def apply(app: QApplication, *, set_style: bool = True) -> None:
    """The house style. ``set_style=False`` when the app was created with ``-style Fusion``."""
    if set_style:
        app.setStyle(QT_STYLE)
    font = QFont(app.font())
    font.setPointSizeF(10.0)
    app.setFont(font)
    pal = app.palette()
    pal.setColor(QPalette.ColorRole.Window, QColor(WINDOW_BG))
    pal.setColor(QPalette.ColorRole.Highlight, QColor(PRIMARY))
    pal.setColor(QPalette.ColorRole.Link, QColor(INFO))
    app.setPalette(pal)
    app.setStyleSheet(STYLESHEET)


def repolish(widget: object) -> None:
    """Re-apply the stylesheet after a dynamic property changed."""
    from PySide6.QtWidgets import QWidget

    if isinstance(widget, QWidget):
        st = widget.style()
        st.unpolish(widget)
        st.polish(widget)
        widget.update()
