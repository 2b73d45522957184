"""The USB sync: laptops leave encrypted bundles on a key, the office imports them and
packs questionnaires, the catalogue, receipts and erasures back (one module each: the
record format, the bundle, the key's files, the pack, the laptop's outbox and the
office's inbox in the database, the laptop's sync and the office's import)."""
