"""Versioned questionnaire definitions shipped with the app (data only)."""
