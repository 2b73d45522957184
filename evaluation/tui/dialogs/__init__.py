"""Small modal dialogs that screens open and that answer with a value (dismiss)."""
