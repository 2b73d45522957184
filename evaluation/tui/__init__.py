"""The Textual interview app. Only this package (and the CLI that starts it) imports Textual."""

from evaluation.tui.theme import keep_no_break_spaces

keep_no_break_spaces()
