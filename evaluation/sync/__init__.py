"""The USB sync: laptops leave encrypted, signed bundles on a key, the office imports
those of the laptops it enrolled and packs questionnaires, the catalogue, receipts and
erasures back, signed (one module each: the record format, the bundle, the key's files,
the pack, signatures and fingerprints, the office's keys, the laptop's outbox and the
office's inbox in the database, the laptop's sync and the office's import)."""
