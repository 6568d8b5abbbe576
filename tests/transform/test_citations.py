"""Citations of the Official Disability Guidelines: chapter and topic, by the kind of wording.

The strings are written for these tests in the letters' language (not copied from a letter),
including spellings no published letter in tests/cases uses.
"""

from __future__ import annotations

import pytest

from imr_etl.transform.citations import parse_citations


def cite(text: str) -> tuple[str, str | None, str | None]:
    """(source, guideline, topic) of the one citation a Non-MTUS paragraph holds."""
    [citation] = parse_citations(f"Decision based on Non-MTUS Citation {text}", "imro")
    return citation.source, citation.guideline, citation.topic


@pytest.mark.parametrize("text,guideline", [
    ("Official Disability Guidelines (ODG) Pain (Chronic) chapter, Opioids", "ODG Pain"),
    ("Official Disability Guidelines (ODG) Chronic Pain chapter, Opioids", "ODG Pain"),
    ("Official Disability Guidelines, Pain section, Opioids", "ODG Pain"),
    ("Official Disability Guidelines (ODG) Low Back - Lumbar & Thoracic (Acute & Chronic) "
     "Chapter, Opioids", "ODG Low Back"),
    ("Official Disability Guidelines (ODG) Low Back-Lumbar and Thoracic, Opioids",
     "ODG Low Back"),
    ("Official Disability Guidelines (ODG) Lumbar and Thoracic chapter, Opioids",
     "ODG Low Back"),
    ("Official Disability Guidelines (ODG) Lower back section, Opioids", "ODG Low Back"),
    ("Official Disability Guidelines (ODG) Neck and Upper Back (Acute & Chronic), Opioids",
     "ODG Neck and Upper Back"),
    ("Official Disability Guidelines (ODG) Neck & upper back chapter, Opioids",
     "ODG Neck and Upper Back"),
    ("Official Disability Guidelines (ODG) Neck chapter, Opioids", "ODG Neck and Upper Back"),
    ("Official Disability Guidelines (ODG) Neck section, Opioids", "ODG Neck and Upper Back"),
    ("Official Disability Guidelines (ODG) Shoulder section, Opioids", "ODG Shoulder"),
    ("Official Disability Guidelines (ODG) Knee and Leg chapter, Opioids", "ODG Knee & Leg"),
    ("Official Disability Guidelines (ODG) Knee chapter, Opioids", "ODG Knee & Leg"),
    ("Official Disability Guidelines (ODG) Forearm, Wrist, and Hand chapter, Opioids",
     "ODG Forearm, Wrist & Hand"),
    ("Official Disability Guidelines (ODG) Forearm, Wrist & Hand (Acute & Chronic), Opioids",
     "ODG Forearm, Wrist & Hand"),
    ("Official Disability Guidelines (ODG) Wrist and Hand section, Opioids",
     "ODG Forearm, Wrist & Hand"),
    ("Official Disability Guidelines (ODG) Hip & Pelvis chapter, Opioids", "ODG Hip & Pelvis"),
    ("Official Disability Guidelines (ODG) Hips & Pelvis chapter, Opioids", "ODG Hip & Pelvis"),
    ("Official Disability Guidelines (ODG) Hips and Pelvis (Acute & Chronic), Opioids",
     "ODG Hip & Pelvis"),
    ("Official Disability Guidelines (ODG) Hip section, Opioids", "ODG Hip & Pelvis"),
    ("Official Disability Guidelines (ODG) Ankle and Foot chapter, Opioids", "ODG Ankle & Foot"),
    ("Official Disability Guidelines (ODG) Ankle section, Opioids", "ODG Ankle & Foot"),
    ("Official Disability Guidelines (ODG) Head chapter, Opioids", "ODG Head"),
    ("Official Disability Guidelines (ODG) Mental Illness and Stress chapter, Opioids",
     "ODG Mental Illness & Stress"),
    ("Official Disability Guidelines (ODG) Mental Illness & Stress, Opioids",
     "ODG Mental Illness & Stress"),
    ("Official Disability Guidelines (ODG) Elbow (Acute & Chronic), Opioids", "ODG Elbow"),
    ("Official Disability Guidelines (ODG) Fitness for Duty chapter, Opioids",
     "ODG Fitness for Duty"),
    ("ODG Pain chapter, Opioids", "ODG Pain"),
    ("ODG guidelines, Pain chapter, Opioids", "ODG Pain"),
    ("the Official Disability Guidelines (ODG), Chapter: Pain, Opioids", "ODG Pain"),
])
def test_each_chapter_in_each_spelling_is_named_once(text: str, guideline: str) -> None:
    assert cite(text) == ("ODG", guideline, "Opioids")


def test_a_chapter_not_in_the_list_stays_in_the_topic() -> None:
    assert cite("Official Disability Guidelines (ODG), Hernia chapter, Imaging") == (
        "ODG", "ODG", "Hernia chapter, Imaging")


def test_the_preface_is_a_topic_of_odg_not_a_chapter() -> None:
    assert cite("Official Disability Guidelines (ODG) Preface - Physical Therapy Guidelines") == (
        "ODG", "ODG", "Preface - Physical Therapy Guidelines")
    # Its own words name no chapter either: "pain" here is not the Pain chapter.
    assert cite("Official Disability Guidelines Preface, Physical therapy for chronic pain") == (
        "ODG", "ODG", "Preface, Physical therapy for chronic pain")


def test_the_first_chapter_named_is_the_guideline() -> None:
    assert cite("Official Disability Guidelines (ODG), Knee & Leg; Hip & Pelvis, Opioids") == (
        "ODG", "ODG Knee & Leg", "Hip & Pelvis, Opioids")


def test_with_nothing_after_the_chapter_the_words_before_it_are_the_topic() -> None:
    assert cite("Official Disability Guidelines (ODG) Arthroscopy hip") == (
        "ODG", "ODG Hip & Pelvis", "Arthroscopy")


def test_a_chapter_word_inside_a_phrase_names_the_chapter_but_stays_in_the_topic() -> None:
    assert cite("Official Disability Guidelines (ODG), Antidepressants for chronic pain") == (
        "ODG", "ODG Pain", "Antidepressants for chronic pain")
    assert cite("Official Disability Guidelines (ODG), X-rays of the ankle") == (
        "ODG", "ODG Ankle & Foot", "X-rays of the ankle")
    # A heading later in the citation wins over the word in the phrase.
    assert cite("Official Disability Guidelines (ODG), Bracing for the knee, Low Back chapter") == (
        "ODG", "ODG Low Back", "Bracing for the knee")


def test_the_name_odg_inside_a_topic_is_kept_as_written() -> None:
    assert cite("Official Disability Guidelines (ODG) Knee & Leg, Bracing and ODG Splinting "
                "Guidelines") == ("ODG", "ODG Knee & Leg", "Bracing and ODG Splinting Guidelines")
    assert cite("Shoulder, Injections, ODG Preface - Injections") == (
        "ODG", "ODG Shoulder", "Injections, ODG Preface - Injections")


def test_the_name_repeated_after_the_chapter_is_not_topic() -> None:
    assert cite("Official Disability Guidelines (ODG), Ankle Official Disability Guidelines "
                "(ODG), Orthotic devices") == ("ODG", "ODG Ankle & Foot", "Orthotic devices")


@pytest.mark.parametrize("text", [
    "Official Disability Guidelines - Orthotic devices",
    "Official Disability Guidelines: - Orthotic devices.",
    "Official Disability Guidelines (ODG) / Orthotic devices;",
    "Official Disability Guidelines (ODG), Treatment in Workers' Compensation, Orthotic devices",
    "Official Disability Guidelines - Treatment in Workers' Comp (TWC), 2015, Orthotic devices",
    "Official Disability Guidelines (ODG), Work Loss Data Institute (19th Annual Edition), 2014,"
    " Orthotic devices",
    "ODG-TWC, Orthotic devices",
    "Official Disability Guidelines, Orthotic devices; Work Loss Data Institute, 2016",
    "Official Disability Guidelines (ODG) Orthotic devices (20th Annual Edition).",
])
def test_punctuation_and_the_publication_s_title_and_edition_are_not_topic(text: str) -> None:
    assert cite(text) == ("ODG", "ODG", "Orthotic devices")


def test_publisher_and_edition_alone_give_no_topic() -> None:
    assert cite("Official Disability Guidelines (ODG), Work Loss Data Institute (20th Annual "
                "Edition), 2015, Knee & Leg (Acute & Chronic) Chapter.") == (
        "ODG", "ODG Knee & Leg", None)
    assert cite("Official Disability Guidelines, Treatment in Workers' Comp, 2016") == (
        "ODG", "ODG", None)


@pytest.mark.parametrize("text", [
    "MTUS guidelines and the Official Disability Guidelines",
    "ACOEM and ODG guidelines.",
    "the ACOEM Practice Guidelines as well as the Official Disability Guidelines (ODG)",
])
def test_another_source_cited_with_odg_is_not_its_topic(text: str) -> None:
    assert cite(text) == ("ODG", "ODG", None)


def test_the_chapter_named_before_the_name_is_the_chapter() -> None:
    assert cite("the Mental Illness & Stress chapter of the Official Disability Guidelines, "
                "Psychotherapy") == ("ODG", "ODG Mental Illness & Stress", "Psychotherapy")


def test_a_topic_does_not_end_on_a_dangling_word() -> None:
    assert cite("Official Disability Guidelines (ODG), Shoulder, Arthroscopy and the") == (
        "ODG", "ODG Shoulder", "Arthroscopy")


def test_pages_stay_out_of_the_topic() -> None:
    [citation] = parse_citations("Decision based on Non-MTUS Citation Official Disability "
                                 "Guidelines (ODG) Hips & Pelvis, Arthroscopy Page(s): 12-14.",
                                 "claims_administrator")
    assert (citation.guideline, citation.topic, citation.pages) == (
        "ODG Hip & Pelvis", "Arthroscopy", "12-14")


def test_two_odg_citations_in_one_paragraph_are_two_rows() -> None:
    citations = parse_citations(
        "Decision based on Non-MTUS Citation Official Disability Guidelines (ODG) Neck section, "
        "Traction. Decision based on Non-MTUS Citation ODG Hips and Pelvis chapter, Arthroscopy.",
        "imro")
    assert [(c.position, c.guideline, c.topic) for c in citations] == [
        (1, "ODG Neck and Upper Back", "Traction"), (2, "ODG Hip & Pelvis", "Arthroscopy")]


def test_other_sources_are_not_read_as_odg() -> None:
    assert cite("ACOEM Hip and Groin Chapter, Arthroscopy") == (
        "ACOEM", "ACOEM Hip and Groin Chapter, Arthroscopy", None)
    assert cite("UpToDate, Hip pain in adults") == ("other", "UpToDate, Hip pain in adults", None)


def test_a_long_run_of_names_and_dangling_words_is_read_to_its_end() -> None:
    # Shapes that make a backtracking cleaner slow (runs of overlapping names, of "and");
    # about 100 KB each, as tests/transform/hostile.py builds its kinds.
    names = "Official Disability Guidelines (ODG) " * 2_700
    assert cite(f"ACOEM {names}and the Official Disability Guidelines") == ("ODG", "ODG", None)
    assert cite(f"Official Disability Guidelines (ODG), Low Back, MRI {'and ' * 25_000}") == (
        "ODG", "ODG Low Back", "MRI")
