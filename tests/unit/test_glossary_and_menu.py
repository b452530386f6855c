"""The glossary's NLU data and the help menu stay in step with the knowledge base."""


def test_the_glossary_has_at_least_25_terms_including_the_common_acronyms(kb):
    assert len(kb.glossary) >= 25
    for term in (
        "MASH",
        "EDT",
        "GCP2",
        "NAI",
        "CIN",
        "CP",
        "ICPC",
        "DSL",
        "HV",
        "CSPR",
        "LSCP",
        "S17",
        "S47",
        "FNM",
        "strategy discussion",
        "designated safeguarding lead",
    ):
        assert kb.find_term(f"what does {term} mean?"), term


def test_every_contract_topic_is_in_exactly_one_help_group(kb, contract_topics):
    listed = [t for group in kb.menu.groups.values() for t in group.topics]
    assert sorted(listed) == sorted(contract_topics)
