"""Open an interview at the stage where it stopped (after a pause or a crash too)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from evaluation.session import Session
    from evaluation.tui.app import EvaluationApp


def open_interview(app: EvaluationApp, interview_id: str) -> None:
    """Load the interview in a worker, then push the screen for its stage."""

    def load() -> None:
        from evaluation.session import Session

        workspace = app.workspace
        assert workspace is not None
        try:
            session = Session.load(workspace, interview_id)
        except Exception as exc:  # a damaged row must not crash the app
            app.call_from_thread(app.notify, str(exc), severity="error", timeout=15)
            return
        app.call_from_thread(show_stage, app, session)

    app.run_worker(load, thread=True, group="db", exit_on_error=False)


def show_stage(app: EvaluationApp, session: Session) -> None:
    """Push the screen for the interview's stage."""
    from evaluation.tui.screens.consent import ConsentScreen
    from evaluation.tui.screens.profile import ProfileScreen
    from evaluation.tui.screens.question import QuestionScreen
    from evaluation.tui.screens.results import ResultsScreen

    if session.published is None:
        app.notify(session.missing_message(), severity="error", timeout=15)
        return
    stage = session.record.stage
    if stage == "consent":
        app.push_screen(ConsentScreen(session))
    elif stage == "profile":
        app.push_screen(ProfileScreen(session))
    elif stage == "questions" and session.flow().resume_at(session.record.position) is not None:
        app.push_screen(QuestionScreen(session))
    else:
        app.push_screen(ResultsScreen(session))
