import os
from pathlib import Path
from tests.tui.driver import make_app, press, settle, start_interview, screen_text


async def test_dump(home: Path) -> None:
    spec = os.environ["DUMP"].split()
    w, h = int(spec[0]), int(spec[1])
    app = make_app(home, os.environ.get("APPLANG", "fr"))
    async with app.run_test(size=(w, h), notifications=True) as pilot:
        await settle(pilot)
        if os.environ.get("NOSTART") is None:
            await start_interview(pilot)
        for k in spec[2:]:
            if k == "|":
                print(screen_text(pilot)); print("-" * w); continue
            if k == "until8":
                from tests.tui.driver import question, answer_first_option
                while len(question(pilot).question.choices()) < 8:
                    await answer_first_option(pilot)
                continue
            if k.startswith("type:"):
                await pilot.press(*k[5:]); await settle(pilot); continue
            await press(pilot, k)
        print(screen_text(pilot))
        print(app.screen_stack)
