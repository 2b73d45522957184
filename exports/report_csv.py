"""The activity figures as CSV: `figure,key,subkey,count`, one line per count.

Keys are the stored ids (places, levels, CRA values, ISO dates; a week is its Monday, a
month `YYYY-MM`; a commune is the one told, else the postcode typed in its place), so a
spreadsheet can join them with other data; a key never stays empty (`UNTOLD`: a commune
not told is `non_communique`, as an age band, a level not assessed `non_evalue`, a
place or mediator not given `non_renseigne`); the PDF report gives
them words. `mediators` gives each mediator's interviews, places and days (subkeys);
`return_visits` counts the interviews of a visitor who came back with their
progress code, and `moves,<competence>,<up|same|down|not_compared>` how many of those
moved up, stayed or moved down on that competence since their visit before.
"""

from __future__ import annotations

import csv
import io

from evaluation.structure.figures import TALLIES, Figures, move_columns

UNTOLD = {
    "communes": "non_communique",
    "age_bands": "non_communique",
    "overall": "non_evalue",
    "autonomie": "non_evalue",
    "by_place": "non_renseigne",
    "by_mediator": "non_renseigne",
}
LEVEL_UNTOLD = "non_evalue"  # a competence not assessed, in `levels`
MEDIATOR_UNTOLD = "non_renseigne"


def report_csv(figures: Figures) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("figure", "key", "subkey", "count"))
    writer.writerow(("interviews", "", "", figures.interviews))
    writer.writerow(("mean_minutes", "", "", round(figures.minutes, 1)))
    for name in TALLIES:
        for key, n in getattr(figures, name):
            writer.writerow((name, key or UNTOLD.get(name, ""), "", n))
    for competence, levels in sorted(figures.levels.items()):
        for level, n in sorted(levels.items()):
            writer.writerow(("levels", competence, level or LEVEL_UNTOLD, n))
    for done in figures.mediators:
        for subkey in ("interviews", "places", "days"):
            name = done.mediator or MEDIATOR_UNTOLD
            writer.writerow(("mediators", name, subkey, getattr(done, subkey)))
    writer.writerow(("return_visits", "", "", figures.returns))
    for competence, moves in sorted(figures.moves.items()):
        for column, n in move_columns(moves):
            writer.writerow(("moves", competence, column, n))
    return out.getvalue()
