"""Home: start, resume, today's interviews, find, sync, settings, reports."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from evaluation.french_text import printable_lines
from evaluation.tui.messages import Destination, Navigate
from evaluation.tui.screen import BaseScreen, footer

if TYPE_CHECKING:
    from evaluation.operations.home import HomeView

MENU = tuple(Destination)
FIRST_LINES = 3  # of the menu, shown with the place of the day above them


class HomeScreen(BaseScreen):
    BINDINGS = [
        Binding(str(n), f"go('{d.value}')", f"key.home.{d.value}", show=False, id=f"home.{d.value}")
        for n, d in enumerate(MENU, start=1)
    ]
    HELP_EXTRA = (("up,down", "help.menu_move"), ("enter", "help.menu_open"))
    # Until the data is open the menu is hidden and its digits do nothing: a digit
    # typed while « Ouverture des données… » shows must not land in the next screen.
    ready = False

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="home", can_focus=False):
            yield Static(self.t("home.opening"), id="place", markup=False)
            yield Static("", id="notices", markup=False)
            yield OptionList(
                *(
                    Option(Text(f"{n}  {self.t('home.' + d.value)}"), id=d.value)
                    for n, d in enumerate(MENU, start=1)
                ),
                id="menu",
                markup=False,
            )
        yield footer()

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#menu", OptionList).display = self.ready

    def on_screen_resume(self) -> None:
        """Back on the home screen (first start, after any other screen): ↑ ↓ move in
        the menu at once, as F1 says."""
        if self.ready:
            self.open_menu()

    def open_menu(self) -> None:
        """Focus the menu with the top of the screen shown: the place of the day comes
        first, even when the whole menu does not fit (50×16)."""
        menu = self.query_one("#menu", OptionList)
        self.opened_at = menu
        menu.focus(scroll_visible=False)
        self.query_one("#home", VerticalScroll).scroll_home(animate=False)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Keep the chosen line in sight where the menu does not fit: its first lines
        with the place of the day above them, the last ones with the end of the menu."""
        page = self.query_one("#home", VerticalScroll)
        if event.option_index < FIRST_LINES:
            page.scroll_home(animate=False)
        else:
            page.scroll_end(animate=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.ready if action == "go" else True

    def show(self, view: HomeView) -> None:
        if not self.ready:
            self.ready = True
            menu = self.query_one("#menu", OptionList)
            menu.display = True
            self.refresh_bindings()
            if self.app.screen is self:
                self.open_menu()
        place = view.place
        if place.name:
            where = f"{place.name} ({place.commune})" if place.commune else place.name
            text = self.t("home.place", place=where)
        else:
            text = self.t("home.no_place")
        self.query_one("#place", Static).update(printable_lines(text))
        notices = []
        if view.unfinished:
            notices.append(self.t("home.unfinished", count=view.unfinished))
        if view.sample_catalogue:
            notices.append(self.t("home.sample_catalogue"))
        if view.problems:
            notices.append(self.t("home.problems", count=len(view.problems)))
        self.query_one("#notices", Static).update("\n".join(notices))

    def show_problem(self, text: str) -> None:
        """The data could not be opened: say why and what to do, instead of waiting."""
        self.query_one("#place", Static).update(
            printable_lines(self.t("home.not_opened", problem=text))
        )

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.action_go(str(event.option.id))

    def action_go(self, destination: str) -> None:
        self.post_message(Navigate(Destination(destination)))
