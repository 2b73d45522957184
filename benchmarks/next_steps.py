"""Next steps for one visitor against a département's catalogue (20,000 services).

uv run python benchmarks/next_steps.py --services 20000 --runs 20

A real-shaped data·inclusion export is made up (fictional services in the real communes
of the Deux-Sèvres, every field data·inclusion publishes, schedules as found in the
field, a third without coordinates). Measured in one run: loading it with
`parse_catalogue` (data·inclusion's model, then ours) from JSON and from the same export
as CSV, and with data·inclusion's model alone (the floor); then choosing the steps of one
visitor (scoring with the catalogue, their home, their profile, what they said a place
must be ready for, and the interview's day). Targets: steps < 50 ms, load < 2 s.
"""

from __future__ import annotations

import argparse
import csv
import io
import json
import random
import statistics
import time
from datetime import date
from typing import Any

from data_inclusion.schema.v1.services import Service as Official
from machine import load, said_load

from evaluation.interview.answers import Answer, Status
from evaluation.interview.scoring import score
from evaluation.offers.catalogue import parse_catalogue
from evaluation.offers.communes import communes
from evaluation.offers.data_inclusion import enumeration
from evaluation.offers.eligibility import Visitor
from evaluation.offers.proximity import Near
from evaluation.questionnaire import Library

HOURS = (
    "Mo-Fr 09:00-12:00,13:30-17:00; PH off",
    "Tu[1,3] 14:00-16:00; PH off",
    "We 14:00-18:00; Sa 09:30-12:30",
    "Jan-Jun Mo 10:00-12:00",
    'Mo-Th 14:00-17:00 "sur rendez-vous"',
    "week 01-53/2 Fr 09:00-12:00",
    None,
)


def export(size: int, seed: int = 7) -> list[dict[str, Any]]:
    rng = random.Random(seed)
    places = [c for c in (communes().by_code(f"79{n:03d}") for n in range(1, 400)) if c]
    thematiques = sorted(enumeration("thematiques"))
    publics = sorted(enumeration("publics") - {"tous-publics"})
    records = []
    for n in range(size):
        place = rng.choice(places)
        centre = place.centre if rng.random() < 0.66 else None
        records.append(
            {
                "source": "bench",
                "id": f"bench--{n}",
                "structure_id": f"bench--structure-{n // 3}",
                "nom": f"Service fictif numéro {n}",
                "description": "Un service fictif, pour mesurer le chargement et le choix.",
                "type": "accompagnement",
                "thematiques": rng.sample(thematiques, 2),
                "frais": rng.choice(["gratuit", "payant"]),
                "publics": ["tous-publics"] if rng.random() < 0.7 else [rng.choice(publics)],
                "modes_accueil": ["en-presentiel"],
                "modes_mobilisation": ["se-presenter"],
                "adresse": f"{n % 90 + 1} rue Fictive",
                "commune": place.name,
                "code_postal": place.postcode,
                "code_insee": place.code,
                "latitude": centre[0] if centre else None,
                "longitude": centre[1] if centre else None,
                "telephone": "05 49 00 00 00",
                "horaires_accueil": HOURS[n % len(HOURS)],
                "zone_eligibilite": ["79"] if n % 5 == 0 else None,
                "date_maj": "2026-10-01",
            }
        )
    return records


def as_csv(records: list[dict[str, Any]]) -> bytes:
    """The same export as data·inclusion's CSV: list cells as JSON arrays."""
    header = list(records[0])
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    for record in records:
        writer.writerow(
            [
                "" if v is None else json.dumps(v) if isinstance(v, list) else v
                for v in (record[h] for h in header)
            ]
        )
    return out.getvalue().encode()


def timed(job: Any) -> tuple[float, float]:
    """Wall-clock and CPU seconds of `job` (on a shared machine the CPU time is the one
    other people's work does not stretch)."""
    wall, cpu = time.perf_counter(), time.process_time()
    job()
    return time.perf_counter() - wall, time.process_time() - cpu


def best(times: list[tuple[float, float]]) -> str:
    return f"{min(w for w, _ in times):.2f} s (CPU {min(c for _, c in times):.2f} s)"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--services", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    before = load()
    records = export(args.services)
    raw = json.dumps(records).encode()
    table = as_csv(records)
    ours = [timed(lambda: parse_catalogue(raw, "bench.json")) for _ in range(3)]
    from_csv = [timed(lambda: parse_catalogue(table, "bench.csv")) for _ in range(3)]
    floor = [timed(lambda: [Official.model_validate(r) for r in json.loads(raw)]) for _ in range(3)]
    catalogue = parse_catalogue(raw, "bench.json")
    published = Library.discover().latest("diagnostic-base")
    assert published is not None
    wish = {
        "wishes": Answer(Status.ANSWERED, ("use_device", "admin_online", "health")),
        "welcome": Answer(Status.ANSWERED, ("large_print",)),
    }
    parthenay = communes().at("Parthenay", None)
    visitor = Visitor(parthenay, "soixante_dix_plus", "retraite")

    def steps() -> None:
        score(
            published.questionnaire,
            wish,
            catalogue,
            near=Near("Niort", "79000"),
            day=date(2026, 12, 7),
            home=Near("Parthenay", None),
            visitor=visitor,
        )

    steps()  # the first call reads the communes table and parses the schedules met
    runs = [timed(steps) for _ in range(args.runs)]
    print(f"catalogue of {len(records)} services, {len(raw) / 1e6:.1f} MB")
    print(f"load, parse_catalogue (JSON):  {best(ours)} (target < 2 s)")
    print(f"load, parse_catalogue (CSV):   {best(from_csv)} ({len(table) / 1e6:.1f} MB)")
    print(f"load, data·inclusion's model:  {best(floor)} (the floor)")
    print(
        f"ratio JSON / floor:            {min(ours)[0] / min(floor)[0]:.2f} × wall, "
        f"{min(c for _, c in ours) / min(c for _, c in floor):.2f} × CPU"
    )
    for name, pick in (("wall", 0), ("CPU", 1)):
        times = sorted(r[pick] for r in runs)
        median, p90 = statistics.median(times), times[int(len(times) * 0.9) - 1]
        print(
            f"steps for one visitor ({name}): median {median * 1000:.1f} ms, "
            f"p90 {p90 * 1000:.1f} ms (target < 50 ms)"
        )
    print(said_load(before))


if __name__ == "__main__":
    main()
