from star.tests.access_matrix import OK, case

READERS = case(manager=OK, commissioner=OK)

EXPECTATIONS = {
    "reports:dashboard": READERS,
    "reports:equality": READERS,
    "reports:quarterly_pdf": READERS,
    "reports:export_table": case(manager=OK, commissioner=OK, kwargs=lambda world: {"key": "referrals-by-source", "fmt": "csv"}),
    "reports:mhsds_extract": case(manager=OK),
    "reports:costs": case(manager=OK),
    "reports:baseline": case(manager=OK),
}
