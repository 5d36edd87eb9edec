"""Every FHIR resource we produce is checked twice before it leaves: against the R4B models of
`fhir.resources` (structure, required fields, data types; there is no R4 4.0.1 package, see
standards.md §2.4) and against our own rules, which those models do not check: identifier
systems, the NHS number's check digit, UK Core code systems and references inside the Bundle."""

from __future__ import annotations

import importlib
from typing import Any

from pydantic import ValidationError

from interop.fhir import systems
from people import nhs_number

Resource = dict[str, Any]

R4B_MODULES = {
    "Bundle": "bundle",
    "Patient": "patient",
    "ServiceRequest": "servicerequest",
    "EpisodeOfCare": "episodeofcare",
    "Encounter": "encounter",
    "CarePlan": "careplan",
    "Goal": "goal",
    "QuestionnaireResponse": "questionnaireresponse",
    "Observation": "observation",
    "Consent": "consent",
    "OperationOutcome": "operationoutcome",
}


class FhirProblem(Exception):
    """A resource that is not valid FHIR, or breaks one of our rules. `problems` says where."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems))
        self.problems = problems


def r4b_model(resource_type: str) -> Any:
    module = R4B_MODULES.get(resource_type)
    if module is None:
        raise FhirProblem([f"{resource_type or 'A resource with no type'} is not a resource STaR handles"])
    return getattr(importlib.import_module(f"fhir.resources.R4B.{module}"), resource_type)


def model_problems(resource: Resource) -> list[str]:
    resource_type = str(resource.get("resourceType", ""))
    try:
        r4b_model(resource_type).model_validate(resource)
    except FhirProblem as problem:
        return problem.problems
    except (ValidationError, ValueError, TypeError) as error:
        errors = error.errors() if isinstance(error, ValidationError) else [{"loc": (), "msg": str(error)}]
        return [f"{resource_type}.{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in errors[:10]]
    return []


def nhs_number_problems(identifier: dict[str, Any]) -> list[str]:
    value = str(identifier.get("value", ""))
    problems = []
    if nhs_number.problem_with(value, accept_synthetic=True) is not None or value != nhs_number.normalise(value):
        problems.append(f"Patient.identifier: {value!r} is not a valid NHS number")
    for extension in identifier.get("extension", []):
        if extension.get("url") == systems.NHS_NUMBER_VERIFICATION:
            for coding in extension.get("valueCodeableConcept", {}).get("coding", []):
                if coding.get("system") != systems.NHS_NUMBER_VERIFICATION_CODES or coding.get("code") not in systems.VERIFICATION_CODES:
                    problems.append("Patient.identifier: the NHS number verification status is not a UK Core code (01 to 08)")
    return problems


def patient_problems(resource: Resource) -> list[str]:
    problems = []
    nhs_identifiers = [i for i in resource.get("identifier", []) if i.get("system") == systems.NHS_NUMBER]
    if len(nhs_identifiers) > 1:
        problems.append("Patient.identifier: at most one NHS number")
    for identifier in resource.get("identifier", []):
        system = str(identifier.get("system", ""))
        if "nhs-number" in system.lower() and system != systems.NHS_NUMBER:
            problems.append(f"Patient.identifier: use the system {systems.NHS_NUMBER} for NHS numbers, not {system}")
        if not system:
            problems.append("Patient.identifier: every identifier needs a system")
    for identifier in nhs_identifiers:
        problems += nhs_number_problems(identifier)
    if resource.get("gender", "unknown") not in systems.GENDERS:
        problems.append(f"Patient.gender: {resource.get('gender')!r} is not one of male, female, other, unknown")
    for extension in resource.get("extension", []):
        if extension.get("url") == systems.ETHNIC_CATEGORY:
            for coding in extension.get("valueCodeableConcept", {}).get("coding", []):
                if coding.get("system") != systems.ETHNIC_CATEGORY_CODES or coding.get("code") not in systems.ETHNIC_CODES:
                    problems.append("Patient.extension: the ethnic category is not a UK Core ethnic category code")
    return problems


def _empty_values(value: Any, path: str) -> list[str]:
    """FHIR forbids empty strings, lists and objects anywhere."""
    if value in ("", [], {}, None):
        return [f"{path}: empty values are not allowed in FHIR"]
    if isinstance(value, dict):
        return [p for key, inner in value.items() for p in _empty_values(inner, f"{path}.{key}")]
    if isinstance(value, list):
        return [p for index, inner in enumerate(value) for p in _empty_values(inner, f"{path}[{index}]")]
    return []


def resource_problems(resource: Resource) -> list[str]:
    problems = model_problems(resource)
    problems += _empty_values(resource, str(resource.get("resourceType", "resource")))
    if resource.get("resourceType") == "Patient":
        problems += patient_problems(resource)
    return problems


def _references(value: Any) -> list[str]:
    if isinstance(value, dict):
        found = [value["reference"]] if isinstance(value.get("reference"), str) else []
        return found + [r for inner in value.values() for r in _references(inner)]
    if isinstance(value, list):
        return [r for inner in value for r in _references(inner)]
    return []


def check_bundle(bundle: Resource) -> None:
    """Raise FhirProblem naming every problem; return quietly when the Bundle is good."""
    problems = model_problems({**bundle, "entry": []})
    entries = bundle.get("entry", [])
    full_urls = {entry.get("fullUrl") for entry in entries}
    for entry in entries:
        resource = entry.get("resource", {})
        problems += resource_problems(resource)
        for reference in _references(resource):
            if reference.startswith("urn:uuid:") and reference not in full_urls:
                problems.append(f"{resource.get('resourceType')}: refers to {reference}, which is not in the Bundle")
    if problems:
        raise FhirProblem(problems)
