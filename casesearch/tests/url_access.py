from star.tests.access_matrix import OK, case

EXPECTATIONS = {
    # Whose notes are found is decided by the gate (casesearch.access); test_note_search covers it.
    "casesearch:search": case(str_worker=OK, manager=OK),
}
