"""The USB sync at scale: a laptop writes one bundle, the office imports it.

uv run python benchmarks/sync.py --interviews 1000

A laptop database filled with demo interviews syncs to a key folder (everything is
pending: the worst case of a laptop that never got a receipt), then the office imports
the bundle, then imports it again (already known). Passphrase work (scrypt) is left out.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import pyrage

from evaluation.demo import fill
from evaluation.paths import data_folder
from evaluation.workspace import DEFAULT_QUESTIONNAIRE, open_workspace
from exports.laptop_sync import sync_laptop
from exports.office import RECIPIENT_FILE, import_bundles, pack


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--interviews", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        identity = pyrage.x25519.Identity.generate()
        office_folder = data_folder(root / "office")
        office = open_workspace(office_folder, office_folder.database)
        (office_folder.root / RECIPIENT_FILE).write_text(str(identity.to_public()))
        key = root / "key"
        pack(office, office_folder, key)
        laptop_folder = data_folder(root / "laptop")
        laptop = open_workspace(laptop_folder, laptop_folder.database)
        published = laptop.library.latest(DEFAULT_QUESTIONNAIRE)
        assert published is not None
        fill(laptop.store, published, args.interviews)

        start = time.perf_counter()
        report = sync_laptop(laptop, laptop_folder, key)
        written = time.perf_counter() - start
        assert report.bundle is not None
        size = report.bundle.stat().st_size
        start = time.perf_counter()
        first = import_bundles(office, identity, key)
        imported = time.perf_counter() - start
        start = time.perf_counter()
        import_bundles(office, identity, key)
        again = time.perf_counter() - start
    print(f"laptop sync, {report.sent} interviews pending: {written * 1000:7.0f} ms"
          f"  (bundle {size / 1e6:.1f} MB)")  # fmt: skip
    print(f"office import, all new              : {imported * 1000:7.0f} ms"
          f"  ({first.records()['new']} new)")  # fmt: skip
    print(f"office import, same key again       : {again * 1000:7.0f} ms")


if __name__ == "__main__":
    main()
