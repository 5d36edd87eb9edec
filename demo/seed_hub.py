"""Demo resource hub: a dozen synthetic Birmingham-like services from other organisations across
the topics (made-up names, reserved 0121 496 numbers, plausible postcodes), and signposting with
follow-ups: one due for the demo member (Alex) from the demo worker, one answered, one not yet due."""

from __future__ import annotations

import random
from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from accounts.models import User
from community.reference.postcode_districts import district_for
from hub.models import AccessFeature, Category, FollowUpAnswer, HowSignposted, Organisation, Resource, SavedResource, Signposting
from people.models import Person

RESOURCES = (
    # (name, organisation, topic, postcode, opening times, description)
    (
        "Benefits advice line",
        "Westside Advice Centre",
        Category.BENEFITS,
        "B1 2JT",
        "Monday to Friday, 9am to 4pm",
        "Help to claim Universal Credit, PIP and other benefits, and with appeals.",
    ),
    (
        "PIP form-filling clinic",
        "Northfield Community Advice",
        Category.BENEFITS,
        "B31 2PA",
        "Wednesdays, 10am to 1pm",
        "Book a slot to fill in a Personal Independence Payment form with an adviser.",
    ),
    (
        "Housing options drop-in",
        "Birmingham Housing Help",
        Category.HOUSING,
        "B5 4TR",
        "Tuesdays and Thursdays, 10am to 3pm",
        "For anyone homeless or about to lose their home. No appointment needed.",
    ),
    (
        "Tenancy sustainment service",
        "Safe Homes Midlands",
        Category.HOUSING,
        "B23 6RN",
        "By appointment",
        "Support to keep your tenancy: rent arrears, repairs, bills and neighbours.",
    ),
    (
        "Free debt advice",
        "Money Matters Birmingham",
        Category.DEBT_MONEY,
        "B13 9AB",
        "Monday to Thursday, 9:30am to 4:30pm",
        "Confidential help with debts, bailiffs, and priority bills. Free and impartial.",
    ),
    (
        "Food and fuel support",
        "Sparkhill Community Pantry",
        Category.DEBT_MONEY,
        "B11 4BW",
        "Fridays, 11am to 2pm",
        "Low-cost food shop and help with energy bills.",
    ),
    (
        "Job club",
        "Ladywood Works",
        Category.EMPLOYMENT,
        "B16 8HH",
        "Mondays, 1pm to 3pm",
        "CVs, job searching and interview practice with people who have been there.",
    ),
    (
        "Individual Placement and Support",
        "Midlands Employment Partnership",
        Category.EMPLOYMENT,
        "B15 2TT",
        "By referral or self-referral",
        "One-to-one help to find and keep paid work, alongside your mental health care.",
    ),
    (
        "Walking for health",
        "Parks Together Birmingham",
        Category.PHYSICAL_HEALTH,
        "B29 6BD",
        "Saturdays, 10am",
        "Gentle group walks of about an hour. Just turn up.",
    ),
    (
        "Stop smoking service",
        "Healthy Lives Birmingham",
        Category.PHYSICAL_HEALTH,
        "B6 5RQ",
        "Monday to Friday",
        "Free support and medicines to help you stop smoking.",
    ),
    (
        "Carers' hub",
        "Birmingham Carers Network",
        Category.CARERS,
        "B27 6QA",
        "Monday to Friday, 9am to 5pm",
        "Advice, carers' assessments and breaks for anyone who looks after someone.",
    ),
    (
        "Men's shed",
        "Erdington Men's Shed",
        Category.GROUPS,
        "B24 9HP",
        "Tuesdays and Fridays, 10am to 3pm",
        "Woodwork, repairs, tea and company. Everyone welcome.",
    ),
    (
        "Talking therapies self-referral",
        "Birmingham Wellbeing Partnership",
        Category.MENTAL_HEALTH,
        "B4 6NH",
        "Phone lines open 8am to 8pm",
        "Short courses of talking therapy for anxiety and low mood. Refer yourself.",
    ),
)


ELIGIBILITY = {
    Category.BENEFITS: "Anyone living in Birmingham",
    Category.HOUSING: "Birmingham residents who are homeless or at risk of losing their home",
    Category.DEBT_MONEY: "Adults in Birmingham with debts or money worries",
    Category.EMPLOYMENT: "Adults out of work or wanting to change jobs",
    Category.PHYSICAL_HEALTH: "Adults registered with a Birmingham GP",
    Category.CARERS: "Unpaid carers of any age",
    Category.GROUPS: "Anyone over 18",
    Category.MENTAL_HEALTH: "Adults living with a mental health condition",
}
ACCESS = list(AccessFeature)


def seed_hub(*, rng: random.Random, users: dict[str, User], people: list[Person]) -> None:
    today = timezone.localdate()
    organisations = {name: Organisation(name=name) for _, name, *_ in RESOURCES}
    Organisation.objects.bulk_create(list(organisations.values()))
    resources = []
    for index, (name, organisation, topic, postcode, opening, description) in enumerate(RESOURCES):
        district = district_for(postcode)
        assert district is not None
        resources.append(
            Resource(
                organisation=organisations[organisation],
                name=name,
                category=topic,
                description=description,
                opening_times=opening,
                cost="Free",
                eligibility=ELIGIBILITY.get(topic, ""),
                # Every place step-free (the first), and some of the others at random.
                access_features=[AccessFeature.STEP_FREE.value, *sorted(f.value for f in rng.sample(ACCESS[1:], rng.randint(0, 3)))]
                if index % 4 != 3
                else [],
                languages="English" + (", Urdu, Punjabi" if rng.random() < 0.3 else ""),
                phone=f"0121 496 0{100 + index:03d}",
                # Most take warm referrals by email (a reserved example address); a few only by phone.
                email=f"referrals.{index + 1}@example.org" if index % 3 != 2 else "",
                address=f"{rng.randint(1, 200)} High Street",
                postcode=postcode,
                latitude=Decimal(str(round(district.latitude + rng.uniform(-0.004, 0.004), 5))),
                longitude=Decimal(str(round(district.longitude + rng.uniform(-0.006, 0.006), 5))),
                # Two not checked for a long while, so the manager's "check again" list has something.
                last_checked_on=today - timedelta(days=400 if index in (3, 9) else rng.randint(5, 90)),
            )
        )
    Resource.objects.bulk_create(resources)
    by_name = {resource.name: resource for resource in resources}
    worker = users["worker"]
    member, others = people[0], people[2:6:2]  # Alex (the demo member) and two more on the demo worker's caseload
    Signposting.objects.bulk_create(
        [
            Signposting(
                person=member,
                resource=by_name["Free debt advice"],
                signposted_by=worker,
                signposted_on=today - timedelta(days=16),
                reason="Worried about letters from the energy company",
                how=HowSignposted.GAVE_DETAILS,
                follow_up_due=today - timedelta(days=2),
            ),
            Signposting(
                person=others[0],
                resource=by_name["Job club"],
                signposted_by=worker,
                signposted_on=today - timedelta(days=20),
                reason="Wants to get back to work part-time",
                how=HowSignposted.WARM_HANDOVER,
                follow_up_due=today - timedelta(days=6),
            ),
            Signposting(
                person=others[1],
                resource=by_name["Carers' hub"],
                signposted_by=worker,
                signposted_on=today - timedelta(days=40),
                how=HowSignposted.WARM_HANDOVER,
                follow_up_due=today - timedelta(days=26),
                answer=FollowUpAnswer.GOT_THERE,
                answered_at=timezone.now() - timedelta(days=20),
                answered_by=worker,
            ),
            Signposting(
                person=member,
                resource=by_name["Walking for health"],
                signposted_by=worker,
                signposted_on=today - timedelta(days=3),
                how=HowSignposted.GAVE_DETAILS,
                follow_up_due=today + timedelta(days=11),
            ),
        ]
    )
    # Alex kept two services on their own pages ("My saved resources").
    SavedResource.objects.bulk_create(
        [SavedResource(person=member, resource=by_name[name]) for name in ("Free debt advice", "Walking for health")]
    )
