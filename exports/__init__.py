"""Everything that leaves the laptop: skills sheet, sync bundles, reports. No Textual here."""
