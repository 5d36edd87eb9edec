from star.tests.access_matrix import OK, case

EXPECTATIONS = {
    "home": case(anonymous=OK, default=OK),
    "accessibility_statement": case(anonymous=OK, default=OK),
}
