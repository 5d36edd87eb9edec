"""Demo referrals and 1-to-1 episodes: people at every stage of the pathway (awaiting triage,
waiting for a worker, in an episode with contacts and reviews, moved on, signposted or
declined). Deterministic from the seeded `random.Random`; bulk inserts; safe to run twice."""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from accounts.models import User
from enablement.models import Contact, Episode, EpisodeStatusChange, MoveOn, Review
from people.models import Person
from referrals.models import Complexity, Referral, ReferralStatusChange

REASONS = [
    "I have been feeling low and I don't go out much any more.",
    "Since I lost my job I stay in bed most days. I want to get back to doing things.",
    "I'd like to meet people and maybe do some volunteering.",
    "My anxiety stops me using the bus. I want to get to the shops on my own.",
    "I came out of hospital last month and I don't know anyone round here.",
]
REFERRER_REASONS = [
    "Isolated since bereavement; would benefit from community connection.",
    "Low mood, recently discharged from the home treatment team.",
    "Long-standing anxiety, wants to build confidence to use public transport.",
]
WHAT_WAS_DONE = [
    "Walked to the library together and joined",
    "Went through the one-page profile together",
    "Visited the Tuesday drop-in at the community centre",
    "Phoned about benefits together; started the housing appeal letter",
    "Took the bus to the food bank together and picked up a voucher",
]
GROUPS = ["Tuesday walking group, Cannon Hill Park", "Hearing Voices group, Digbeth", "Craft drop-in, Handsworth library", ""]


def _received(now: datetime, rng: random.Random, low: int, high: int) -> datetime:
    return now - timedelta(days=rng.randint(low, high), hours=rng.randint(0, 8))


def seed_enablement(*, rng: random.Random, users: dict[str, User], people: list[Person], now: datetime, today: date) -> None:
    if Referral.objects.exists():
        return
    manager = users["manager"]
    workers = [users["worker"], users["worker2"]]
    sources = [s for s in Referral.Source.values if s != Referral.Source.SELF]

    # Who is at which stage. The first 40 are on a worker's caseload (index % 2), as seeded.
    in_episode = list(range(1, 15))
    moved_on = list(range(15, 21))
    awaiting = list(range(40, 46))
    waiting = list(range(46, 52))
    closed_at_triage = list(range(52, 55))

    referrals: list[Referral] = []
    stage_of: dict[int, str] = {}
    for index in [*in_episode, *moved_on, *awaiting, *waiting, *closed_at_triage]:
        person = people[index]
        self_referral = index in awaiting and rng.random() < 0.5
        if index in awaiting:
            status, received = Referral.Status.AWAITING_TRIAGE, _received(now, rng, 0, 12)
        elif index in waiting:
            status, received = Referral.Status.WAITING, _received(now, rng, 10, 45)
        elif index in closed_at_triage:
            status = rng.choice([Referral.Status.SIGNPOSTED, Referral.Status.DECLINED])
            received = _received(now, rng, 20, 60)
        else:
            status, received = (
                Referral.Status.ALLOCATED,
                _received(now, rng, 30 if index in in_episode else 130, 90 if index in in_episode else 200),
            )
        stage_of[index] = status
        triaged = status != Referral.Status.AWAITING_TRIAGE
        decision = {
            Referral.Status.WAITING: Referral.Decision.ENABLEMENT,
            Referral.Status.ALLOCATED: Referral.Decision.ENABLEMENT,
            Referral.Status.SIGNPOSTED: Referral.Decision.SIGNPOST,
            Referral.Status.DECLINED: Referral.Decision.DECLINE,
        }.get(status, "")
        referrals.append(
            Referral(
                person=person,
                source=Referral.Source.SELF if self_referral else rng.choice(sources),
                referrer_name="" if self_referral else rng.choice(["Dr Amir Khan", "Jess Taylor", "Tom Price", "Dr Helen Moss"]),
                referrer_role="" if self_referral else rng.choice(["GP", "Care coordinator", "Social worker"]),
                referrer_organisation=""
                if self_referral
                else rng.choice(["Moseley Medical Centre", "North CMHT", "Birmingham City Council"]),
                referrer_contact="" if self_referral else "0121 496 0000",
                reason_in_persons_words=rng.choice(REASONS),
                reason_in_referrers_words="" if self_referral else rng.choice(REFERRER_REASONS),
                consent_given=True,
                interpreter_needed=person.interpreter_needed,
                interpreter_language=person.first_language if person.interpreter_needed else "",
                urgency=rng.choice([Referral.Urgency.ROUTINE] * 4 + [Referral.Urgency.SOON, Referral.Urgency.URGENT]),
                received_at=received,
                status=status,
                complexity=rng.choice(Complexity.values) if triaged else None,
                risk_to_self=(rng.random() < 0.2) if triaged else None,
                risk_to_others=False if triaged else None,
                risk_from_others=(rng.random() < 0.1) if triaged else None,
                recent_crisis=(rng.random() < 0.3) if triaged else None,
                decision=decision,
                decision_reason="Needs specialist help with alcohol first: referred to Aquarius"
                if status == Referral.Status.DECLINED
                else "",
                signposted_to="Craft drop-in, Handsworth library" if status == Referral.Status.SIGNPOSTED else "",
                triaged_at=received + timedelta(days=2) if triaged else None,
                triaged_by=rng.choice([manager, *workers]) if triaged else None,
                allocated_to=workers[index % 2] if status == Referral.Status.ALLOCATED else None,
                allocated_at=received + timedelta(days=14) if status == Referral.Status.ALLOCATED else None,
                created_by=None if self_referral else manager,
            )
        )
    Referral.objects.bulk_create(referrals)

    changes: list[ReferralStatusChange] = []
    for referral in referrals:
        changes.append(
            ReferralStatusChange(
                referral=referral,
                to_status=Referral.Status.AWAITING_TRIAGE,
                changed_at=referral.received_at,
                changed_by=referral.created_by,
            )
        )
        if referral.triaged_at:
            after = Referral.Status.WAITING if referral.status == Referral.Status.ALLOCATED else referral.status
            changes.append(
                ReferralStatusChange(
                    referral=referral,
                    from_status=Referral.Status.AWAITING_TRIAGE,
                    to_status=after,
                    changed_at=referral.triaged_at,
                    changed_by=referral.triaged_by,
                    note=referral.decision_reason,
                )
            )
        if referral.allocated_at:
            changes.append(
                ReferralStatusChange(
                    referral=referral,
                    from_status=Referral.Status.WAITING,
                    to_status=Referral.Status.ALLOCATED,
                    changed_at=referral.allocated_at,
                    changed_by=manager,
                    note=f"Allocated to {referral.allocated_to.display_name if referral.allocated_to else ''}",
                )
            )
    ReferralStatusChange.objects.bulk_create(changes)

    episodes: list[Episode] = []
    for referral in referrals:
        if referral.allocated_at is None or referral.allocated_to is None:
            continue
        start = referral.allocated_at.date()
        ended = referral.person in [people[i] for i in moved_on]
        episodes.append(
            Episode(
                person=referral.person,
                referral=referral,
                worker=referral.allocated_to,
                status=Episode.Status.ENDED if ended else Episode.Status.OPEN,
                started_on=start,
                planned_weeks=12,
                planned_end_on=start + timedelta(weeks=12),
                review_every_weeks=4,
                next_review_on=None if ended else start + timedelta(weeks=4 * rng.randint(1, 3)),
                ended_on=start + timedelta(weeks=12) if ended else None,
                opened_by=manager,
                opened_at=referral.allocated_at,
            )
        )
    Episode.objects.bulk_create(episodes)

    episode_changes: list[EpisodeStatusChange] = []
    contacts: list[Contact] = []
    reviews: list[Review] = []
    moves: list[MoveOn] = []
    for episode in episodes:
        opened = min(datetime.combine(episode.started_on, time(10, 0), tzinfo=now.tzinfo), now)  # never later than now
        episode_changes.append(EpisodeStatusChange(episode=episode, to_status=Episode.Status.OPEN, changed_at=opened, changed_by=manager))
        last_day = min(episode.ended_on or today, today)
        day = episode.started_on + timedelta(days=rng.randint(1, 5))
        while day <= last_day:
            outcome = rng.choice([Contact.Outcome.ATTENDED] * 6 + [Contact.Outcome.DID_NOT_ATTEND, Contact.Outcome.CANCELLED_BY_PERSON])
            contacts.append(
                Contact(
                    episode=episode,
                    person=episode.person,
                    worker=episode.worker,
                    contact_date=day,
                    start_time=time(rng.choice([10, 11, 13, 14, 15]), rng.choice([0, 30])),
                    minutes=rng.choice([30, 45, 60, 60, 90, 120]),
                    mode=rng.choice(Contact.Mode.values),
                    place=rng.choice(["Their home", "Café in Kings Heath", "Library", ""]),
                    who_was_there="Just us",
                    what_was_done=rng.choice(WHAT_WAS_DONE) if outcome == Contact.Outcome.ATTENDED else "",
                    outcome=outcome,
                    recorded_by=episode.worker,
                )
            )
            day += timedelta(days=rng.randint(5, 10))
        review_day = episode.started_on + timedelta(weeks=4)
        while review_day <= last_day and (episode.next_review_on is None or review_day < episode.next_review_on):
            reviews.append(
                Review(
                    episode=episode,
                    person=episode.person,
                    held_on=review_day,
                    what_is_working="Weekly outings; the one-page profile helped us plan",
                    progress="Using the bus alone for short trips; joined the library",
                    persons_view="I feel more like myself. I want to keep going.",
                    who_took_part="The person and their worker",
                    decision=Review.Decision.CONTINUE,
                    next_review_on=review_day + timedelta(weeks=4),
                    recorded_by=episode.worker,
                )
            )
            review_day += timedelta(weeks=4)
        if episode.ended_on:
            episode_changes.append(
                EpisodeStatusChange(
                    episode=episode,
                    from_status=Episode.Status.OPEN,
                    to_status=Episode.Status.ENDED,
                    changed_at=min(datetime.combine(episode.ended_on, time(16, 0), tzinfo=now.tzinfo), now),
                    changed_by=episode.worker,
                )
            )
            moves.append(
                MoveOn(
                    episode=episode,
                    person=episode.person,
                    destination=rng.choice(MoveOn.Destination.values),
                    reason="Goals met: ready to carry on with community support",
                    community_group=rng.choice(GROUPS),
                    ended_on=episode.ended_on,
                    recorded_by=episode.worker,
                )
            )
    EpisodeStatusChange.objects.bulk_create(episode_changes)
    Contact.objects.bulk_create(contacts)
    Review.objects.bulk_create(reviews)
    MoveOn.objects.bulk_create(moves)
