"""The app's own widgets, one per file; none imports a screen."""
