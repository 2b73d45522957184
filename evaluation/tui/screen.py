"""What every screen shares: its language, translated keys, and the keys F1 lists.

Bindings name their description by a catalogue key (`key.confirm`); the footer asks the
screen for its words (`key_description`), as for the few texts Textual's own widgets
show there. Bindings themselves are never rewritten.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, ClassVar

from textual.binding import Binding
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.worker import Worker

from evaluation.i18n import Translator
from evaluation.tui.footer import KeyFooter, toasts_above_footer
from evaluation.tui.ui import Ui
from evaluation.tui.workers import outcome

# Texts of Textual's own widgets that reach the footer or F1, by their English words.
TEXTUAL_WORDS = {
    "Dismiss menu": "key.dismiss_menu",
    "Show menu": "key.show_menu",
    "palette": "key.palette",
}

HelpEntry = tuple[str, str]  # (keys as shown, what they do)


def described(description: str, t: Translator) -> str:
    """A binding's description in the reader's language: a catalogue key (`key.…`,
    `help.…`) or Textual's own English words; anything else as it is."""
    if description in TEXTUAL_WORDS:
        return t(TEXTUAL_WORDS[description])
    if description.startswith(("key.", "help.")):
        return t(description)
    return description


# Each binding id's own display (`key_display`), by id: a binding re-made by the keymap
# loses it (Textual's `Binding.with_key`), so the app finds it here (`shown_key`).
DISPLAYS: dict[str, str] = {}


def shown_key(binding: Binding, t: Translator) -> str | None:
    """A binding's key as displayed (its own, or as declared for its id): a `keyname.`
    display is the reader's key."""
    shown = binding.key_display or DISPLAYS.get(binding.id or "")
    return t(shown) if shown and shown.startswith("keyname.") else shown


def keymap(declared: list[Any]) -> dict[str, str]:
    """The keymap of these bindings (`App.set_keymap`: binding id → keys): each id's
    keys as declared and, for each lower-case letter not declared itself, its capital
    and Shift: Caps Lock or Shift on, « O = oui » must still answer (a terminal then
    sends "O"). Every id is in it, so the footer keeps the declared order."""
    bindings = [b for b in declared if isinstance(b, Binding)]
    taken = {key.strip() for b in bindings for key in b.key.split(",")}
    keys: dict[str, str] = {}
    for binding in bindings:
        if binding.id is None:
            continue
        own = [k.strip() for k in binding.key.split(",")]
        capitals = [
            c
            for k in own
            if len(k) == 1 and k.isascii() and k.islower()
            for c in (k.upper(), f"shift+{k}")
            if c not in taken
        ]
        keys[binding.id] = ",".join([*own, *capitals])
    return keys


class _Shared:
    """Mixed into screens and modals: `ui`, `t`, the keys in the reader's words, and
    the keys for F1.

    Bindings are declared with an `id` and a catalogue key as description; the footer
    asks `key_description` for the words, the app `get_key_display` for the key (by
    id); each letter key answers in capitals too, through the app's keymap (`keymap`,
    added as the screen mounts). Textual's bindings stay as declared.
    """

    DECLARED: ClassVar[list[Any]] = []  # the class's own BINDINGS

    def __init_subclass__(cls, **kwargs: Any) -> None:
        if "BINDINGS" in cls.__dict__:
            cls.DECLARED = cls.__dict__["BINDINGS"]
            for binding in cls.DECLARED:
                if isinstance(binding, Binding) and binding.id and binding.key_display:
                    DISPLAYS[binding.id] = binding.key_display
        super().__init_subclass__(**kwargs)

    def add_keymap(self) -> None:
        """This screen's keys, capitals included, in the app's keymap."""
        self.app.update_keymap(keymap(self.DECLARED))  # type: ignore[attr-defined]

    # Keys a screen handles without a binding of its own (a list's arrows, Space…), by
    # Textual's names ("up,down", "space"): F1 shows them in the reader's words.
    HELP_EXTRA: ClassVar[tuple[tuple[str, str], ...]] = ()
    ui: Ui
    BINDINGS: ClassVar[list[Any]]
    opened_at: Widget | None = None
    AUTO_FOCUS: ClassVar[str | None]

    @property
    def t(self) -> Translator:
        return self.ui.t

    def help_entries(self) -> list[HelpEntry]:
        """Every key of this screen with what it does now, in the reader's language."""
        now = {
            b.id: self.key_description(b) for b in self.DECLARED if isinstance(b, Binding) and b.id
        }
        return self.keys_help(self.t, now)

    @classmethod
    def keys_help(cls, t: Translator, now: Mapping[str, str] | None = None) -> list[HelpEntry]:
        """The keys of this kind of screen, in `t`'s language: what F1 shows, and what
        the printed aide-mémoire lists; `now`, by binding id, what a key does on this
        screen at this moment (`describe`)."""
        entries: list[HelpEntry] = []
        for binding in cls.DECLARED:
            if isinstance(binding, Binding) and binding.description.startswith("key."):
                said = (now or {}).get(binding.id or "")
                keys = shown_key(binding, t) or key_names(binding.key, t)
                told = t(binding.tooltip) if binding.tooltip else said or t(binding.description)
                entries.append((keys, told))
        entries += [(key_names(keys, t), t(text)) for keys, text in cls.HELP_EXTRA]
        return _merged(entries)

    def describe(self, key: str, text: str) -> None:
        """Say in the footer and F1 what `key` does here and now (`text`, a catalogue
        key): Échap abandons an interview with no answer yet, and pauses one with some."""
        own = {b.id for b in Binding.make_bindings(self.DECLARED) if b.key == key and b.id}
        self.said_now = {**getattr(self, "said_now", {}), **dict.fromkeys(own, text)}
        self.refresh_bindings()  # type: ignore[attr-defined]

    def describe_leaving(self, nothing_answered: bool) -> None:
        """Échap abandons an interview with no answer yet (it is not kept), else pauses."""
        self.describe("escape", "key.abandon" if nothing_answered else "key.pause")

    def keys_hint(self, *ids: str) -> str:
        """« o : Oui · n : Non »: the keys of bindings `ids` (the screen's or its
        widgets') as the footer shows them, with what they do now, so a screen's text
        never names other keys than its footer. An id that is a key of `HELP_EXTRA`
        (`enter`, handled by a field or a list without a binding) is said as F1 says it."""
        extra = dict(self.HELP_EXTRA)
        hints = []
        for name in ids:
            if name in extra:
                key, does = key_names(name, self.t), self.t(extra[name])
            else:
                key, does = self.key_shown(name), self.key_description(self._binding(name))
            hints.append(self.t("keys.hint", key=key, does=does))
        return " · ".join(hints)

    def key_shown(self, binding_id: str) -> str:
        """The key of binding `binding_id` as the footer shows it (« o », « ← »)."""
        return str(self.app.get_key_display(self._binding(binding_id)))  # type: ignore[attr-defined]

    def _binding(self, binding_id: str) -> Binding:
        nodes = [self, *self.query("*")]  # type: ignore[attr-defined]
        found: Binding = next(
            b
            for node in nodes
            for b in Binding.make_bindings(type(node).BINDINGS)  # one per key, as drawn
            if b.id == binding_id
        )
        return found

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A job of `run_blocking` this screen started is over: its outcome, here."""
        outcome(self, event)  # type: ignore[arg-type]

    def open_at(self, widget: Widget) -> None:
        """Focus `widget` as the screen opens, its top still shown: the title and the
        field's label come first. (Textual's own focus centres the field before the
        layout is known, which scrolls a form past its title.)"""
        self.opened_at = widget
        widget.focus(scroll_visible=False)
        widget.call_after_refresh(widget.scroll_visible, animate=False)

    def open_at_first(self) -> None:
        """Focus the first field, as Textual's auto-focus would, without its scrolling
        (unless the screen chose its field already)."""
        if self.AUTO_FOCUS:  # a screen that names its own (Textual focuses it)
            return
        chain = self.focus_chain  # type: ignore[attr-defined]
        if self.opened_at is None and self.focused is None and chain:  # type: ignore[attr-defined]
            self.open_at(chain[0])

    def key_description(self, binding: Binding) -> str:
        """What a key of this screen (or of a widget on it) does, in the reader's words
        (as `describe` said it for now for the screen's own key, else as declared)."""
        said_now: dict[str, str] = getattr(self, "said_now", {})
        return described(said_now.get(binding.id or "", binding.description), self.t)


def footer() -> KeyFooter:
    """The keys of the screen, every one of them: on two lines when narrow (F1 lists
    them all with what they do, and Ctrl+P opens the command palette)."""
    return KeyFooter()


def key_names(keys: str, t: Translator) -> str:
    """`escape,q` as a person reads it: "Échap q"."""
    return " ".join(key_name(k, t) for k in keys.split(","))


def key_name(key: str, t: Translator) -> str:
    name = f"keyname.{key}"
    return t(name) if t.has(name) else key


def _merged(entries: list[HelpEntry]) -> list[HelpEntry]:
    """One line per action: keys that do the same thing are given once ("1 … 9")."""
    out: list[tuple[list[str], str]] = []
    for keys, text in entries:
        if out and out[-1][1] == text:
            out[-1][0].append(keys)
        else:
            out.append(([keys], text))
    return [(_span(keys), text) for keys, text in out]


def _span(keys: list[str]) -> str:
    if len(keys) > 2 and all(k.isdigit() for k in keys):
        return f"{keys[0]} … {keys[-1]}"
    return " ".join(keys)


class BaseScreen(_Shared, Screen[None]):
    # A screen of an interview under way: Ctrl+Q asks before leaving the app.
    IN_INTERVIEW: ClassVar[bool] = False
    AUTO_FOCUS = ""  # `open_at_first` focuses without scrolling past the title

    def __init__(self, ui: Ui) -> None:
        super().__init__()
        self.ui = ui

    def on_mount(self) -> None:
        self.add_keymap()
        self.call_after_refresh(self.open_at_first)  # unless the screen focused its own

    def on_screen_resume(self) -> None:
        toasts_above_footer(self)


class BaseModal(_Shared, ModalScreen[Any]):
    AUTO_FOCUS = ""

    def __init__(self, ui: Ui) -> None:
        super().__init__()
        self.ui = ui

    def on_mount(self) -> None:
        self.add_keymap()
        self.call_after_refresh(self.open_at_first)  # unless the screen focused its own
