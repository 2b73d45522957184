"""The keys of a mediator's day, screen by screen, as F1 shows them: the printed
aide-mémoire is made from them, so the paper never disagrees with the app."""

from __future__ import annotations

from evaluation.i18n import Translator
from evaluation.structure.aide_memoire import AideMemoire, KeyLine, KeySection
from evaluation.tui.screen import key_names
from evaluation.tui.screens.consent import ConsentScreen
from evaluation.tui.screens.home import HomeScreen
from evaluation.tui.screens.paper_entry import PaperEntryScreen
from evaluation.tui.screens.paper_start import PaperStartScreen
from evaluation.tui.screens.profile import ProfileScreen
from evaluation.tui.screens.question import QuestionScreen
from evaluation.tui.screens.results import ResultsScreen

# The screens of a day in its order, each with the catalogue key of its heading; the
# interview's screens fill page 1, the paper forms and the keys of every screen page 2.
DAY = (
    ("memo.section.home", HomeScreen),
    ("memo.section.consent", ConsentScreen),
    ("memo.section.profile", ProfileScreen),
    ("memo.section.question", QuestionScreen),
    ("memo.section.results", ResultsScreen),
    ("memo.section.paper_start", PaperStartScreen),
    ("memo.section.paper_entry", PaperEntryScreen),
)
PAGE_TWO = 5
FAILURES = ("battery", "leave", "printer", "sound", "usb", "fingerprint", "erase", "error")


def everywhere(t: Translator) -> tuple[KeyLine, ...]:
    """The keys every screen has (the app's own, and the command palette)."""
    return (
        (key_names("f1", t), t("key.help")),
        ("Ctrl+P", t("help.palette")),
        (key_names("ctrl+q", t), t("key.quit")),
    )


def day_sections(t: Translator) -> tuple[KeySection, ...]:
    """Each screen of the day with its keys, then the keys of every screen."""
    screens = tuple(KeySection(t(title), tuple(screen.keys_help(t))) for title, screen in DAY)
    return (*screens, KeySection(t("memo.section.everywhere"), everywhere(t)))


def aide_memoire(t: Translator) -> AideMemoire:
    """The two pages, in `t`'s language."""
    return AideMemoire(
        title=t("memo.title"),
        intro=t("memo.intro"),
        sections=day_sections(t),
        consent_title=t("memo.consent.title"),
        consent_script=t("memo.consent.script"),
        failures_title=t("memo.failures.title"),
        failures=tuple((t(f"memo.failure.{k}"), t(f"memo.failure.{k}.do")) for k in FAILURES),
        footer=t("memo.footer", page="{page}"),
        page_break_before=PAGE_TWO,
    )
