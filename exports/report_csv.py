"""The activity figures as CSV: `figure,key,subkey,count`, one line per count.

Keys are the stored ids (places, levels, CRA values, ISO dates; a week is its Monday, a
month `YYYY-MM`; a commune is the one told, else the postcode typed in its place, empty
when not told), so a spreadsheet can join them with other data; the PDF report gives
them words. `mediators` gives each mediator's interviews, places and days (subkeys);
`return_visits` counts the interviews of a visitor who came back with their
progress code, and `moves,<competence>,<up|same|down|not_compared>` how many of those
moved up, stayed or moved down on that competence since their visit before.
"""

from __future__ import annotations

import csv
import io

from evaluation.structure.figures import TALLIES, Figures, move_columns


def report_csv(figures: Figures) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(("figure", "key", "subkey", "count"))
    writer.writerow(("interviews", "", "", figures.interviews))
    writer.writerow(("mean_minutes", "", "", round(figures.minutes, 1)))
    for name in TALLIES:
        for key, n in getattr(figures, name):
            writer.writerow((name, key, "", n))
    for competence, levels in sorted(figures.levels.items()):
        for level, n in sorted(levels.items()):
            writer.writerow(("levels", competence, level, n))
    for done in figures.mediators:
        for subkey in ("interviews", "places", "days"):
            writer.writerow(("mediators", done.mediator, subkey, getattr(done, subkey)))
    writer.writerow(("return_visits", "", "", figures.returns))
    for competence, moves in sorted(figures.moves.items()):
        for column, n in move_columns(moves):
            writer.writerow(("moves", competence, column, n))
    return out.getvalue()
