"""The words bulk rows are made of: names, streets, themes, and the shares of each kind of contact, referral and decision."""

from __future__ import annotations

from datetime import time as clock

from faker.providers.person.en_GB import Provider as Names

FIRST_NAMES = sorted(set(Names.first_names_female) | set(Names.first_names_male))
LAST_NAMES = sorted(set(Names.last_names))
LANGUAGES = ["English"] * 8 + ["Urdu", "Punjabi", "Bengali", "Polish", "Somali", "Arabic", "Romanian"]
STREETS = ["High Street", "Church Road", "Station Road", "Park Avenue", "Victoria Road", "Green Lane", "Mill Lane"]
THEMES = [
    "Wellbeing Hub",
    "Peer Support Network",
    "Creative Minds",
    "Walk and Talk",
    "Recovery College",
    "Community Kitchen",
    "Hearing Voices Group",
    "Men's Shed",
    "Women's Circle",
    "Allotment Project",
    "Music Makers",
    "Coffee and Chat",
    "Skills Café",
    "Carers' Space",
    "Youth Wellbeing",
    "Over 50s Friendship",
    "Sanctuary Evenings",
    "Move More",
]
CATEGORIES = ["peer_support", "social", "creative", "walking", "wrap", "skills", "wellbeing"]
CONTACT_MODES = ["face_to_face"] * 5 + ["phone"] * 3 + ["video", "community_outing", "text"]
CONTACT_OUTCOMES = ["attended"] * 85 + ["did_not_attend"] * 8 + ["cancelled_by_person"] * 5 + ["cancelled_by_service"] * 2
CLOCKS = [clock(hour) for hour in range(24)]
MINUTES = [30, 45, 60, 90]
CONTACT_WORK = [
    "Talked through the week and planned the next step",
    "Went to the library together to use the computers",
    "Practised the bus route into town",
    "Helped write the housing appeal and a benefits form",
    "Went to the food bank, then a drop-in together",
]
REASONS = [
    "I feel lonely and want to get out more",
    "Low mood since losing my job",
    "Would like help to get back into a routine",
    "Anxious about going out on my own",
]
SOURCES = ["gp"] * 3 + ["cmht"] * 2 + ["social_worker", "self", "self", "family", "other_service"]
DECISIONS = ["enablement"] * 14 + ["signpost"] * 3 + ["elsewhere"] * 2 + ["decline"]
DECISION_STATUS = {"signpost": "signposted", "elsewhere": "elsewhere", "decline": "declined"}
# (code, items, typical answer at the start, at the end): PHQ-9 and GAD-7 answers are 0..3.
MEASURES = [("PHQ9", 9), ("GAD7", 7)]
MEASURE_EVERY = {"PHQ9": 1.0, "GAD7": 0.9}

# The name some people go by: a usual short form of their given name (never a made-up one).
KNOWN_AS = {
    "Alexander": "Alex",
    "Alexandra": "Alex",
    "Abigail": "Abi",
    "Benjamin": "Ben",
    "Catherine": "Cath",
    "Christopher": "Chris",
    "Daniel": "Dan",
    "Deborah": "Debbie",
    "Elizabeth": "Liz",
    "Jacqueline": "Jackie",
    "James": "Jim",
    "Jennifer": "Jen",
    "Jonathan": "Jon",
    "Joseph": "Joe",
    "Katherine": "Kate",
    "Kimberley": "Kim",
    "Margaret": "Maggie",
    "Matthew": "Matt",
    "Michael": "Mike",
    "Nicholas": "Nick",
    "Patricia": "Pat",
    "Rebecca": "Becky",
    "Richard": "Rich",
    "Robert": "Rob",
    "Samantha": "Sam",
    "Samuel": "Sam",
    "Stephen": "Steve",
    "Susan": "Sue",
    "Thomas": "Tom",
    "Victoria": "Vicky",
    "William": "Will",
}
