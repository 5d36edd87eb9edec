from star.tests.access_matrix import OK, case

EXPECTATIONS = {
    "audit:trail": case(manager=OK),
}
