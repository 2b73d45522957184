"""The Textual interview app. Only this package (and the CLI that starts it) imports Textual."""
