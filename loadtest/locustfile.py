"""Load test: the journeys each kind of user makes, against gunicorn on loopback.

Run by `make load` (headless; USERS=50 DURATION=5m by default). Needs a server started with
`star.settings.load` and the demo data (`seed_demo`), because scripted users sign in with the demo
accounts. Every step checks what a person would check (the page they expected, the confirmation
after saving); anything else counts as a failure, and `make load` fails on any failure.

Request names are "<role>: <step>" so the statistics read as journey steps."""

from __future__ import annotations

import random
import uuid
from datetime import date, timedelta
from typing import Any

from locust import HttpUser, between, events, task
from locust.clients import ResponseContextManager
from locust.env import Environment

from loadtest.pages import DEMO_PASSWORD, Form, links, post_form
from loadtest.verdict import run_failed

UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"


def _expect(response: ResponseContextManager, *, status: int = 200, path: str = "", text: str = "") -> bool:
    """Mark the response failed unless it is what the person expected."""
    if response.status_code != status:
        problem = f"status {response.status_code}, expected {status}" + (f": {response.error}" if response.error else "")
    elif path and path not in response.url:
        problem = f"landed on {response.url}, expected {path}"
    elif text and text not in response.text:
        problem = f"page lacks {text!r}"
    else:
        response.success()  # type: ignore[no-untyped-call]  # locust leaves success() and failure() unannotated
        return True
    response.failure(problem)  # type: ignore[no-untyped-call]
    return False


@events.quitting.add_listener  # type: ignore[untyped-decorator]  # locust leaves add_listener unannotated
def _fail_on_any_error(environment: Environment, **_: Any) -> None:
    """`make load` fails on any failed request and on any error in a journey's own code."""
    runner = environment.runner
    errors = sum(error["count"] for error in runner.exceptions.values()) if runner is not None else 0
    if run_failed(failed_requests=environment.stats.total.num_failures, journey_errors=errors):
        environment.process_exit_code = 1


class StarUser(HttpUser):
    abstract = True
    # Time a person spends reading a page or typing before the next request.
    wait_time = between(1, 4)
    role = ""
    usernames: tuple[str, ...] = ()

    def on_start(self) -> None:
        if self.usernames:
            self.sign_in(random.choice(self.usernames))  # noqa: S311  (not security: choosing a demo account)  # nosec B311: synthetic data or load-test choices, not security

    def sign_in(self, username: str) -> None:
        form = self.form_on(self.get("/sign-in/", "sign-in form"))
        if form is None:
            return
        with self.client.post(
            "/sign-in/",
            data={**form.hidden, "username": username, "password": DEMO_PASSWORD},
            name=f"{self.role}: sign in",
            catch_response=True,
        ) as response:
            if "/sign-in/" in response.url:
                response.failure(f"{username} could not sign in (are the demo accounts seeded, settings star.settings.load?)")

    def get(self, url: str, step: str, **expect: Any) -> str:
        """The page, or "" if it was not the page expected (already counted as a failure)."""
        with self.client.get(url, name=f"{self.role}: {step}", catch_response=True) as response:
            return str(response.text) if _expect(response, **expect) else ""

    @staticmethod
    def form_on(page: str, action_contains: str = "") -> Form | None:
        """The form to fill in, or None when the page did not load (the journey stops there)."""
        try:
            return post_form(page, action_contains)
        except LookupError:
            return None

    def post(self, url: str, data: dict[str, str], step: str, **expect: Any) -> str:
        with self.client.post(url, data=data, name=f"{self.role}: {step}", catch_response=True) as response:
            _expect(response, **expect)
            return str(response.text)


class Worker(StarUser):
    """An STR worker between visits: their caseload, a person's page, then records the contact
    (and sometimes their phone sends it twice on a bad signal)."""

    weight = 3
    role = "worker"
    usernames = ("worker", "worker2")

    @task
    def record_a_contact(self) -> None:
        caseload = self.get("/enablement/caseload/", "caseload")
        people = links(caseload, rf"/people/{UUID}/")
        episodes = links(caseload, r"/enablement/episodes/\d+/")
        if not people or not episodes:
            return
        self.get(random.choice(people), "person page")  # noqa: S311  # nosec B311: synthetic data or load-test choices, not security
        episode = random.choice(episodes)  # noqa: S311  # nosec B311: synthetic data or load-test choices, not security
        form = self.form_on(self.get(f"{episode}contacts/new/", "contact form"))
        if form is None:
            return
        # Yesterday: a contact must have happened, and today's 10:30 may still be to come.
        day = date.today() - timedelta(days=1)  # noqa: DTZ011  (the service runs in one time zone)
        answers = {
            **form.hidden,
            "contact_date_day": str(day.day),
            "contact_date_month": str(day.month),
            "contact_date_year": str(day.year),
            "start_time": "10:30",
            "minutes": str(random.choice([30, 45, 60, 90])),  # noqa: S311  # nosec B311: synthetic data or load-test choices, not security
            "mode": random.choice(["face_to_face", "phone", "community_outing"]),  # noqa: S311  # nosec B311: synthetic data or load-test choices, not security
            "outcome": "attended",
            "place": "Cannon Hill Park",
            "who_was_there": "Just us",
            "what_was_done": "Talked through the week and planned the walking group",
        }
        self.post(f"{episode}contacts/new/", answers, "record contact", path=episode, text="Contact recorded")
        if random.random() < 0.1:  # noqa: S311  # nosec B311: synthetic data or load-test choices, not security
            self.post(f"{episode}contacts/new/", answers, "record contact again (retry)", path=episode, text="already saved")


class Lead(StarUser):
    """A project lead at a session: their registers, one register, marking people in and out."""

    weight = 2
    role = "lead"
    usernames = ("lead",)

    @task
    def take_a_register(self) -> None:
        sessions = links(self.get("/community/registers/", "my registers"), r"/community/registers/\d+/")
        if not sessions:
            return
        register = random.choice(sessions)  # noqa: S311  # nosec B311: synthetic data or load-test choices, not security
        page = self.get(register, "register")
        for _ in range(random.randint(1, 3)):  # noqa: S311  # nosec B311: synthetic data or load-test choices, not security
            form = self.form_on(page, "/people/")
            if form is None:
                return
            page = self.post(form.action, form.hidden, "mark attendance", path=register)


class Manager(StarUser):
    """A manager's morning: the home page, the triage queue, the waiting list and the reports."""

    weight = 1
    role = "manager"
    usernames = ("manager",)

    @task(3)
    def home_and_triage(self) -> None:
        self.get("/", "home")
        self.get("/referrals/triage/", "triage queue")
        self.get("/referrals/waiting/", "waiting list")

    @task(1)
    def reports(self) -> None:
        self.get("/reports/", "dashboard and reports")


class Member(StarUser):
    """A member on their own pages, now and then telling the service what they think."""

    weight = 1
    role = "member"
    usernames = ("member",)

    @task(3)
    def own_pages(self) -> None:
        self.get("/my/", "home")
        self.get("/my/plan/", "plan")
        self.get("/my/who-has-looked/", "who has looked")

    @task(1)
    def feedback(self) -> None:
        form = self.form_on(self.get("/my/feedback/", "feedback form"))
        if form is None:
            return
        answers = {**form.hidden, "kind": "idea", "message": "Could the Tuesday group start a bit later?", "theme": ""}
        self.post("/my/feedback/", answers, "give feedback", path="/my/feedback/", text="Thank you")


class Public(StarUser):
    """Someone without an account: finding a group, a partner's system reading the Open Referral
    list, and now and then a self-referral or a comment."""

    weight = 3
    role = "public"

    @task(4)
    def find_a_group(self) -> None:
        self.get("/community/find/", "directory")
        self.get(f"/community/find/?day={random.randint(0, 6)}&within=3", "directory search")  # noqa: S311  # nosec B311: synthetic data or load-test choices, not security

    @task(2)
    def open_referral_services(self) -> None:
        self.get("/openreferral/services", "ORUK services list")

    @task(1)
    def refer_themselves(self) -> None:
        form = self.form_on(self.get("/refer-yourself/", "self-referral form"))
        if form is None:
            return
        answers = {
            **form.hidden,
            "given_name": "Load",
            "family_name": f"Test {uuid.uuid4().hex[:6]}",
            "date_of_birth_day": "9",
            "date_of_birth_month": "12",
            "date_of_birth_year": "1986",
            "phone": "07700 900123",
            "email": "",
            "reason": "I have been feeling low and I want to get out more.",
            "consent_given": "on",
            "website": "",
        }
        self.post("/refer-yourself/", answers, "self-referral", path="/refer-yourself/sent/")

    @task(1)
    def give_feedback(self) -> None:
        form = self.form_on(self.get("/feedback/", "feedback form"))
        if form is None:
            return
        answers = {**form.hidden, "kind": "compliment", "message": "The Thursday walk is brilliant", "theme": "", "website": ""}
        self.post("/feedback/", answers, "give feedback", path="/feedback/thank-you/")
