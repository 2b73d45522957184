"""Offline digital-skills assessment for mediators."""
