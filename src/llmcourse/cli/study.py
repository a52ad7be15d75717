"""Study commands: review (spaced repetition with FSRS), card (your own cards), plan."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import typer

from llmcourse.cli.options import JsonOption
from llmcourse.cli.session import Session

if TYPE_CHECKING:
    from datetime import date

    from llmcourse.study.cards import Card
    from llmcourse.study.schedule import CardState

_DIGITS = {"1": "again", "2": "hard", "3": "good", "4": "easy"}


def cmd_review(
    ctx: typer.Context,
    args: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="rate CARD RATING",
            help="Rate one card from a script: again, hard, good or easy (or 1-4).",
            show_default=False,
        ),
    ] = None,
    due: Annotated[
        bool, typer.Option("--due", help="List today's due cards instead of reviewing them.")
    ] = False,
    everything: Annotated[
        bool, typer.Option("--all", help="With --due: every due card, past the daily cap.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Review the key concepts of the topics you started, spaced out by FSRS.

    Each card shows its front; Enter shows the back; rate it 1 again, 2 hard, 3 good, 4 easy;
    q stops (every rating is saved at once). At most `review_limit` reviews a day (config,
    default 20); a larger backlog is spread over the coming days.

    Examples:

      llmcourse review

      llmcourse review --due --json

      llmcourse review rate mathematics/linear-algebra good
    """
    from llmcourse.errors import UsageError
    from llmcourse.i18n import msg

    session: Session = ctx.obj
    words = args or []
    if words and words[0] == "rate":
        if len(words) != 3:
            raise UsageError(msg("study.rate_usage"))
        _rate(session, words[1], words[2], as_json)
    elif words:
        raise UsageError(msg("study.review_usage"))
    elif due or as_json:
        _list_due(session, everything, as_json)
    else:
        _interactive(session)


def deck_and_limit(session: Session) -> tuple[list[Card], int]:
    from llmcourse import config
    from llmcourse.study.cards import deck
    from llmcourse.study.overview import review_limit

    return deck(session.course(), session.state(), session.lang), review_limit(config.load())


def _list_due(session: Session, everything: bool, as_json: bool) -> None:
    from llmcourse.progress.model import now
    from llmcourse.study.schedule import build_queue
    from llmcourse.views.study_view import render_due

    cards, limit = deck_and_limit(session)
    queue = build_queue(cards, session.state(), now(), limit)
    render_due(session.lang, queue, everything, len(cards), as_json)


def parse_rating(word: str, lang: str) -> str | None:
    """again/hard/good/easy, 1-4, or a rating's name in either language; None otherwise."""
    from llmcourse.i18n import label

    word = word.strip().lower()
    if word in _DIGITS:
        return _DIGITS[word]
    for rating in _DIGITS.values():
        if word in (rating, label(f"rating.{rating}", "zh-TW"), label(f"rating.{rating}", lang)):
            return rating
    return None


def save_rating(card: Card, rating: str) -> CardState:
    """Append the rating to the log (under the state lock); the card's state after it."""
    from llmcourse.progress import store
    from llmcourse.progress.model import State, now
    from llmcourse.study.schedule import logs, rate, replay

    when = now()

    def change(state: State) -> CardState:
        rate(state, card.id, rating, when)
        return replay(logs(state).get(card.id, []), card.since)

    return store.update(change)


def _rate(session: Session, card_text: str, rating_text: str, as_json: bool) -> None:
    from llmcourse.errors import UsageError
    from llmcourse.i18n import msg
    from llmcourse.study.cards import deck, find_card
    from llmcourse.views.study_view import render_rated

    rating = parse_rating(rating_text, session.lang)
    if rating is None:
        raise UsageError(msg("study.bad_rating", rating=rating_text))
    card = find_card(
        deck(session.course(), session.state(), session.lang), session.state(), card_text
    )
    after = save_rating(card, rating)
    render_rated(session.lang, card, rating, after, as_json)


def _read_line() -> str | None:
    """One line of input (keys are read line by line, so scripts and tests can feed them);
    None at the end of input."""
    import sys

    line = sys.stdin.readline()
    return None if line == "" else line.strip().lower()


def _interactive(session: Session) -> None:
    from llmcourse.progress import store
    from llmcourse.progress.model import now
    from llmcourse.study.cards import deck
    from llmcourse.study.schedule import build_queue
    from llmcourse.views import study_view as view

    cards, limit = deck_and_limit(session)
    queue = build_queue(cards, session.state(), now(), limit)
    if not cards:
        view.render_due(session.lang, queue, False, 0, False)
        return
    if not queue.today:
        (view.backlog if queue.waiting else view.none_due)(queue, session.lang)
        return
    rated = 0
    for i, d in enumerate(queue.today, 1):
        view.show_front(d, i, len(queue.today), session.lang)
        view.prompt("review.reveal_prompt", session.lang)
        if _read_line() in (None, "q"):
            break
        view.show_back(d)
        rating = _ask_rating(session.lang)
        if rating is None:
            break
        after = save_rating(d.card, rating)
        view.render_rated(session.lang, d.card, rating, after, False)
        rated += 1
    state = store.read()
    final = build_queue(deck(session.course(), state, session.lang), state, now(), limit)
    view.session_summary(rated, final, session.lang)


def _ask_rating(lang: str) -> str | None:
    """Ask until a rating comes (None: q or the end of input)."""
    from llmcourse.views import study_view as view

    while True:
        view.prompt("review.rate_prompt", lang)
        line = _read_line()
        if line is None or line == "q":
            return None
        if (rating := parse_rating(line, lang)) is not None:
            return rating


def cmd_card(
    ctx: typer.Context,
    args: Annotated[
        list[str],
        typer.Argument(
            metavar="add REF [N] FRONT BACK | list | remove ID",
            help="REF [N] exactly as for `done`; FRONT and BACK are one (quoted) argument each.",
            show_default=False,
        ),
    ],
    everything: Annotated[
        bool, typer.Option("--all", help="With list: the concept cards of your deck too.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Add, list or remove your own review cards (concept cards come with the topics you start).

    Examples:

      llmcourse card add quantization "What does GPTQ need?" "A calibration set"

      llmcourse card list

      llmcourse card remove 3f2a
    """
    from llmcourse.errors import UsageError
    from llmcourse.i18n import msg

    session: Session = ctx.obj
    action = args[0]
    if action in ("list", "ls") and len(args) == 1:
        _list_cards(session, everything, as_json)
    elif action in ("remove", "rm") and len(args) == 2:
        _remove_card(session, args[1], as_json)
    elif action == "add" and len(args) >= 4:
        _add_card(session, args[1:-2], args[-2], args[-1], as_json)
    else:
        raise UsageError(msg("study.card_usage"))


def _list_cards(session: Session, everything: bool, as_json: bool) -> None:
    from llmcourse.study.cards import deck, own_cards
    from llmcourse.views.study_view import render_cards

    state = session.state()
    cards = (
        deck(session.course(), state, session.lang)
        if everything
        else own_cards(session.course(), state)
    )
    render_cards(session.course(), session.lang, cards, as_json)


def _add_card(session: Session, ref_words: list[str], front: str, back: str, as_json: bool) -> None:
    from llmcourse.cli.options import one_ref, refs_to_change
    from llmcourse.progress import store
    from llmcourse.progress.model import now
    from llmcourse.study.cards import add_card
    from llmcourse.views.study_view import render_card_added

    node = one_ref(refs_to_change(session, ref_words), "card add").id
    when = now()
    card_id = store.update(lambda state: add_card(state, node, front, back, when))
    render_card_added(session.lang, card_id, node, as_json)


def _remove_card(session: Session, prefix: str, as_json: bool) -> None:
    from llmcourse.progress import store
    from llmcourse.progress.model import now
    from llmcourse.study.cards import remove_card
    from llmcourse.views.study_view import render_card_removed

    when = now()
    card_id = store.update(lambda state: remove_card(state, prefix, when))
    render_card_removed(session.lang, card_id, as_json)


def cmd_plan(
    ctx: typer.Context,
    hours_per_week: Annotated[
        float | None,
        typer.Option("--hours-per-week", "-H", help="Hours you study a week.", show_default=False),
    ] = None,
    until: Annotated[
        str | None,
        typer.Option("--until", help="A date (2027-03-31) to finish by.", show_default=False),
    ] = None,
    save: Annotated[
        bool, typer.Option("--save", help="Keep this plan: `progress` then tracks it.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Plan the rest of the course week by week: prerequisites first, hours from each
    resource's kind, the expected finish; with --until, the hours a week it needs.

    Examples:

      llmcourse plan --hours-per-week 5

      llmcourse plan --until 2027-03-31

      llmcourse plan -H 6 --save --json
    """
    from llmcourse import config
    from llmcourse.errors import UsageError
    from llmcourse.i18n import msg
    from llmcourse.progress.model import now
    from llmcourse.study.plan import make_plan
    from llmcourse.views.study_view import render_plan

    session: Session = ctx.obj
    today = now().date()
    end = _until(until, today)
    settings = config.load()
    saved = settings.get("plan")
    if hours_per_week is None and end is None and isinstance(saved, dict):
        hours_per_week = float(saved.get("hours_per_week", 0) or 0) or None
    if hours_per_week is None and end is None:
        raise UsageError(msg("study.plan_needs"))
    if hours_per_week is not None and hours_per_week <= 0:
        raise UsageError(msg("study.bad_hours", value=hours_per_week))
    plan = make_plan(session.course(), session.statuses(), today, hours_per_week, end)
    if save:
        kept = {
            "start": plan.start.isoformat(),
            "hours_per_week": plan.hours_per_week,
            "total_hours": plan.total_hours,
            **({"finish": plan.finish.isoformat()} if plan.finish else {}),
            **({"until": plan.until.isoformat()} if plan.until else {}),
        }
        config.update(plan=kept)
    render_plan(session.course(), session.lang, plan, save, as_json)


def _until(text: str | None, today: date) -> date | None:
    from datetime import date

    from llmcourse.errors import UsageError
    from llmcourse.i18n import msg

    if text is None:
        return None
    try:
        end = date.fromisoformat(text.strip())
    except ValueError:
        raise UsageError(msg("study.bad_date", value=text)) from None
    if end < today:
        raise UsageError(msg("study.until_past", until=end.isoformat(), today=today.isoformat()))
    return end


# Command name -> function; cli/root.py registers only the one being run.
COMMANDS = {"review": cmd_review, "card": cmd_card, "plan": cmd_plan}
