"""Identifier and code systems used in STaR's FHIR (shared/reference/standards.md §2.2)."""

from __future__ import annotations

import uuid

from django.conf import settings

NHS_NUMBER = "https://fhir.nhs.uk/Id/nhs-number"
NHS_NUMBER_VERIFICATION = "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-NHSNumberVerificationStatus"
NHS_NUMBER_VERIFICATION_CODES = "https://fhir.hl7.org.uk/CodeSystem/UKCore-NHSNumberVerificationStatusEngland"
ETHNIC_CATEGORY = "https://fhir.hl7.org.uk/StructureDefinition/Extension-UKCore-EthnicCategory"
ETHNIC_CATEGORY_CODES = "https://fhir.hl7.org.uk/CodeSystem/UKCore-EthnicCategoryEngland"
ACT_CODE = "http://terminology.hl7.org/CodeSystem/v3-ActCode"
CONSENT_SCOPE = "http://terminology.hl7.org/CodeSystem/consentscope"
LOINC = "http://loinc.org"
OBSERVATION_CATEGORY = "http://terminology.hl7.org/CodeSystem/observation-category"

UK_CORE = "https://fhir.hl7.org.uk/StructureDefinition/UKCore-"

VERIFICATION_CODES = frozenset(f"{n:02d}" for n in range(1, 9))
ETHNIC_CODES = frozenset("ABCDEFGHJKLMNPRSZ")
GENDERS = frozenset({"male", "female", "other", "unknown"})

# Our own namespace for local identifiers. A deployment sets its own domain.
NAMESPACE = uuid.UUID("6f1d3c1e-52a4-4c38-9d3b-2f8e5b1a7c10")


def local_system(kind: str) -> str:
    base = getattr(settings, "STAR_FHIR_IDENTIFIER_BASE", "https://fhir.star.example.org/Id")
    return f"{base}/{kind}"


def structure(name: str) -> str:
    base = getattr(settings, "STAR_FHIR_IDENTIFIER_BASE", "https://fhir.star.example.org/Id")
    return f"{base.removesuffix('/Id')}/StructureDefinition/{name}"


def resource_id(kind: str, pk: object) -> str:
    """A stable id for a row as a FHIR resource (the same every export)."""
    return str(uuid.uuid5(NAMESPACE, f"{kind}/{pk}"))


# Our extension on ServiceRequest: the person agreed to the referral (STaR records no referral
# without it).
REFERRAL_CONSENT = structure("referral-consent")
