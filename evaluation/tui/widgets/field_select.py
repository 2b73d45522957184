"""A drop-down in a form that walks like the form's text fields.

Space or ↓ open the list; Enter moves to the next field, as the forms' hint says. With
`digits`, each option is numbered as on the paper form (1…, 0 for the last one, « non
communiqué ») and a digit picks it at once and moves on: one key per field, with or
without Shift on an AZERTY keyboard. The form screen reads those keys (`FormScreen`),
so that keys typed ahead reach the next field. Its open list stays above the screen's
footer (Textual keeps it inside the screen only, so near the bottom it covered the keys).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual.binding import Binding
from textual.widget import Widget
from textual.widgets import Footer, Select
from textual.widgets._select import SelectOverlay  # Textual's open list


class FieldSelect(Select[Any]):
    BINDINGS = [
        Binding("down,space,up", "show_overlay", show=False, id="field_select.open"),
    ]

    def __init__(
        self,
        options: Sequence[tuple[str, Any]],
        *,
        value: Any,
        digits: bool = False,
        id: str | None = None,
    ) -> None:
        """`digits`: number the options 1… and the last one 0 (it is « non communiqué »)."""
        values = [v for _, v in options][: 10 if digits else 0]
        self.digits: dict[str, Any] = {str(n): v for n, v in enumerate(values[:-1], start=1)}
        if values:
            self.digits["0"] = values[-1]
        if digits:
            numbered = {v: d for d, v in self.digits.items()}
            options = [(f"{numbered[v]}  {label}", v) for label, v in options]
        # A numbered list's open list leaves the digits to the form (typing to search
        # would take them), so a digit chooses whether the list is open or not.
        super().__init__(options, value=value, allow_blank=False, id=id, type_to_search=not digits)

    def watch_expanded(self, expanded: bool) -> None:
        if expanded:
            below = sum(f.outer_size.height for f in self.screen.query(Footer) if f.display)
            self.query_one(SelectOverlay).styles.margin = (0, 0, below, 0)

    @staticmethod
    def holding(widget: Widget | None) -> FieldSelect | None:
        """The drop-down `widget` is, or whose open list it is (None: neither)."""
        if isinstance(widget, SelectOverlay):
            widget = widget.parent if isinstance(widget.parent, Widget) else None
        return widget if isinstance(widget, FieldSelect) else None

    def pick(self, digit: str) -> bool:
        """Choose the option numbered `digit`, its list open or not (closed then), as
        the guide says « dans une liste, un chiffre choisit la ligne »; whether there
        is one."""
        if digit not in self.digits:
            return False
        if self.expanded:
            self.expanded = False
            self.focus()
        self.value = self.digits[digit]
        return True
