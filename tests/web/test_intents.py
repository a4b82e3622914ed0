"""Messages with terms (an intent: offer, request, warn, promise, accept, reject) in the
browser seat, through a real ``sixparty serve`` on port 0 and real Chromium clicks.

- A student playing North Korea in a browser types words in the chat with the United
  States (a reciprocator bot), clicks "Terms…", keeps "Offer", picks two terms with the
  proposal composer's pickers (their own nuclear programme at most a freeze; the US
  stance step by step), ticks inspections and sends. The server records the message with
  its intent (read back through the facilitator's connection); the page shows the offer
  under the words; the bot answers with words and an intent of its own, and the page
  shows that answer's kind and terms in the same words the pygame client gives a term.
- On a phone, a message with an intent from another seat (China, played through the
  pygame client's network connection) shows under its words with its terms, the
  moratorium in the engine's words and "In return" before the other side's terms; the
  student answers it with "Reject" and a term picked on the phone (too long a deal is
  stopped first, saying why), and the pygame seat receives that intent. A message with terms needs words; a cancelled one gives its words
  back to the chat line. The same terms tabled as a proposal show the moratorium in the
  engine's words on the Deals card, and its counter-proposal starts from all its terms.
  Nothing is cut off at 390x844 and every control has a name.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any

from tests.web.conftest import SIZES, Server, fits

ME = "dprk"


def _model() -> Any:
    """The pygame client's model with Korea 2019's words: its ``commitment_text`` is
    the wording a term must have on the page too."""
    from game.client.info import scenario_info
    from game.client.model import ClientModel
    from game.scenario.loader import load_scenario

    m = ClientModel()
    m.info = scenario_info(load_scenario("korea-2019"))
    return m


def pygame_words(m: Any, term: dict[str, Any]) -> str:
    """A term as the pygame client words a proposal's term: a lever term with month names
    and its length, anything else (a moratorium, a phased term) in the engine's words."""
    t = dict(term)
    if "lever" in t and not t.get("after"):
        t.pop("text", None)
    return str(m.commitment_text(t))


def _wait(conn: Any, model: Any, pred: Callable[[dict[str, Any]], bool], timeout: float) -> None:
    """Feed ``conn``'s updates to ``model`` until its view satisfies ``pred``."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for u in conn.poll():
            model.apply(u)
        if model.view is not None and pred(model.view):
            return
        time.sleep(0.05)
    raise AssertionError(f"not seen within {timeout} s: {model.refusals}")


def _shown(page: Any, msg_id: int) -> dict[str, Any]:
    """What the page shows for one chat message: its words, its intent's heading and lines."""
    found: dict[str, Any] = page.evaluate(
        """id => {
          const li = document.getElementById('msg-' + id);
          const intent = li.querySelector('.intent');
          return {text: li.querySelector('.text').textContent,
                  head: intent ? intent.querySelector('.intent-head').textContent : null,
                  lines: intent ? [...intent.querySelectorAll('li')].map(x => x.textContent) : []};
        }""",
        msg_id,
    )
    return found


def test_a_student_offers_terms_to_a_bot_and_reads_its_answer(
    server: Server, students: Any
) -> None:
    from game.client.net import NetConnection

    room = server.room(
        "--bots",
        "us=reciprocator,china=dove,russia=historical,japan=historical,rok=historical",
        "--timers",
        "negotiation=10m,orders=3m",
        "--start",
        "now",
    )
    code = room["code"]
    student = students(SIZES["chromebook"])
    page = student.page
    student.join(server.http, code, "Kim", ME)

    page.click("[data-tab=chat]")
    page.click('[id="channel-dprk+us"]')
    page.wait_for_selector('[id="channel-dprk+us"][aria-current="true"]')
    words = "We freeze, with inspectors watching, if you go step by step."
    page.fill("#chat-text", words)
    page.click("#chat-terms")
    page.wait_for_selector("#composer[open]")
    assert page.locator("#composer-title").text_content() == "Message with terms to United States"
    assert page.locator("#kind-offer").is_checked()
    assert page.locator("#composer-text").input_value() == words  # the words come along
    # the kinds are radio buttons: the arrow keys move between them, the meaning follows
    page.focus("#kind-offer")
    page.keyboard.press("ArrowRight")
    assert page.locator("#kind-request").is_checked()
    hint = page.locator("#composer-kind-hint").text_content()
    assert hint == "Request: I want you to do this."
    page.check("#kind-offer")
    # the first term: North Korea's nuclear programme at most a freeze, from May, 2 months
    page.click("#composer-add")
    row = page.locator("#composer-terms .term").nth(0)
    assert row.locator("select[aria-label='Who commits']").input_value() == "us"
    row.locator("select[aria-label='Who commits']").select_option(ME)
    row.locator("select[aria-label='Lever']").select_option("nuclear_programme")
    row.locator("select[aria-label='How']").select_option("at_most")
    row.locator("select[aria-label='Option']").select_option("freeze")
    row.locator("select[aria-label='From']").select_option("2")
    row.locator("input[aria-label='For how many months']").fill("2")
    # the second: the United States' stance, step by step (from now, 3 months)
    page.click("#composer-add")
    row = page.locator("#composer-terms .term").nth(1)
    row.locator("select[aria-label='Lever']").select_option("us_stance")
    row.locator("select[aria-label='Option']").select_option("step_by_step")
    page.check("#composer-inspections")
    fits(page, "the terms picker at 1366x768")
    student.shot("intent-chromebook-offer")
    page.click("#composer-send")
    page.wait_for_selector("#composer", state="hidden")
    assert page.locator("#chat-text").input_value() == ""

    # what the server recorded, through the facilitator's connection (the omniscient view)
    model, boss = _model(), NetConnection(server.ws + "/", token=room["facilitator_token"])
    try:

        def sent(v: dict[str, Any]) -> list[dict[str, Any]]:
            return [x for x in v.get("messages", []) if x["from"] == ME and x["to"] == ["us"]]

        _wait(boss, model, lambda v: bool(sent(v)), 20)
        mine = sent(model.view)[0]
        assert mine["text"] == words
        intent = mine["intent"]
        assert (intent["kind"], intent["inspections"], intent["summit"]) == ("offer", True, False)
        got = [(t["actor"], t["lever"], t["option"], t["compare"]) for t in intent["terms"]]
        assert got == [
            (ME, "nuclear_programme", "freeze", "at_most"),
            ("us", "us_stance", "step_by_step", "exactly"),
        ]
        assert [(t["start"], t["months"]) for t in intent["terms"]] == [(2, 2), (1, 3)]

        # the page shows the student's own offer as the server recorded it
        page.wait_for_selector(f"#msg-{mine['id']} .intent")
        own = _shown(page, mine["id"])
        assert own["head"] == "Offers (with inspections):"
        assert own["lines"] == [
            "North Korea: Nuclear programme = at most Freeze, from May 2019 for 2 months",
            "In return, United States: Negotiating stance = Step by step, from April 2019 "
            "for 3 months",
        ]
        assert own["lines"][0] == pygame_words(model, intent["terms"][0])

        # the bot answers, with words and an intent of its own
        def answers(v: dict[str, Any]) -> list[dict[str, Any]]:
            return [
                x
                for x in v.get("messages", [])
                if x["from"] == "us" and x["to"] == [ME] and "intent" in x
            ]

        _wait(boss, model, lambda v: bool(answers(v)), 90)
        reply = answers(model.view)[0]
    finally:
        boss.close()
    it = reply["intent"]
    assert it["kind"] in ("accept", "reject", "offer")
    page.wait_for_selector(f"#msg-{reply['id']} .intent")
    shown = _shown(page, reply["id"])
    assert shown["text"] == reply["text"] and len(reply["text"]) > 20
    verb = {"accept": "Accepts", "reject": "Rejects", "offer": "Offers"}[it["kind"]]
    assert shown["head"].startswith(verb), shown
    assert ("with inspections" in shown["head"]) == it["inspections"]
    expected = [pygame_words(model, t) for t in it["terms"]]
    assert [x.removeprefix("In return, ") for x in shown["lines"]] == expected
    assert it["terms"] or it["proposal"] is not None  # an answer says what it answers
    page.wait_for_timeout(200)
    student.shot("intent-chromebook-chat")
    assert student.problems == []


def test_an_intent_from_a_pygame_seat_shows_on_a_phone_and_gets_an_answer(
    server: Server, students: Any
) -> None:
    from game.client.net import NetConnection

    room = server.room(
        "--bots",
        "us=historical,russia=historical,japan=historical,rok=historical",
        "--timers",
        "negotiation=10m,orders=3m",
        "--start",
        "now",
    )
    code = room["code"]
    # China in the pygame client's connection: joins from the lobby by code
    chen = NetConnection(server.ws + "/", code=code, name="Chen")
    model = _model()
    try:
        deadline = time.monotonic() + 20
        while model.lobby is None and time.monotonic() < deadline:
            for u in chen.poll():
                model.apply(u)
            time.sleep(0.05)
        chen.choose_seat("china", "Chen")
        _wait(chen, model, lambda v: v.get("you") == "china", 20)

        student = students(SIZES["phone"])
        page = student.page
        student.join(server.http, code, "Kim", ME)
        page.click("[data-tab=chat]")
        page.click('[id="channel-china+dprk"]')
        page.wait_for_selector('[id="channel-china+dprk"][aria-current="true"]')

        offer = {
            "kind": "offer",
            "summit": True,
            "terms": [
                {"actor": "china", "lever": "aid", "option": "fuel_within_cap", "start": 2,
                 "months": 2},
                {"kind": "signals", "actor": ME, "rung": 5},
            ],
        }  # fmt: skip
        text = "Fuel, within the cap, if the long-range tests stop. And Xi will see Kim."
        chen.send({"type": "message", "to": [ME], "text": text, "intent": offer})

        def from_china(v: dict[str, Any]) -> list[dict[str, Any]]:
            return [x for x in v.get("messages", []) if x["from"] == "china" and "intent" in x]

        _wait(chen, model, lambda v: bool(from_china(v)), 20)
        msg = from_china(model.view)[0]
        page.wait_for_selector(f"#msg-{msg['id']} .intent")
        shown = _shown(page, msg["id"])
        assert shown["text"] == text
        assert shown["head"] == "Offers (with a leaders' summit):"
        assert shown["lines"] == [
            "China: Aid and fuel = Fuel within the UN cap, from May 2019 for 2 months",
            "In return, North Korea: no signal at rung 5 or above (a moratorium), months 1-3",
        ]
        assert shown["lines"][1] == "In return, " + msg["intent"]["terms"][1]["text"]
        fits(page, "chat with an intent at 390x844")
        student.shot("intent-phone-chat")

        # the student answers on the phone: Reject, the moratorium's term, in words
        page.fill("#chat-text", "No: we keep our tests while the sanctions stay.")
        page.click("#chat-terms")
        page.wait_for_selector("#composer[open]")
        assert page.locator("#composer-to-fixed").text_content() == "To: China (this conversation)"
        page.check("#kind-reject")
        assert "No to these terms." in (page.locator("#composer-kind-hint").text_content() or "")
        page.click("#composer-add")
        row = page.locator("#composer-terms .term").nth(0)
        row.locator("select[aria-label='Lever']").select_option("aid")
        row.locator("select[aria-label='Option']").select_option("fuel_within_cap")
        fits(page, "the terms picker at 390x844")
        student.shot("intent-phone-composer")
        # too long a deal is stopped in the page, saying why; the composer stays open
        months = row.locator("input[aria-label='For how many months']")
        months.fill("99")
        page.click("#composer-send")
        assert months.evaluate("el => el.validationMessage"), "no reason given"
        assert page.locator("#composer[open]").count() == 1
        row.locator("input[aria-label='For how many months']").fill("3")
        page.click("#composer-send")
        page.wait_for_selector("#composer", state="hidden")

        def answer(v: dict[str, Any]) -> list[dict[str, Any]]:
            return [x for x in v.get("messages", []) if x["from"] == ME and "intent" in x]

        _wait(chen, model, lambda v: bool(answer(v)), 20)
        back = answer(model.view)[0]
        assert back["to"] == ["china"]
        assert back["text"] == "No: we keep our tests while the sanctions stay."
        assert back["intent"]["kind"] == "reject"
        ((actor, lever, option),) = [
            (t["actor"], t["lever"], t["option"]) for t in back["intent"]["terms"]
        ]
        assert (actor, lever, option) == ("china", "aid", "fuel_within_cap")
        page.wait_for_selector(f"#msg-{back['id']} .intent")
        assert _shown(page, back["id"])["head"] == "Rejects:"
        # a message with no words is not sent: the words go with the terms
        page.click("#chat-terms")
        page.wait_for_selector("#composer[open]")
        page.click("#composer-send")
        assert "Write what you want to say" in (
            page.locator("#composer-error").text_content() or ""
        )
        # cancelled, the words typed in the composer go back to the chat line, unsent
        page.fill("#composer-text", "Maybe later.")
        page.click("#composer-cancel")
        page.wait_for_selector("#composer", state="hidden")
        # (the dialog's close event, which gives them back, comes a moment after it hides)
        page.wait_for_function(
            "() => document.getElementById('chat-text').value === 'Maybe later.'"
        )

        # the same terms tabled as a proposal: the Deals card words the moratorium as the
        # engine does, and a counter starts from all its terms (as in pygame)
        note = "Fuel for a moratorium."
        chen.send({"type": "propose", "to": [ME], "commitments": offer["terms"], "text": note})
        _wait(chen, model, lambda v: any(p["text"] == note for p in v["proposals"]), 20)
        prop = next(p for p in model.view["proposals"] if p["text"] == note)
        page.click("[data-tab=deals]")
        card = page.locator(f"#proposal-{prop['id']}")
        card.wait_for()
        assert card.locator("li").all_text_contents() == [
            "China: Aid and fuel = Fuel within the UN cap, from May 2019 for 2 months",
            "North Korea: no signal at rung 5 or above (a moratorium), months 1-3",
            f"“{note}”",
        ]
        page.click(f"#deal-counter-{prop['id']}")
        page.wait_for_selector("#composer[open]")
        assert (
            page.locator("#composer-title").text_content() == f"Counter-proposal to #{prop['id']}"
        )
        # every term comes along, the moratorium too (its rung kept)
        assert page.locator("#composer-terms .term").count() == 2
        whats = page.locator("#composer-terms select[aria-label='Lever']")
        assert [whats.nth(0).input_value(), whats.nth(1).input_value()] == ["aid", "@signals"]
        assert (
            page.locator("#composer-terms .term")
            .nth(1)
            .locator("select[aria-label='No test from']")
            .input_value()
            == "5"
        )
        page.click("#composer-cancel")
        assert (
            page.locator("#chat-text").input_value() == "Maybe later."
        )  # a proposal's note stays its own
        assert student.problems == [], json.dumps(student.problems)
        assert not model.refusals, model.refusals
    finally:
        chen.close()
