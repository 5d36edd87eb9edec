"""Equality-monitoring categories: ONS Census 2021 ethnicity with the NHS 2001 code derived,
separate sex, gender identity and sexual orientation, disability and religion.

Every question is optional and has "prefer not to say" (declined) as well as "not asked".
Source: shared/reference/standards.md §13.
"""

from __future__ import annotations

from django.db import models

NOT_ASKED = "not_asked"
DECLINED = "declined"


class Ethnicity2021(models.TextChoices):
    WHITE_BRITISH = "white_british", "White: English, Welsh, Scottish, Northern Irish or British"
    WHITE_IRISH = "white_irish", "White: Irish"
    WHITE_GYPSY_TRAVELLER = "white_gypsy_traveller", "White: Gypsy or Irish Traveller"
    WHITE_ROMA = "white_roma", "White: Roma"
    WHITE_OTHER = "white_other", "White: Any other White background"
    MIXED_WHITE_BLACK_CARIBBEAN = "mixed_white_black_caribbean", "Mixed or multiple: White and Black Caribbean"
    MIXED_WHITE_BLACK_AFRICAN = "mixed_white_black_african", "Mixed or multiple: White and Black African"
    MIXED_WHITE_ASIAN = "mixed_white_asian", "Mixed or multiple: White and Asian"
    MIXED_OTHER = "mixed_other", "Mixed or multiple: Any other Mixed or multiple ethnic background"
    ASIAN_INDIAN = "asian_indian", "Asian or Asian British: Indian"
    ASIAN_PAKISTANI = "asian_pakistani", "Asian or Asian British: Pakistani"
    ASIAN_BANGLADESHI = "asian_bangladeshi", "Asian or Asian British: Bangladeshi"
    ASIAN_CHINESE = "asian_chinese", "Asian or Asian British: Chinese"
    ASIAN_OTHER = "asian_other", "Asian or Asian British: Any other Asian background"
    BLACK_CARIBBEAN = "black_caribbean", "Black, Black British, Caribbean or African: Caribbean"
    BLACK_AFRICAN = "black_african", "Black, Black British, Caribbean or African: African"
    BLACK_OTHER = "black_other", "Black, Black British, Caribbean or African: Any other Black, Black British, or Caribbean background"
    OTHER_ARAB = "other_arab", "Other ethnic group: Arab"
    OTHER_ANY = "other_any", "Other ethnic group: Any other ethnic group"
    DECLINED = DECLINED, "Prefer not to say"
    NOT_ASKED = NOT_ASKED, "Not asked"


# ONS 2021 category → NHS Data Dictionary ETHNIC CATEGORY (2001-census based) code.
NHS_ETHNIC_CATEGORY_2001: dict[str, str] = {
    Ethnicity2021.WHITE_BRITISH: "A",
    Ethnicity2021.WHITE_IRISH: "B",
    Ethnicity2021.WHITE_GYPSY_TRAVELLER: "C",
    Ethnicity2021.WHITE_ROMA: "C",
    Ethnicity2021.WHITE_OTHER: "C",
    Ethnicity2021.MIXED_WHITE_BLACK_CARIBBEAN: "D",
    Ethnicity2021.MIXED_WHITE_BLACK_AFRICAN: "E",
    Ethnicity2021.MIXED_WHITE_ASIAN: "F",
    Ethnicity2021.MIXED_OTHER: "G",
    Ethnicity2021.ASIAN_INDIAN: "H",
    Ethnicity2021.ASIAN_PAKISTANI: "J",
    Ethnicity2021.ASIAN_BANGLADESHI: "K",
    Ethnicity2021.ASIAN_CHINESE: "R",
    Ethnicity2021.ASIAN_OTHER: "L",
    Ethnicity2021.BLACK_CARIBBEAN: "M",
    Ethnicity2021.BLACK_AFRICAN: "N",
    Ethnicity2021.BLACK_OTHER: "P",
    Ethnicity2021.OTHER_ARAB: "S",
    Ethnicity2021.OTHER_ANY: "S",
    Ethnicity2021.DECLINED: "Z",
    Ethnicity2021.NOT_ASKED: "99",
}


def nhs_ethnic_category(ethnicity_2021: str) -> str:
    """The NHS 2001 ethnic category code for an ONS 2021 answer ("99" not known by default)."""
    return NHS_ETHNIC_CATEGORY_2001.get(ethnicity_2021, "99")


class Sex(models.TextChoices):
    FEMALE = "female", "Female"
    MALE = "male", "Male"
    DECLINED = DECLINED, "Prefer not to say"
    NOT_ASKED = NOT_ASKED, "Not asked"


class GenderIdentity(models.TextChoices):
    """NHS Data Dictionary GENDER IDENTITY CODE."""

    MALE = "1", "Male (including trans man)"
    FEMALE = "2", "Female (including trans woman)"
    NON_BINARY = "3", "Non-binary"
    OTHER = "4", "Other (not listed)"
    DECLINED = "Z", "Prefer not to say"
    NOT_ASKED = "X", "Not asked"


class GenderSameAtBirth(models.TextChoices):
    YES = "Y", "Yes"
    NO = "N", "No"
    DECLINED = "Z", "Prefer not to say"
    NOT_ASKED = "X", "Not asked"


class SexualOrientation(models.TextChoices):
    HETEROSEXUAL = "heterosexual", "Heterosexual or straight"
    GAY_LESBIAN = "gay_lesbian", "Gay or lesbian"
    BISEXUAL = "bisexual", "Bisexual"
    OTHER = "other", "Other sexual orientation not listed"
    NOT_SURE = "not_sure", "Not sure"
    DECLINED = DECLINED, "Prefer not to say"
    NOT_ASKED = NOT_ASKED, "Not asked"


class Disability(models.TextChoices):
    YES = "yes", "Yes"
    NO = "no", "No"
    DECLINED = DECLINED, "Prefer not to say"
    NOT_ASKED = NOT_ASKED, "Not asked"


class Religion(models.TextChoices):
    """ONS Census 2021 religion question."""

    NONE = "none", "No religion"
    CHRISTIAN = "christian", "Christian"
    BUDDHIST = "buddhist", "Buddhist"
    HINDU = "hindu", "Hindu"
    JEWISH = "jewish", "Jewish"
    MUSLIM = "muslim", "Muslim"
    SIKH = "sikh", "Sikh"
    OTHER = "other", "Any other religion"
    DECLINED = DECLINED, "Prefer not to say"
    NOT_ASKED = NOT_ASKED, "Not asked"
