"""classify_request against real request strings, and the lexicon as operator-editable data.

The table holds every distinct request of the five seed letters and the 30 published
letters (86 items, three of them repeats), the original and authorized halves of their
modified requests, then brands, treatments and request shapes from DOMAIN.md, then
treatments the lexicon does not know. Expected values are written out, never computed.
"""

import dataclasses
import re
from importlib import resources
from pathlib import Path

import pytest

from imr_etl.errors import EtlError, LexiconError
from imr_etl.transform.treatments import (
    LEXICON_FILES,
    Lexicon,
    TreatmentRecord,
    load_lexicon,
)
from imr_etl.transform.treatments.classifier import classify_request
from tests.helpers import DWC_DRUG_CLASSES


def T(  # noqa: N802 - short, like the record it builds
    category: str,
    subcategory: str | None = None,
    name: str | None = None,
    *,
    drug_class: str | None = None,
    body_region: str | None = None,
    strength: str | None = None,
    quantity: float | None = None,
    refills: int | None = None,
    frequency: str | None = None,
    sessions: int | None = None,
    retrospective: bool = False,
    unrecognized: str | None = None,
) -> TreatmentRecord:
    """The expected record; fields not named are empty. Provenance is tested on its own."""
    return TreatmentRecord(
        category, subcategory, name, drug_class, body_region, strength, quantity, refills,
        frequency, sessions, retrospective, rule=None, unrecognized=unrecognized,
    )  # fmt: skip


def _classified(request_text: str, lexicon: Lexicon | None = None) -> TreatmentRecord:
    """classify_request without its provenance, which names CSV lines that move."""
    return dataclasses.replace(classify_request(request_text, lexicon), rule=None)


# fmt: off
CASES = [
    pytest.param(
        "Norco 10/325mg #90 with 3 refills",
        T("pharmaceuticals", "Opioids", "hydrocodone/acetaminophen", drug_class="opioid",
          strength="10/325mg", quantity=90.0, refills=3),
        id="seed000-1",
    ),
    pytest.param(
        "Retro trigger point injection to L5 region performed 8/21/13",
        T("injection", "Injection", "trigger point injection", body_region="lumbar",
          retrospective=True),
        id="seed000-2",
    ),
    pytest.param(
        "Soma 350mg #90 with 3 refills",
        T("pharmaceuticals", "Muscle Relaxant", "carisoprodol", drug_class="muscle relaxant",
          strength="350mg", quantity=90.0, refills=3),
        id="seed000-3",
    ),
    pytest.param(
        "Norco 10/325mg #60",
        T("pharmaceuticals", "Opioids", "hydrocodone/acetaminophen", drug_class="opioid",
          strength="10/325mg", quantity=60.0),
        id="seed001-1",
    ),
    pytest.param(
        "Cyclobenzaprine 5mg #60",
        T("pharmaceuticals", "Muscle Relaxant", "cyclobenzaprine", drug_class="muscle relaxant",
          strength="5mg", quantity=60.0),
        id="seed001-2",
    ),
    # 'bib' (seed typo for bid) is not a frequency: never guess.
    pytest.param(
        "Morphine Er 30mg bib #60 x 3 refills",
        T("pharmaceuticals", "Opioids", "morphine", drug_class="opioid", strength="30mg",
          quantity=60.0, refills=3),
        id="seed002-1",
    ),
    pytest.param(
        "Percocet 10/325mg q6hrs prn #100 x 3 refills",
        T("pharmaceuticals", "Opioids", "oxycodone/acetaminophen", drug_class="opioid",
          strength="10/325mg", quantity=100.0, refills=3, frequency="q6hrs prn"),
        id="seed002-2",
    ),
    pytest.param(
        "Klonopin 0.5mg HS #30 x 3 refills",
        T("pharmaceuticals", "Benzodiazepine", "clonazepam", drug_class="benzodiazepine",
          strength="0.5mg", quantity=30.0, refills=3, frequency="hs"),
        id="seed002-3",
    ),
    pytest.param(
        "Soma 350mg bid #45 x 3 refills",
        T("pharmaceuticals", "Muscle Relaxant", "carisoprodol", drug_class="muscle relaxant",
          strength="350mg", quantity=45.0, refills=3, frequency="bid"),
        id="seed002-4",
    ),
    pytest.param(
        "Carisoprodol 350 mg QTY: 30.00",
        T("pharmaceuticals", "Muscle Relaxant", "carisoprodol", drug_class="muscle relaxant",
          strength="350 mg", quantity=30.0),
        id="seed003-1",
    ),
    pytest.param(
        "Oxycodone 10 mg QTY: 270.00",
        T("pharmaceuticals", "Opioids", "oxycodone", drug_class="opioid", strength="10 mg",
          quantity=270.0),
        id="seed003-2",
    ),
    # The injections requested, a range's maximum (tests/cases/normalized labels it so).
    pytest.param(
        "Trigger point injections, no more than 3-4 injections per session",
        T("injection", "Injection", "trigger point injection", sessions=4),
        id="seed004-1",
    ),
    pytest.param(
        "Cervical spine MRI without contrast",
        T("diagnostic_testing", "Imaging/Radiology", "MRI", body_region="cervical"),
        id="CM16-0224814-1",
    ),
    pytest.param(
        "MRI of neck and right hand without contrast",
        T("diagnostic_testing", "Imaging/Radiology", "MRI", body_region="cervical; right hand"),
        id="CM16-0230548-1",
    ),
    pytest.param(
        "Acupuncture 3 times a week for 2 weeks, neck, right hand and head",
        T("rehabilitation", "Acupuncture", "acupuncture", body_region="cervical; right hand; head",
          frequency="3 times a week", sessions=6),
        id="CM16-0230548-2",
    ),
    # Read literally: the reviewer judged it as physical therapy (CM16-0231745); flagged.
    pytest.param(
        "Physical exam 2 times 8",
        T("evaluation_and_management", "Medical Specialties", "office visit", sessions=16),
        id="CM16-0231745-1",
    ),
    pytest.param(
        "Spinal manipulation 1 times 8",
        T("rehabilitation", "Chiropractic", "chiropractic", sessions=8),
        id="CM16-0231745-2",
    ),
    pytest.param(
        "Electrical stimulation 1 times 8",
        T("dmepos", "Electrical Stimulation", "electrical stimulation", sessions=8),
        id="CM16-0231745-3",
    ),
    pytest.param(
        "Ultrasound 1 times 8",
        T("rehabilitation", "Other Therapies", "therapeutic ultrasound", sessions=8),
        id="CM16-0231745-4",
    ),
    pytest.param(
        "Initial exam",
        T("evaluation_and_management", "Medical Specialties", "office visit"),
        id="CM16-0231745-5",
    ),
    pytest.param(
        "Referral to chiropractor for evaluation of low back pain and left groin pain, twice a "
        "week for 3 weeks",
        T("rehabilitation", "Chiropractic", "chiropractic", body_region="lumbar; left groin",
          frequency="twice a week", sessions=6),
        id="CM16-0232182-1",
    ),
    pytest.param(
        "MRI of the lumbar spine",
        T("diagnostic_testing", "Imaging/Radiology", "MRI", body_region="lumbar"),
        id="CM16-0236134-1",
    ),
    pytest.param(
        "Electroencephalogram",
        T("diagnostic_testing", "Other", "EEG"),
        id="CM16-0236906-1",
    ),
    pytest.param(
        "MRI of the cervical and thoracic spine",
        T("diagnostic_testing", "Imaging/Radiology", "MRI", body_region="cervical; thoracic"),
        id="CM16-0236969-1",
    ),
    pytest.param(
        "MRI of the left shoulder",
        T("diagnostic_testing", "Imaging/Radiology", "MRI", body_region="left shoulder"),
        id="CM16-0238352-1",
    ),
    pytest.param(
        "Acupuncture therapy sessions lumbar spine #6",
        T("rehabilitation", "Acupuncture", "acupuncture", body_region="lumbar",
          sessions=6),
        id="CM16-0242419-1",
    ),
    pytest.param(
        "Additional physical therapy lumbar spine two times a week for three weeks",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)", "physical therapy",
          body_region="lumbar", frequency="two times a week", sessions=6),
        id="CM16-0245295-1",
    ),
    pytest.param(
        "MRI of lumbar spine without contrast",
        T("diagnostic_testing", "Imaging/Radiology", "MRI", body_region="lumbar"),
        id="CM16-0245295-2",
    ),
    pytest.param(
        "Etodolac",
        T("pharmaceuticals", "NSAID", "etodolac", drug_class="nsaid"),
        id="CM16-0245466-1",
    ),
    pytest.param(
        "Lidocaine patch",
        T("pharmaceuticals", "Topical Analgesics", "lidocaine", drug_class="topical analgesic"),
        id="CM16-0245466-2",
    ),
    pytest.param(
        "Omeprazole",
        T("pharmaceuticals", "Proton Pump Inhibitors", "omeprazole",
          drug_class="proton pump inhibitor"),
        id="CM16-0245466-3",
    ),
    pytest.param(
        "Cyclobenzaprine",
        T("pharmaceuticals", "Muscle Relaxant", "cyclobenzaprine", drug_class="muscle relaxant"),
        id="CM16-0245466-4",
    ),
    pytest.param(
        "Flector 1.3% transdermal patch",
        T("pharmaceuticals", "Topical Analgesics", "diclofenac", drug_class="topical analgesic",
          strength="1.3%"),
        id="CM16-0245466-5",
    ),
    pytest.param(
        "Back support",
        T("dmepos", "Prosthetics/Orthotics", "brace", body_region="back"),
        id="CM16-0245466-6",
    ),
    pytest.param(
        "Custom touch back heat therapy pad",
        T("dmepos", "DME", "heat therapy pad", body_region="back"),
        id="CM16-0245466-7",
    ),
    pytest.param(
        "Hot/cold therapy wrap",
        T("dmepos", "DME", "hot/cold wrap"),
        id="CM16-0245466-8",
    ),
    pytest.param(
        "TENS unit",
        T("dmepos", "Electrical Stimulation", "tens unit"),
        id="CM16-0248471-1",
    ),
    pytest.param(
        "Lumbar support",
        T("dmepos", "Prosthetics/Orthotics", "brace", body_region="lumbar"),
        id="CM16-0248471-2",
    ),
    pytest.param(
        "Cervical pillow",
        T("dmepos", "DME", "cervical pillow", body_region="cervical"),
        id="CM16-0248471-3",
    ),
    pytest.param(
        "Wedge pillow",
        T("dmepos", "DME", "wedge pillow"),
        id="CM16-0248471-4",
    ),
    pytest.param(
        "Wrist braces #2",
        T("dmepos", "Prosthetics/Orthotics", "brace", body_region="wrist", quantity=2.0),
        id="CM16-0248471-5",
    ),
    pytest.param(
        "Elbow braces #2",
        T("dmepos", "Prosthetics/Orthotics", "brace", body_region="elbow", quantity=2.0),
        id="CM16-0248471-6",
    ),
    pytest.param(
        "Two refills of Ibuprofen 600mg #90",
        T("pharmaceuticals", "NSAID", "ibuprofen", drug_class="nsaid", strength="600mg",
          quantity=90.0, refills=2),
        id="CM17-0002181-1",
    ),
    # Remaining portion of a modified request: 2 + 8 sessions.
    pytest.param(
        "two physical therapy sessions for the lumbar spine, left shoulder and left knee and "
        "eight physical therapy sessions for the left wrist",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)", "physical therapy",
          body_region="lumbar; left shoulder; left knee; left wrist", sessions=10),
        id="CM17-0002198-1",
    ),
    pytest.param(
        "two occupational therapy sessions for the left wrist and eight occupational therapy "
        "sessions for the lumbar spine, left shoulder and left knee",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)",
          "occupational therapy", body_region="left wrist; lumbar; left shoulder; left knee",
          sessions=10),
        id="CM17-0002198-2",
    ),
    pytest.param(
        "physical therapy 2 times a week for 6 weeks (12 sessions) to the right elbow",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)", "physical therapy",
          body_region="right elbow", frequency="2 times a week", sessions=12),
        id="CM17-0002324-1",
    ),
    pytest.param(
        "EMG of the left upper extremity",
        T("diagnostic_testing", "EMG/NCV/NCS", "EMG", body_region="left upper extremity"),
        id="CM17-0003619-1",
    ),
    pytest.param(
        "Nerve Conduction Studies of the left upper extremity",
        T("diagnostic_testing", "EMG/NCV/NCS", "NCV", body_region="left upper extremity"),
        id="CM17-0003619-2",
    ),
    pytest.param(
        "EMG of the right upper extremity",
        T("diagnostic_testing", "EMG/NCV/NCS", "EMG", body_region="right upper extremity"),
        id="CM17-0003619-3",
    ),
    pytest.param(
        "Nerve Conduction Study of the right upper extremity",
        T("diagnostic_testing", "EMG/NCV/NCS", "NCV", body_region="right upper extremity"),
        id="CM17-0003619-4",
    ),
    pytest.param(
        "Right Shoulder Arthroscopy with rotator cuff repair vs debridement, subacromial "
        "decompression/acromioplasty and possible proximal biceps tenodynovitis",
        T("surgery", "Arthroscopic", "shoulder arthroscopy", body_region="right shoulder"),
        id="CM17-0006797-1",
    ),
    pytest.param(
        "Preoperative Medical Clearance",
        T("evaluation_and_management", "Medical Specialties", "medical clearance"),
        id="CM17-0006797-2",
    ),
    pytest.param(
        "Associated surgical service: Shoulder Brace",
        T("dmepos", "Prosthetics/Orthotics", "brace", body_region="shoulder"),
        id="CM17-0006797-3",
    ),
    pytest.param(
        "Associated surgical service: Cryotherapy unit, seven day use",
        T("dmepos", "DME", "cold therapy unit"),
        id="CM17-0006797-4",
    ),
    # An associated service is classified as the service itself.
    pytest.param(
        "Associated surgical service: Physical Therapy sessions, 12",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)", "physical therapy",
          sessions=12),
        id="CM17-0006797-5",
    ),
    pytest.param(
        "Large gloves",
        T("dmepos", "Supplies", "gloves"),
        id="CM17-0006912-1",
    ),
    pytest.param(
        "Hygiene wipes",
        T("dmepos", "Supplies", "hygiene wipes"),
        id="CM17-0006912-2",
    ),
    pytest.param(
        "PT/OT 18 sessions left hand, right lower leg",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)",
          "physical therapy/occupational therapy", body_region="left hand; right lower leg",
          sessions=18),
        id="CM17-0006912-3",
    ),
    pytest.param(
        "Acupuncture for 2 sessions",
        T("rehabilitation", "Acupuncture", "acupuncture", sessions=2),
        id="CM17-0007857-1",
    ),
    pytest.param(
        "MR Arthrogram of the right shoulder",
        T("diagnostic_testing", "Imaging/Radiology", "MR arthrogram", body_region="right shoulder"),
        id="CM17-0008177-1",
    ),
    pytest.param(
        "MRI of the left knee",
        T("diagnostic_testing", "Imaging/Radiology", "MRI", body_region="left knee"),
        id="CM17-0010006-1",
    ),
    pytest.param(
        "Chiropractic evaluation, lumbar spine, left hip and knee",
        T("rehabilitation", "Chiropractic", "chiropractic",
          body_region="lumbar; left hip; left knee"),
        id="CM17-0010006-2",
    ),
    pytest.param(
        "Chiropractic treatment for the lumbar spine, 12 visits",
        T("rehabilitation", "Chiropractic", "chiropractic", body_region="lumbar", sessions=12),
        id="CM17-0010006-3",
    ),
    pytest.param(
        "Chiropractic for the left hip and left knee, 12 visits",
        T("rehabilitation", "Chiropractic", "chiropractic", body_region="left hip; left knee",
          sessions=12),
        id="CM17-0010006-4",
    ),
    pytest.param(
        "EMG of the bilateral lower extremities",
        T("diagnostic_testing", "EMG/NCV/NCS", "EMG", body_region="bilateral lower extremities"),
        id="CM17-0010006-5",
    ),
    # Two studies: a count of a test is neither a quantity nor sessions (the labels' convention).
    pytest.param(
        "NCV of the bilateral lower extremities, 2",
        T("diagnostic_testing", "EMG/NCV/NCS", "NCV", body_region="bilateral lower extremities"),
        id="CM17-0010006-6",
    ),
    pytest.param(
        "Retrospective TENS unit, purchase, lumbar spine, left hip, lower leg, and knee (DOS "
        "12/29/16)",
        T("dmepos", "Electrical Stimulation", "tens unit",
          body_region="lumbar; left hip; left lower leg; left knee", retrospective=True),
        id="CM17-0010021-1",
    ),
    pytest.param(
        "Retrospective E-stim (DOS 12/29/16)",
        T("dmepos", "Electrical Stimulation", "electrical stimulation", retrospective=True),
        id="CM17-0010021-2",
    ),
    pytest.param(
        "MRI of the right shoulder without contrast",
        T("diagnostic_testing", "Imaging/Radiology", "MRI", body_region="right shoulder"),
        id="CM17-0014288-1",
    ),
    # FusePaq kit: tramadol with glucosamine (DailyMed); 500 ml dispensed.
    pytest.param(
        "Synapryn (10mg/1ml oral suspension) 500ml",
        T("pharmaceuticals", "Opioids", "tramadol/glucosamine", drug_class="opioid",
          strength="10mg/1ml", quantity=500.0),
        id="CM17-0014438-1",
    ),
    pytest.param(
        "Cyclophene 5% cream 111.2 grams",
        T("pharmaceuticals", "Topical Compounds", "cyclobenzaprine",
          drug_class="topical analgesic", strength="5%", quantity=111.2),
        id="CM17-0014438-2",
    ),
    pytest.param(
        "Ketophene 20% cream, 167 grams",
        T("pharmaceuticals", "Topical Compounds", "ketoprofen", drug_class="topical analgesic",
          strength="20%", quantity=167.0),
        id="CM17-0014438-3",
    ),
    pytest.param(
        "Compound Cyclobenzaprine 5%, 240 grams",
        T("pharmaceuticals", "Topical Compounds", "cyclobenzaprine",
          drug_class="topical analgesic", strength="5%", quantity=240.0),
        id="CM17-0014438-4",
    ),
    pytest.param(
        "Compound Ketoprofen 20%, 240 grams",
        T("pharmaceuticals", "Topical Compounds", "ketoprofen", drug_class="topical analgesic",
          strength="20%", quantity=240.0),
        id="CM17-0014438-5",
    ),
    pytest.param(
        "Pantoprazole sod DR 20mg #60",
        T("pharmaceuticals", "Proton Pump Inhibitors", "pantoprazole",
          drug_class="proton pump inhibitor", strength="20mg", quantity=60.0),
        id="CM17-0014438-6",
    ),
    pytest.param(
        "Prilosec 20mg #90",
        T("pharmaceuticals", "Proton Pump Inhibitors", "omeprazole",
          drug_class="proton pump inhibitor", strength="20mg", quantity=90.0),
        id="CM17-0014438-7",
    ),
    pytest.param(
        "Physical therapy, 2 times a week for 4 weeks, right knee",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)", "physical therapy",
          body_region="right knee", frequency="2 times a week", sessions=8),
        id="CM17-0015348-1",
    ),
    pytest.param(
        "MRI Cervical Spine",
        T("diagnostic_testing", "Imaging/Radiology", "MRI", body_region="cervical"),
        id="CM17-0016204-1",
    ),
    pytest.param(
        "MRI Thoracic Spine",
        T("diagnostic_testing", "Imaging/Radiology", "MRI", body_region="thoracic"),
        id="CM17-0016204-2",
    ),
    pytest.param(
        "TENS unit, daily trial, cervical and thoracic spine, #30",
        T("dmepos", "Electrical Stimulation", "tens unit", body_region="cervical; thoracic",
          quantity=30.0, frequency="daily"),
        id="CM17-0017776-1",
    ),
    pytest.param(
        "MRI of the thoracic spine without contrast, #1",
        T("diagnostic_testing", "Imaging/Radiology", "MRI", body_region="thoracic"),
        id="CM17-0017776-2",
    ),
    pytest.param(
        "One (1) x-ray of the thoracic spine",
        T("diagnostic_testing", "Imaging/Radiology", "x-ray", body_region="thoracic"),
        id="CM17-0019066-1",
    ),
    pytest.param(
        "One (1) x-ray of the lumbar spine",
        T("diagnostic_testing", "Imaging/Radiology", "x-ray", body_region="lumbar"),
        id="CM17-0019066-2",
    ),
    pytest.param(
        "Ibuprofen 600mg #90 with 2 refill",
        T("pharmaceuticals", "NSAID", "ibuprofen", drug_class="nsaid", strength="600mg",
          quantity=90.0, refills=2),
        id="CM17-0002181-1-original",
    ),
    pytest.param(
        "Ibuprofen 600mg #90",
        T("pharmaceuticals", "NSAID", "ibuprofen", drug_class="nsaid", strength="600mg",
          quantity=90.0),
        id="CM17-0002181-1-authorized",
    ),
    pytest.param(
        "Eight physical therapy sessions for the lumbar spine, left shoulder, left wrist and "
        "left knee",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)", "physical therapy",
          body_region="lumbar; left shoulder; left wrist; left knee", sessions=8),
        id="CM17-0002198-1-original",
    ),
    pytest.param(
        "Six physical therapy sessions for the lumbar spine, left shoulder and left knee",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)", "physical therapy",
          body_region="lumbar; left shoulder; left knee", sessions=6),
        id="CM17-0002198-1-authorized",
    ),
    pytest.param(
        "Eight occupational therapy sessions for the lumbar spine, left shoulder, left wrist "
        "and left knee",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)",
          "occupational therapy", body_region="lumbar; left shoulder; left wrist; left knee",
          sessions=8),
        id="CM17-0002198-2-original",
    ),
    pytest.param(
        "Six occupational therapy sessions for the left wrist",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)",
          "occupational therapy", body_region="left wrist", sessions=6),
        id="CM17-0002198-2-authorized",
    ),
    pytest.param(
        "Physical therapy 2 times a week for 6 weeks (12 sessions) to the right elbow",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)", "physical therapy",
          body_region="right elbow", frequency="2 times a week", sessions=12),
        id="CM17-0002324-1-original",
    ),
    pytest.param(
        "2 sessions of occupational therapy",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)",
          "occupational therapy", sessions=2),
        id="CM17-0002324-1-authorized",
    ),
    pytest.param(
        "PT/OT two to three times a week for six to eight weeks (24 sessions) left hand, right "
        "lower leg",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)",
          "physical therapy/occupational therapy", body_region="left hand; right lower leg",
          frequency="two to three times a week", sessions=24),
        id="CM17-0006912-3-original",
    ),
    pytest.param(
        "PT/OT 6 sessions left hand, right lower leg",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)",
          "physical therapy/occupational therapy", body_region="left hand; right lower leg",
          sessions=6),
        id="CM17-0006912-3-authorized",
    ),
    pytest.param(
        "Acupuncture for 8 sessions",
        T("rehabilitation", "Acupuncture", "acupuncture", sessions=8),
        id="CM17-0007857-1-original",
    ),
    pytest.param(
        "Acupuncture for 6 sessions",
        T("rehabilitation", "Acupuncture", "acupuncture", sessions=6),
        id="CM17-0007857-1-authorized",
    ),
    # A range counts its maximum: three a week for eight weeks.
    pytest.param(
        "PT/OT two to three times a week for six to eight weeks left hand",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)",
          "physical therapy/occupational therapy", body_region="left hand",
          frequency="two to three times a week", sessions=24),
        id="x-two-to-three-times-a-week-the-maximum",
    ),
    pytest.param(
        "Vicodin 5/300mg #60",
        T("pharmaceuticals", "Opioids", "hydrocodone/acetaminophen", drug_class="opioid",
          strength="5/300mg", quantity=60.0),
        id="x-vicodin-5-300mg-60",
    ),
    pytest.param(
        "Percocet 5/325mg #120",
        T("pharmaceuticals", "Opioids", "oxycodone/acetaminophen", drug_class="opioid",
          strength="5/325mg", quantity=120.0),
        id="x-percocet-5-325mg-120",
    ),
    pytest.param(
        "OxyContin 20mg #60",
        T("pharmaceuticals", "Opioids", "oxycodone", drug_class="opioid", strength="20mg",
          quantity=60.0),
        id="x-oxycontin-20mg-60",
    ),
    pytest.param(
        "MS Contin 15mg #60",
        T("pharmaceuticals", "Opioids", "morphine", drug_class="opioid", strength="15mg",
          quantity=60.0),
        id="x-ms-contin-15mg-60",
    ),
    pytest.param(
        "Duragesic 25mcg/hr patch #10",
        T("pharmaceuticals", "Opioids", "fentanyl", drug_class="opioid", strength="25mcg/hr",
          quantity=10.0),
        id="x-duragesic-25mcg-hr-patch-10",
    ),
    pytest.param(
        "Nucynta ER 100mg #60",
        T("pharmaceuticals", "Opioids", "tapentadol", drug_class="opioid", strength="100mg",
          quantity=60.0),
        id="x-nucynta-er-100mg-60",
    ),
    pytest.param(
        "Butrans 10mcg/hr patch #4",
        T("pharmaceuticals", "Opioids", "buprenorphine", drug_class="opioid", strength="10mcg/hr",
          quantity=4.0),
        id="x-butrans-10mcg-hr-patch-4",
    ),
    pytest.param(
        "Ultram 50mg #120 with 2 refills",
        T("pharmaceuticals", "Opioids", "tramadol", drug_class="opioid", strength="50mg",
          quantity=120.0, refills=2),
        id="x-ultram-50mg-120-with-2-refills",
    ),
    pytest.param(
        "Tramadol 50mg, quantity of 30",
        T("pharmaceuticals", "Opioids", "tramadol", drug_class="opioid", strength="50mg",
          quantity=30.0),
        id="x-tramadol-50mg-quantity-of-30",
    ),
    pytest.param(
        "Flexeril 10mg #30",
        T("pharmaceuticals", "Muscle Relaxant", "cyclobenzaprine", drug_class="muscle relaxant",
          strength="10mg", quantity=30.0),
        id="x-flexeril-10mg-30",
    ),
    pytest.param(
        "Fexmid 7.5mg #60",
        T("pharmaceuticals", "Muscle Relaxant", "cyclobenzaprine", drug_class="muscle relaxant",
          strength="7.5mg", quantity=60.0),
        id="x-fexmid-7-5mg-60",
    ),
    pytest.param(
        "Zanaflex 4mg #90",
        T("pharmaceuticals", "Muscle Relaxant", "tizanidine", drug_class="muscle relaxant",
          strength="4mg", quantity=90.0),
        id="x-zanaflex-4mg-90",
    ),
    pytest.param(
        "Skelaxin 800mg #60",
        T("pharmaceuticals", "Muscle Relaxant", "metaxalone", drug_class="muscle relaxant",
          strength="800mg", quantity=60.0),
        id="x-skelaxin-800mg-60",
    ),
    pytest.param(
        "Xanax 0.5mg #30",
        T("pharmaceuticals", "Benzodiazepine", "alprazolam", drug_class="benzodiazepine",
          strength="0.5mg", quantity=30.0),
        id="x-xanax-0-5mg-30",
    ),
    pytest.param(
        "Valium 5mg bid #60",
        T("pharmaceuticals", "Benzodiazepine", "diazepam", drug_class="benzodiazepine",
          strength="5mg", quantity=60.0, frequency="bid"),
        id="x-valium-5mg-bid-60",
    ),
    pytest.param(
        "Restoril 30mg HS #30",
        T("pharmaceuticals", "Benzodiazepine", "temazepam", drug_class="benzodiazepine",
          strength="30mg", quantity=30.0, frequency="hs"),
        id="x-restoril-30mg-hs-30",
    ),
    pytest.param(
        "Ambien 10mg #30",
        T("pharmaceuticals", "Sedative-hypnotics", "zolpidem", drug_class="sedative-hypnotic",
          strength="10mg", quantity=30.0),
        id="x-ambien-10mg-30",
    ),
    pytest.param(
        "Neurontin 600mg tid #90",
        T("pharmaceuticals", "Anti-epilepsy drugs", "gabapentin", drug_class="anticonvulsant",
          strength="600mg", quantity=90.0, frequency="tid"),
        id="x-neurontin-600mg-tid-90",
    ),
    pytest.param(
        "Lyrica 75mg #60",
        T("pharmaceuticals", "Anti-epilepsy drugs", "pregabalin", drug_class="anticonvulsant",
          strength="75mg", quantity=60.0),
        id="x-lyrica-75mg-60",
    ),
    pytest.param(
        "Topamax 50mg #60",
        T("pharmaceuticals", "Anti-epilepsy drugs", "topiramate", drug_class="anticonvulsant",
          strength="50mg", quantity=60.0),
        id="x-topamax-50mg-60",
    ),
    pytest.param(
        "Cymbalta 60mg daily #30",
        T("pharmaceuticals", "Antidepressant", "duloxetine", drug_class="antidepressant",
          strength="60mg", quantity=30.0, frequency="daily"),
        id="x-cymbalta-60mg-daily-30",
    ),
    pytest.param(
        "Elavil 25mg qhs #30",
        T("pharmaceuticals", "Antidepressant", "amitriptyline", drug_class="antidepressant",
          strength="25mg", quantity=30.0, frequency="qhs"),
        id="x-elavil-25mg-qhs-30",
    ),
    pytest.param(
        "Wellbutrin SR 150mg #60",
        T("pharmaceuticals", "Antidepressant", "bupropion", drug_class="antidepressant",
          strength="150mg", quantity=60.0),
        id="x-wellbutrin-sr-150mg-60",
    ),
    pytest.param(
        "Celebrex 200mg #30",
        T("pharmaceuticals", "NSAID", "celecoxib", drug_class="nsaid", strength="200mg",
          quantity=30.0),
        id="x-celebrex-200mg-30",
    ),
    pytest.param(
        "Mobic 15mg #30",
        T("pharmaceuticals", "NSAID", "meloxicam", drug_class="nsaid", strength="15mg",
          quantity=30.0),
        id="x-mobic-15mg-30",
    ),
    pytest.param(
        "Naprosyn 500mg #60",
        T("pharmaceuticals", "NSAID", "naproxen", drug_class="nsaid", strength="500mg",
          quantity=60.0),
        id="x-naprosyn-500mg-60",
    ),
    pytest.param(
        "Anaprox DS 550mg #60",
        T("pharmaceuticals", "NSAID", "naproxen", drug_class="nsaid", strength="550mg",
          quantity=60.0),
        id="x-anaprox-ds-550mg-60",
    ),
    pytest.param(
        "Naprelan 750mg #30",
        T("pharmaceuticals", "NSAID", "naproxen", drug_class="nsaid", strength="750mg",
          quantity=30.0),
        id="x-naprelan-750mg-30",
    ),
    pytest.param(
        "Voltaren Gel 1% 100gm with 3 refills",
        T("pharmaceuticals", "Topical Analgesics", "diclofenac", drug_class="topical analgesic",
          strength="1%", quantity=100.0, refills=3),
        id="x-voltaren-gel-1-100gm-with-3-refills",
    ),
    pytest.param(
        "Lidoderm 5% patches #30",
        T("pharmaceuticals", "Topical Analgesics", "lidocaine", drug_class="topical analgesic",
          strength="5%", quantity=30.0),
        id="x-lidoderm-5-patches-30",
    ),
    pytest.param(
        "Terocin patches #30",
        T("pharmaceuticals", "Topical Compounds", "lidocaine/menthol",
          drug_class="topical compound", quantity=30.0),
        id="x-terocin-patches-30",
    ),
    pytest.param(
        "Terocin lotion 120ml",
        T("pharmaceuticals", "Topical Compounds", "methyl salicylate/capsaicin/menthol/lidocaine",
          drug_class="topical compound", quantity=120.0),
        id="x-terocin-lotion-120ml",
    ),
    pytest.param(
        "Medrol dose pack 4mg #21",
        T("pharmaceuticals", "Adrenal Cortical Steroids", "methylprednisolone",
          drug_class="corticosteroid", strength="4mg", quantity=21.0),
        id="x-medrol-dose-pack-4mg-21",
    ),
    pytest.param(
        "Deprizine 15mg/ml oral suspension 250ml",
        T("pharmaceuticals", "H2 Blocker/Histamine 2", "ranitidine", drug_class="h2 blocker",
          strength="15mg/ml", quantity=250.0),
        id="x-deprizine-15mg-ml-oral-suspension-250ml",
    ),
    pytest.param(
        "Fanatrex 25mg/ml oral suspension 420ml",
        T("pharmaceuticals", "Anti-epilepsy drugs", "gabapentin", drug_class="anticonvulsant",
          strength="25mg/ml", quantity=420.0),
        id="x-fanatrex-25mg-ml-oral-suspension-420ml",
    ),
    pytest.param(
        "Tabradol 1mg/ml oral suspension 250ml",
        T("pharmaceuticals", "Muscle Relaxant", "cyclobenzaprine/methylsulfonylmethane",
          drug_class="muscle relaxant", strength="1mg/ml", quantity=250.0),
        id="x-tabradol-1mg-ml-oral-suspension-250ml",
    ),
    pytest.param(
        "Dicopanol 5mg/ml oral suspension 150ml",
        T("pharmaceuticals", "Sedative-hypnotics", "diphenhydramine", drug_class="antihistamine",
          strength="5mg/ml", quantity=150.0),
        id="x-dicopanol-5mg-ml-oral-suspension-150ml",
    ),
    pytest.param(
        "Retrospective Synapryn 10mg/ml oral suspension 500ml (DOS 10/14/14)",
        T("pharmaceuticals", "Opioids", "tramadol/glucosamine", drug_class="opioid",
          strength="10mg/ml", quantity=500.0, retrospective=True),
        id="x-retrospective-synapryn-10mg-ml-oral-susp",
    ),
    pytest.param(
        "Hydrocodone/APAP 10/325mg #120",
        T("pharmaceuticals", "Opioids", "hydrocodone/acetaminophen", drug_class="opioid",
          strength="10/325mg", quantity=120.0),
        id="x-hydrocodone-apap-10-325mg-120",
    ),
    pytest.param(
        "Tramadol/APAP 37.5/325mg #60",
        T("pharmaceuticals", "Opioids", "tramadol/acetaminophen", drug_class="opioid",
          strength="37.5/325mg", quantity=60.0),
        id="x-tramadol-apap-37-5-325mg-60",
    ),
    pytest.param(
        "APAP/Codeine 300/30mg #60",
        T("pharmaceuticals", "Opioids", "acetaminophen/codeine", drug_class="opioid",
          strength="300/30mg", quantity=60.0),
        id="x-apap-codeine-300-30mg-60",
    ),
    # '#3' belongs to the brand, '#60' is the quantity.
    pytest.param(
        "Tylenol #3 #60",
        T("pharmaceuticals", "Opioids", "acetaminophen/codeine", drug_class="opioid",
          quantity=60.0),
        id="x-tylenol-3-60",
    ),
    pytest.param(
        "Flurbiprofen 20%/Lidocaine 5% cream 180gm",
        T("pharmaceuticals", "Topical Compounds", "flurbiprofen/lidocaine",
          drug_class="topical compound", strength="20%/5%", quantity=180.0),
        id="x-flurbiprofen-20-lidocaine-5-cream-180gm",
    ),
    pytest.param(
        "Gabapentin 10%/Cyclobenzaprine 2%/Capsaicin 0.0375% compound cream 240gm",
        T("pharmaceuticals", "Topical Compounds", "gabapentin/cyclobenzaprine/capsaicin",
          drug_class="topical compound", strength="10%/2%/0.0375%", quantity=240.0),
        id="x-gabapentin-10-cyclobenzaprine-2-capsaici",
    ),
    pytest.param(
        # Two ingredients at the same strength: each keeps its own.
        "Tramadol 8%/Gabapentin 10%/Menthol 2%/Camphor 2% 240gm",
        T("pharmaceuticals", "Topical Compounds", "tramadol/gabapentin/menthol/camphor",
          drug_class="topical compound", strength="8%/10%/2%/2%", quantity=240.0),
        id="x-compound-with-a-repeated-strength",
    ),
    pytest.param(
        "Tylenol with codeine #4 #30",
        T("pharmaceuticals", "Opioids", "acetaminophen/codeine", drug_class="opioid",
          quantity=30.0),
        id="x-tylenol-with-codeine-4-30",
    ),
    pytest.param(
        "Norco 10/325, 1 tab q6h #120",
        T("pharmaceuticals", "Opioids", "hydrocodone/acetaminophen", drug_class="opioid",
          strength="10/325", quantity=120.0, frequency="q6h"),
        id="x-combination-strength-without-its-unit",
    ),
    pytest.param(
        # Half a tablet and a date are not strengths.
        "Norco 1/2 tab #30 (DOS 10/2015)",
        T("pharmaceuticals", "Opioids", "hydrocodone/acetaminophen", drug_class="opioid",
          quantity=30.0, retrospective=True),
        id="x-half-a-tablet-and-a-month-are-not-strengths",
    ),
    pytest.param(
        # '#90' is the quantity; the refills are the count after 'refills x'.
        "Norco 10-325mg #90 refills x 2",
        T("pharmaceuticals", "Opioids", "hydrocodone/acetaminophen", drug_class="opioid",
          strength="10-325mg", quantity=90.0, refills=2),
        id="x-hash-count-before-refills-x",
    ),
    pytest.param(
        "Norco 10/325mg x 90",
        T("pharmaceuticals", "Opioids", "hydrocodone/acetaminophen", drug_class="opioid",
          strength="10/325mg", quantity=90.0),
        id="x-quantity-after-x",
    ),
    pytest.param(
        "Norco 10/325mg, 90 count",
        T("pharmaceuticals", "Opioids", "hydrocodone/acetaminophen", drug_class="opioid",
          strength="10/325mg", quantity=90.0),
        id="x-quantity-as-a-count",
    ),
    pytest.param(
        # Days of use are not a quantity.
        "Keflex 500mg QID x 7 days",
        T("pharmaceuticals", "Anti-infectives", "cephalexin", drug_class="antibiotic",
          strength="500mg", frequency="qid"),
        id="x-days-are-not-a-quantity",
    ),
    pytest.param(
        "Vitamin D 50,000 IU #12",
        T("pharmaceuticals", "Nutritional Products", "vitamin d", drug_class="dietary supplement",
          strength="50,000 iu", quantity=12.0),
        id="x-vitamin-d-50000-iu-thousands-separator",
    ),
    pytest.param(
        "Diclofenac sodium 1% gel 100gm",
        T("pharmaceuticals", "Topical Analgesics", "diclofenac", drug_class="topical analgesic",
          strength="1%", quantity=100.0),
        id="x-diclofenac-sodium-1-gel-100gm",
    ),
    pytest.param(
        "Omeprazole DR 20mg #30",
        T("pharmaceuticals", "Proton Pump Inhibitors", "omeprazole",
          drug_class="proton pump inhibitor", strength="20mg", quantity=30.0),
        id="x-omeprazole-dr-20mg-30",
    ),
    pytest.param(
        "Ondansetron ODT 8mg #10",
        T("pharmaceuticals", "Antiemetic", "ondansetron", drug_class="antiemetic", strength="8mg",
          quantity=10.0),
        id="x-ondansetron-odt-8mg-10",
    ),
    pytest.param(
        "Tizanidine 4mg #60 x 2 refills",
        T("pharmaceuticals", "Muscle Relaxant", "tizanidine", drug_class="muscle relaxant",
          strength="4mg", quantity=60.0, refills=2),
        id="x-tizanidine-4mg-60-x-2-refills",
    ),
    pytest.param(
        "Fentanyl 25mcg/hr patch #15",
        T("pharmaceuticals", "Opioids", "fentanyl", drug_class="opioid", strength="25mcg/hr",
          quantity=15.0),
        id="x-fentanyl-25mcg-hr-patch-15",
    ),
    pytest.param(
        "Norco 10/325mg 1 tab po q4-6h prn pain #180",
        T("pharmaceuticals", "Opioids", "hydrocodone/acetaminophen", drug_class="opioid",
          strength="10/325mg", quantity=180.0, frequency="q4-6h prn"),
        id="x-norco-10-325mg-1-tab-po-q4-6h-prn-pain-1",
    ),
    # A named drug beats the catch-all injection row.
    pytest.param(
        "Toradol 60mg IM injection",
        T("pharmaceuticals", "NSAID", "ketorolac", drug_class="nsaid", strength="60mg"),
        id="x-toradol-60mg-im-injection",
    ),
    pytest.param(
        "Synvisc-One injection to the right knee",
        T("pharmaceuticals", "Viscosupplementation", "hylan g-f 20", drug_class="viscosupplement",
          body_region="right knee"),
        id="x-synvisc-one-injection-to-the-right-knee",
    ),
    pytest.param(
        "Depo-Medrol 80mg injection",
        T("pharmaceuticals", "Adrenal Cortical Steroids", "methylprednisolone",
          drug_class="corticosteroid", strength="80mg"),
        id="x-depo-medrol-80mg-injection",
    ),
    pytest.param(
        "Lumbar epidural steroid injection at L4-5",
        T("injection", "Injection", "epidural steroid injection", body_region="lumbar"),
        id="x-lumbar-epidural-steroid-injection-at-l4",
    ),
    pytest.param(
        "Cervical epidural steroid injection x 2",
        T("injection", "Injection", "epidural steroid injection", body_region="cervical",
          sessions=2),
        id="x-cervical-epidural-steroid-injection-x-2",
    ),
    pytest.param(
        "Bilateral L4-L5 and L5-S1 facet injections",
        T("injection", "Facet Injection", "facet joint injection", body_region="lumbar"),
        id="x-bilateral-l4-l5-and-l5-s1-facet-injectio",
    ),
    pytest.param(
        "Right L3, L4 and L5 medial branch blocks",
        T("injection", "Facet Injection", "medial branch block", body_region="lumbar"),
        id="x-right-l3-l4-and-l5-medial-branch-blocks",
    ),
    pytest.param(
        "Radiofrequency ablation at left L4-5 and L5-S1",
        T("injection", "Injection", "radiofrequency ablation", body_region="lumbar"),
        id="x-radiofrequency-ablation-at-left-l4-5-and",
    ),
    pytest.param(
        "Cortisone injection to the right shoulder",
        T("injection", "Injection", "corticosteroid injection", body_region="right shoulder"),
        id="x-cortisone-injection-to-the-right-shoulde",
    ),
    pytest.param(
        "Platelet-rich plasma injection to the left elbow",
        T("injection", "Injection", "platelet-rich plasma injection", body_region="left elbow"),
        id="x-platelet-rich-plasma-injection-to-the-le",
    ),
    pytest.param(
        "TENS unit 30 day trial rental",
        T("dmepos", "Electrical Stimulation", "tens unit"),
        id="x-tens-unit-30-day-trial-rental",
    ),
    pytest.param(
        "Interferential unit purchase",
        T("dmepos", "Electrical Stimulation", "interferential unit"),
        id="x-interferential-unit-purchase",
    ),
    pytest.param(
        "Urine drug screen",
        T("diagnostic_testing", "Lab & Pathology", "urine drug screen"),
        id="x-urine-drug-screen",
    ),
    pytest.param(
        "Retrospective request for urine drug screen (DOS 1/5/2015)",
        T("diagnostic_testing", "Lab & Pathology", "urine drug screen", retrospective=True),
        id="x-retrospective-request-for-urine-drug-scr",
    ),
    pytest.param(
        "Functional restoration program x 10 days",
        T("programs", None, "functional restoration program", sessions=10),
        id="x-functional-restoration-program-x-10-days",
    ),
    pytest.param(
        "Home health care 4 hours a day, 5 days a week for 4 weeks",
        T("home_health", None, "home health care", frequency="5 days a week", sessions=20),
        id="x-home-health-care-4-hours-a-day-5-days-a",
    ),
    pytest.param(
        "Referral to pain management specialist",
        T("evaluation_and_management", "Medical Specialties", "pain management consultation"),
        id="x-referral-to-pain-management-specialist",
    ),
    pytest.param(
        "Orthopedic surgeon consultation for the right knee",
        T("surgery", "Surgical Consult", "surgical consultation", body_region="right knee"),
        id="x-orthopedic-surgeon-consultation-for-the",
    ),
    pytest.param(
        "Psychological evaluation",
        T("psych_services", "Evaluation & Management", "psychological evaluation"),
        id="x-psychological-evaluation",
    ),
    pytest.param(
        "Cognitive behavioral therapy x 6 sessions",
        T("psych_services", "Therapies", "cognitive behavioral therapy", sessions=6),
        id="x-cognitive-behavioral-therapy-x-6-session",
    ),
    pytest.param(
        "Lumbar fusion L4-S1",
        T("surgery", "Spine", "spinal fusion", body_region="lumbar"),
        id="x-lumbar-fusion-l4-s1",
    ),
    pytest.param(
        "Left knee arthroscopy with partial meniscectomy",
        T("surgery", "Arthroscopic", "knee arthroscopy", body_region="left knee"),
        id="x-left-knee-arthroscopy-with-partial-menis",
    ),
    pytest.param(
        "Carpal tunnel release, right wrist",
        T("surgery", "Non-arthroscopic", "carpal tunnel release", body_region="right wrist"),
        id="x-carpal-tunnel-release-right-wrist",
    ),
    pytest.param(
        "Right total knee arthroplasty",
        T("surgery", "Non-arthroscopic", "knee arthroplasty", body_region="right knee"),
        id="x-right-total-knee-arthroplasty",
    ),
    pytest.param(
        "Spinal cord stimulator trial",
        T("surgery", "Spine", "spinal cord stimulator"),
        id="x-spinal-cord-stimulator-trial",
    ),
    pytest.param(
        "Gym membership x 6 months",
        T("programs", None, "gym membership"),
        id="x-gym-membership-x-6-months",
    ),
    pytest.param(
        "Aquatic therapy 2x4 for the lumbar spine",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)", "aquatic therapy",
          body_region="lumbar", sessions=8),
        id="x-aquatic-therapy-2x4-for-the-lumbar-spine",
    ),
    pytest.param(
        "Chiropractic manipulation 2x6",
        T("rehabilitation", "Chiropractic", "chiropractic", sessions=12),
        id="x-chiropractic-manipulation-2x6",
    ),
    pytest.param(
        "Physical therapy x 12 visits",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)", "physical therapy",
          sessions=12),
        id="x-physical-therapy-x-12-visits",
    ),
    pytest.param(
        "Post-op physical therapy 12 sessions for the right shoulder",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)", "physical therapy",
          body_region="right shoulder", sessions=12),
        id="x-post-op-physical-therapy-12-sessions-for",
    ),
    pytest.param(
        "Massage therapy 1x6",
        T("rehabilitation", "Other Therapies", "massage therapy", sessions=6),
        id="x-massage-therapy-1x6",
    ),
    pytest.param(
        "Cervical collar",
        T("dmepos", "Prosthetics/Orthotics", "cervical collar", body_region="cervical"),
        id="x-cervical-collar",
    ),
    # A side written apart from every part is the side of the parts named without one.
    pytest.param(
        "Knee brace, left",
        T("dmepos", "Prosthetics/Orthotics", "brace", body_region="left knee"),
        id="x-knee-brace-left",
    ),
    pytest.param(
        "Transportation to and from medical appointments",
        T("transportation", None, "transportation"),
        id="x-transportation-to-and-from-medical-appoi",
    ),
    pytest.param(
        "X-ray of the left ankle, 3 views",
        T("diagnostic_testing", "Imaging/Radiology", "x-ray", body_region="left ankle"),
        id="x-x-ray-of-the-left-ankle-3-views",
    ),
    pytest.param(
        "CT scan of the lumbar spine",
        T("diagnostic_testing", "Imaging/Radiology", "CT", body_region="lumbar"),
        id="x-ct-scan-of-the-lumbar-spine",
    ),
    pytest.param(
        "EMG/NCV of the bilateral upper extremities",
        T("diagnostic_testing", "EMG/NCV/NCS", "EMG/NCV",
          body_region="bilateral upper extremities"),
        id="x-emg-ncv-of-the-bilateral-upper-extremiti",
    ),
    pytest.param(
        "Lumbar MRI",
        T("diagnostic_testing", "Imaging/Radiology", "MRI", body_region="lumbar"),
        id="x-lumbar-mri",
    ),
    pytest.param(
        "Sleep study",
        T("diagnostic_testing", "Other", "sleep study"),
        id="x-sleep-study",
    ),
    pytest.param(
        "Functional capacity evaluation",
        T("diagnostic_testing", "Other", "functional capacity evaluation"),
        id="x-functional-capacity-evaluation",
    ),
    pytest.param(
        "Ibuprofen 600mg #90 with 2 refill was the original request. Ibuprofen 600mg #90 was "
        "authorized by the Claims Administrator. The remaining IMR eligible portion of the "
        "original request, Two refills of Ibuprofen 600mg #90 is: Upheld",
        T("pharmaceuticals", "NSAID", "ibuprofen", drug_class="nsaid", strength="600mg",
          quantity=90.0, refills=2),
        id="x-ibuprofen-600mg-90-with-2-refill-was-the",
    ),
    pytest.param(
        "Norco 10/325mg #90: Overturned",
        T("pharmaceuticals", "Opioids", "hydrocodone/acetaminophen", drug_class="opioid",
          strength="10/325mg", quantity=90.0),
        id="x-norco-10-325mg-90-overturned",
    ),
    pytest.param(
        "Soma   350mg\n#90",
        T("pharmaceuticals", "Muscle Relaxant", "carisoprodol", drug_class="muscle relaxant",
          strength="350mg", quantity=90.0),
        id="x-soma-350mg-n-90",
    ),
    # Made-up product: nothing is guessed, amounts are still read.
    pytest.param(
        "Zorbexilan 15mg #30",
        T("other", None, None, strength="15mg", quantity=30.0),
        id="x-zorbexilan-15mg-30",
    ),
    # Made-up product.
    pytest.param(
        "Quantum flux harmonizer",
        T("other", None, None),
        id="x-quantum-flux-harmonizer",
    ),
    # A real drug the lexicon lacks.
    pytest.param(
        "Xifaxan 550mg #28",
        T("other", None, None, strength="550mg", quantity=28.0),
        id="x-xifaxan-550mg-28",
    ),
    # Catch-all row: category known, name unknown.
    pytest.param(
        "Consultation",
        T("evaluation_and_management", "Medical Specialties", None),
        id="x-consultation",
    ),
    pytest.param(
        "Compounded topical cream 240gm",
        T("pharmaceuticals", "Topical Compounds", None, drug_class="topical compound",
          quantity=240.0),
        id="x-compounded-topical-cream-240gm",
    ),
    pytest.param(
        "Medications",
        T("pharmaceuticals", None, None),
        id="x-medications",
    ),
]
# fmt: on


@pytest.mark.parametrize(("request_text", "expected"), CASES)
def test_classify_request(request_text: str, expected: TreatmentRecord) -> None:
    assert _classified(request_text) == expected


def test_table_is_large_enough() -> None:
    assert len(CASES) >= 110


# DWC's spellings (DOMAIN.md section 2; the non-pain drug classes as DWC's IMR decision search
# lists them), typos included.
DWC_SUBCATEGORIES = {
    "Imaging/Radiology", "EMG/NCV/NCS", "Lab & Pathology", "Other", "DME",
    "Electrical Stimulation", "Prosthetics/Orthotics", "Supplies", "Dental Services",
    "Medical Specialties", "Facet Injection", "Injection", "Topical Compounds",
    "Topical Analgesics", "Evaluation & Management", "Therapies", "Acupuncture", "Chiropractic",
    "Other Therapies", "Physical Therapy/Occupational Therapy (PT/OT)",
    "Adjunct Surgical Services", "Arthroscopic", "Non-arthroscopic", "Spine", "Surgical Consult",
}  # fmt: skip


def test_shipped_lexicon_uses_dwc_spellings() -> None:
    lexicon = load_lexicon()
    assert {d.dwc_subcategory for d in lexicon.drugs} - {None} <= DWC_DRUG_CLASSES
    services = [r for r in lexicon.treatments if r.category != "pharmaceuticals"]
    drugs = [r for r in lexicon.treatments if r.category == "pharmaceuticals"]
    assert {r.subcategory for r in services} - {None} <= DWC_SUBCATEGORIES
    assert {r.subcategory for r in drugs} - {None} <= DWC_DRUG_CLASSES
    assert all(d.drug_class == d.drug_class.lower() for d in lexicon.drugs)  # 'nsaid'


def test_default_lexicon_is_loaded_once() -> None:
    assert load_lexicon() is load_lexicon()
    assert len(load_lexicon().version) == 12


@pytest.fixture
def lexicon_dir(tmp_path: Path) -> Path:
    """A copy of the shipped lexicon an operator may edit."""
    target = tmp_path / "lexicon"
    target.mkdir()
    shipped = resources.files("imr_etl").joinpath("lexicon")
    for name in LEXICON_FILES:
        target.joinpath(name).write_bytes(shipped.joinpath(name).read_bytes())
    return target


def _append(path: Path, line: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")


def _prepend_row(path: Path, line: str) -> None:
    header, rest = path.read_text(encoding="utf-8").split("\n", 1)
    path.write_text(f"{header}\n{line}\n{rest}", encoding="utf-8")


def test_copy_of_lexicon_has_the_same_version(lexicon_dir: Path) -> None:
    assert load_lexicon(lexicon_dir).version == load_lexicon().version


def test_operator_drug_row_changes_the_result(lexicon_dir: Path) -> None:
    before = load_lexicon(lexicon_dir)
    assert _classified("Zorbexilan 15mg #30", before) == T(
        "other", strength="15mg", quantity=30.0
    )
    _append(lexicon_dir / "drugs.csv", "zorbexilan,zorbetadol,opioid,Opioids")
    after = load_lexicon(lexicon_dir)
    assert after.version != before.version
    assert classify_request("Zorbexilan 15mg #30", after) == dataclasses.replace(
        T("pharmaceuticals", "Opioids", "zorbetadol", drug_class="opioid", strength="15mg",
          quantity=30.0),
        rule="drugs.csv:zorbexilan",
    )  # fmt: skip


def test_operator_correction_of_a_drug_row_wins(lexicon_dir: Path) -> None:
    _append(
        lexicon_dir / "drugs.csv", "dicopanol,diphenhydramine,sedative-hypnotic,Sedative-hypnotics"
    )
    lexicon = load_lexicon(lexicon_dir)
    assert _classified("Dicopanol 5mg/ml oral suspension 150ml", lexicon) == T(
        "pharmaceuticals", "Sedative-hypnotics", "diphenhydramine",
        drug_class="sedative-hypnotic", strength="5mg/ml", quantity=150.0,
    )  # fmt: skip


def test_operator_treatment_row_first_match_wins(lexicon_dir: Path) -> None:
    # Not word-led, so it lands in the second compiled part; it must still beat the
    # shipped aquatic therapy row below it.
    _prepend_row(lexicon_dir / "treatments.csv", "(?:aquatic|pool) therapy,therapies,,pool therapy")
    lexicon = load_lexicon(lexicon_dir)
    found = classify_request("Aquatic therapy 2x4 for the lumbar spine", lexicon)
    assert found == dataclasses.replace(
        T("therapies", None, "pool therapy", body_region="lumbar", sessions=8),
        rule="treatments.csv:2",  # the line the operator's row is on
    )
    # A row below an earlier match changes nothing.
    _append(lexicon_dir / "treatments.csv", r"\bmri\b,other,,never reached")
    assert classify_request("MRI of the left knee", load_lexicon(lexicon_dir)).name == "MRI"


def test_operator_body_region_row(lexicon_dir: Path) -> None:
    _prepend_row(lexicon_dir / "body_regions.csv", r"\bparaspinal,paraspinal")
    lexicon = load_lexicon(lexicon_dir)
    assert _classified("Trigger point injections, cervical paraspinal", lexicon) == T(
        "injection", "Injection", "trigger point injection", body_region="cervical; paraspinal"
    )


@pytest.mark.parametrize("file_name", LEXICON_FILES)
def test_version_changes_with_each_file(lexicon_dir: Path, file_name: str) -> None:
    before = load_lexicon(lexicon_dir).version
    _append(lexicon_dir / file_name, "# an operator's note")
    assert load_lexicon(lexicon_dir).version != before


@pytest.mark.parametrize(
    ("file_name", "line", "message"),
    [
        ("treatments.csv", r"\bfoo,surgry,,foo", "treatments.csv line 2: category 'surgry'"),
        ("treatments.csv", r"\bfoo(,surgery,,foo", "is not a valid regex"),
        ("treatments.csv", r"\b(foo|bar),surgery,,foo", "use (?:...) instead of (...)"),
        ("treatments.csv", r"x?,surgery,,foo", "matches empty text"),
        ("body_regions.csv", r"\bfoo,", "body_regions.csv line 2: body_region is required"),
        ("drugs.csv", "foo,foo,opioid", "drugs.csv line 2: expected 4 cells, found 3"),
        ("drugs.csv", ",foo,opioid,Opioids", "term, generic_name and drug_class are required"),
    ],
)
def test_bad_rows_are_reported_with_file_and_line(
    lexicon_dir: Path, file_name: str, line: str, message: str
) -> None:
    _prepend_row(lexicon_dir / file_name, line)
    with pytest.raises(LexiconError, match=re.escape(message)) as caught:
        load_lexicon(lexicon_dir)
    assert isinstance(caught.value, EtlError)
    assert caught.value.file_name == file_name


def test_wrong_header_and_missing_file(lexicon_dir: Path) -> None:
    (lexicon_dir / "drugs.csv").write_text("brand,generic\nnorco,hydrocodone\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="header must be term,generic_name,drug_class"):
        load_lexicon(lexicon_dir)
    (lexicon_dir / "drugs.csv").unlink()
    with pytest.raises(LexiconError, match="drugs.csv: cannot read"):
        load_lexicon(lexicon_dir)


def test_excel_bom_is_accepted(lexicon_dir: Path) -> None:
    path = lexicon_dir / "drugs.csv"
    path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
    assert classify_request("Soma 350mg", load_lexicon(lexicon_dir)).name == "carisoprodol"


# Request structure and amounts, on request texts written for these tests: the qualifier is
# not the service, context after 'following' is not the service, counts and strengths as the
# contract spells them.
# fmt: off
SHAPES = [
    pytest.param(
        "Physical therapy 2x6 following right shoulder arthroscopy",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)", "physical therapy",
          body_region="right shoulder", sessions=12),
        id="context-after-following-is-not-the-service",
    ),
    pytest.param(
        "Associated surgical service: Post-op acupuncture x 6 for the neck",
        T("rehabilitation", "Acupuncture", "acupuncture", body_region="cervical", sessions=6),
        id="two-qualifiers",
    ),
    pytest.param(
        "Retrospective request for urine drug screen (DOS 3/2/16)",
        T("diagnostic_testing", "Lab & Pathology", "urine drug screen", retrospective=True),
        id="retrospective-request-for",
    ),
    pytest.param(
        # A service the request says was already given is a retrospective request.
        "Urine drug screen performed on 6/3/15",
        T("diagnostic_testing", "Lab & Pathology", "urine drug screen", retrospective=True),
        id="performed-on-a-date",
    ),
    pytest.param(
        "Norco 10/325mg #60 dispensed on 5/5/15",
        T("pharmaceuticals", "Opioids", "hydrocodone/acetaminophen", drug_class="opioid",
          strength="10/325mg", quantity=60.0, retrospective=True),
        id="dispensed-on-a-date",
    ),
    pytest.param(
        "Continued chiropractic care 1-2 times per week for 4 weeks, lumbar",
        T("rehabilitation", "Chiropractic", "chiropractic", body_region="lumbar",
          frequency="1-2 times per week", sessions=8),
        id="continued-and-a-range-per-week",
    ),
    pytest.param(
        "Post op PT 3 x week x 4 weeks left shoulder",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)", "physical therapy",
          body_region="left shoulder", sessions=12),
        id="times-week-without-a-or-per",
    ),
    pytest.param(
        "Physical therapy, twice weekly for six weeks, lumbar spine",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)", "physical therapy",
          body_region="lumbar", frequency="twice weekly", sessions=12),
        id="twice-weekly-for-six-weeks",
    ),
    pytest.param(
        "Physical therapy 2 x 6 weeks",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)", "physical therapy",
          sessions=12),
        id="times-a-number-of-weeks",
    ),
    pytest.param(
        # Hours of a program are not sessions.
        "HELP program x 80 hours",
        T("programs", None, "functional restoration program"),
        id="program-hours-are-not-sessions",
    ),
    pytest.param(
        "Chiropractic (6)",
        T("rehabilitation", "Chiropractic", "chiropractic", sessions=6),
        id="a-count-alone-in-parentheses",
    ),
    pytest.param(
        "Physical therapy 6 (six) sessions",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)", "physical therapy",
          sessions=6),
        id="digits-then-the-word-in-parentheses",
    ),
    pytest.param(
        "Psychotherapy weekly for 12 weeks",
        T("psych_services", "Therapies", "psychotherapy", frequency="weekly", sessions=12),
        id="weekly-for-weeks",
    ),
    pytest.param(
        "Office visits monthly for 6 months",
        T("evaluation_and_management", "Medical Specialties", "office visit",
          frequency="monthly", sessions=6),
        id="monthly-for-months",
    ),
    pytest.param(
        "MRI of the R knee and L. shoulder",
        T("diagnostic_testing", "Imaging/Radiology", "MRI",
          body_region="right knee; left shoulder"),
        id="one-letter-sides",
    ),
    pytest.param(
        "MRI of the L spine, sacrum and coccyx",
        T("diagnostic_testing", "Imaging/Radiology", "MRI", body_region="lumbar; sacrum; coccyx"),
        id="spine-letter-with-a-space-and-the-sacrum",
    ),
    pytest.param(
        "X-ray of the left ribs and right calf",
        T("diagnostic_testing", "Imaging/Radiology", "x-ray",
          body_region="left ribs; right lower leg"),
        id="ribs-and-the-calf-as-the-lower-leg",
    ),
    pytest.param(
        # The surgeon's field is not a region of the request.
        "Referral to hand surgeon for the right wrist",
        T("surgery", "Surgical Consult", "surgical consultation", body_region="right wrist"),
        id="a-specialist-named-after-a-part",
    ),
    pytest.param(
        "EMG/NCV of the bilateral upper and lower extremities",
        T("diagnostic_testing", "EMG/NCV/NCS", "EMG/NCV",
          body_region="bilateral upper extremities; bilateral lower extremities"),
        id="upper-and-lower-extremities-of-both-sides",
    ),
    pytest.param(
        "EMG/NCV right upper and lower extremities",
        T("diagnostic_testing", "EMG/NCV/NCS", "EMG/NCV",
          body_region="right upper extremity; right lower extremity"),
        id="upper-and-lower-extremities-of-one-side",
    ),
    pytest.param(
        "Right and left shoulder MRI",
        T("diagnostic_testing", "Imaging/Radiology", "MRI", body_region="bilateral shoulders"),
        id="right-and-left-singular",
    ),
    pytest.param(
        "Trigger point injections to the right gluteal muscles and L/S spine",
        T("injection", "Injection", "trigger point injection",
          body_region="right buttock; lumbar"),
        id="gluteal-muscles-and-ls-spine",
    ),
    pytest.param(
        "X-ray of the left 5th metatarsal and the right rotator cuff",
        T("diagnostic_testing", "Imaging/Radiology", "x-ray",
          body_region="left foot; right shoulder"),
        id="a-part-of-a-limb-names-its-region",
    ),
    pytest.param(
        "Rental of TENS unit for 30 days",
        T("dmepos", "Electrical Stimulation", "tens unit"),
        id="rental-of",
    ),
    pytest.param(
        "Norco 7.5-325mg 1 tab q6h prn, #120 with 1 refill",
        T("pharmaceuticals", "Opioids", "hydrocodone/acetaminophen", drug_class="opioid",
          strength="7.5-325mg", quantity=120.0, refills=1, frequency="q6h prn"),
        id="hyphenated-combination-strength",
    ),
    pytest.param(
        "Tramadol/APAP 37.5 - 325 mg #60",
        T("pharmaceuticals", "Opioids", "tramadol/acetaminophen", drug_class="opioid",
          strength="37.5 - 325 mg", quantity=60.0),
        id="strength-spacing-as-written",
    ),
    pytest.param(
        "Acupuncture times 6 for the neck",
        T("rehabilitation", "Acupuncture", "acupuncture", body_region="cervical", sessions=6),
        id="times-n",
    ),
    pytest.param(
        "Aquatic therapy Eight (8) sessions",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)", "aquatic therapy",
          sessions=8),
        id="spelled-out-with-digits",
    ),
    pytest.param(
        "Chiropractic two times four visits (8) for the low back",
        T("rehabilitation", "Chiropractic", "chiropractic", body_region="lumbar", sessions=8),
        id="total-in-parentheses",
    ),
    pytest.param(
        "Physical therapy 12-18 sessions for the lumbar spine",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)", "physical therapy",
          body_region="lumbar", sessions=18),
        id="session-range-maximum",
    ),
    pytest.param(
        "Occupational therapy 2 visits per week for 5 weeks, right wrist",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)",
          "occupational therapy", body_region="right wrist", frequency="2 visits per week",
          sessions=10),
        id="visits-per-week-is-a-frequency",
    ),
    pytest.param(
        "Daily LVN visits for 3 weeks for dressing changes",
        T("home_health", None, "home health nursing", frequency="daily", sessions=21),
        id="daily-for-n-weeks",
    ),
    pytest.param(
        "Studies to include: MRI of the left shoulder",
        T("diagnostic_testing", "Imaging/Radiology", "MRI", body_region="left shoulder"),
        id="list-header-to-include",
    ),
    pytest.param(
        "Knee scooter for the right leg, 1",
        T("dmepos", "DME", "knee scooter", body_region="right leg"),
        id="device-named-after-a-part",
    ),
    pytest.param(
        "MRI of the brain and CT of the chest, abdomen and pelvis",
        T("diagnostic_testing", "Imaging/Radiology", "MRI",
          body_region="brain; chest; abdomen; pelvis"),
        id="trunk-and-head-regions",
    ),
    pytest.param(
        "EMG/NCV of the BUE",
        T("diagnostic_testing", "EMG/NCV/NCS", "EMG/NCV",
          body_region="bilateral upper extremities"),
        id="extremity-abbreviation",
    ),
    pytest.param(
        "Physical therapy 2-3 times a week for 6 weeks, left knee",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)", "physical therapy",
          body_region="left knee", frequency="2-3 times a week", sessions=18),
        id="frequency-range-maximum",
    ),
    # Counts and sides as requests write them: injections of a drug, a series, visits as a
    # quantity, a device's own numbers, units and their size, a side apart from the part.
    pytest.param(
        "Synvisc injections x 3 left knee",
        T("pharmaceuticals", "Viscosupplementation", "hylan g-f 20", drug_class="viscosupplement",
          body_region="left knee", sessions=3),
        id="injected-drug-counts-injections",
    ),
    pytest.param(
        "Orthovisc injections, series of 3, right knee",
        T("pharmaceuticals", "Viscosupplementation", "hyaluronic acid",
          drug_class="viscosupplement", body_region="right knee", sessions=3),
        id="series-of-n-injections",
    ),
    pytest.param(
        "Cane x 1",
        T("dmepos", "DME", "cane", quantity=1.0),
        id="a-device-count-is-no-session",
    ),
    pytest.param(
        "TENS unit rental x 1 year",
        T("dmepos", "Electrical Stimulation", "tens unit"),
        id="a-rental-year-is-no-count",
    ),
    pytest.param(
        "Physical therapy QTY: 12.00",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)", "physical therapy",
          sessions=12),
        id="visits-written-as-qty",
    ),
    pytest.param(
        "Physical therapy times twelve",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)", "physical therapy",
          sessions=12),
        id="times-a-spelled-number",
    ),
    pytest.param(
        "Psychotherapy 2 times a month for 3 months",
        T("psych_services", "Therapies", "psychotherapy", frequency="2 times a month", sessions=6),
        id="per-month-for-months",
    ),
    pytest.param(
        "4 wheeled walker",
        T("dmepos", "DME", "walker"),
        id="a-number-describing-the-device",
    ),
    pytest.param(
        "Voltaren gel 1% 100gm x 3 tubes",
        T("pharmaceuticals", "Topical Analgesics", "diclofenac", drug_class="topical analgesic",
          strength="1%", quantity=3.0),
        id="units-before-the-size-of-one",
    ),
    pytest.param(
        "Total knee replacement, right",
        T("surgery", "Non-arthroscopic", "knee arthroplasty", body_region="right knee"),
        id="side-after-the-part",
    ),
    pytest.param(
        "Wrist braces, right and left",
        T("dmepos", "Prosthetics/Orthotics", "brace", body_region="bilateral wrists"),
        id="right-and-left-is-bilateral",
    ),
    pytest.param(
        "MRI of the R/L knees",
        T("diagnostic_testing", "Imaging/Radiology", "MRI", body_region="bilateral knees"),
        id="r-slash-l-is-bilateral",
    ),
    pytest.param(
        "Right ulnar nerve decompression at the elbow",
        T("surgery", "Non-arthroscopic", "cubital tunnel release", body_region="right elbow"),
        id="side-apart-from-the-only-part",
    ),
    pytest.param(
        "Right carpal tunnel release",
        T("surgery", "Non-arthroscopic", "carpal tunnel release", body_region="right wrist"),
        id="carpal-tunnel-is-the-wrist",
    ),
    pytest.param(
        "Left TKA",
        T("surgery", "Non-arthroscopic", "knee arthroplasty", body_region="left knee"),
        id="tka-is-the-knee",
    ),
    pytest.param(
        "Lumbar-sacral orthosis",
        T("dmepos", "Prosthetics/Orthotics", "brace", body_region="lumbar"),
        id="lumbar-sacral-is-lumbar",
    ),
    pytest.param(
        "MRI of the whole spine",
        T("diagnostic_testing", "Imaging/Radiology", "MRI",
          body_region="cervical; thoracic; lumbar"),
        id="whole-spine-by-region",
    ),
    pytest.param(
        "Elevated toilet seat with arms",
        T("dmepos", "DME", "raised toilet seat"),
        id="the-seats-arms-are-no-region",
    ),
    pytest.param(
        "LSO back brace",
        T("dmepos", "Prosthetics/Orthotics", "brace", body_region="lumbar"),
        id="the-back-beside-a-spinal-region-is-that-region",
    ),
    pytest.param(
        "MRI of the lumbar spine for back pain",
        T("diagnostic_testing", "Imaging/Radiology", "MRI", body_region="lumbar"),
        id="back-pain-of-the-lumbar-spine",
    ),

    pytest.param(
        "Ambien 10mg one tablet at bedtime, thirty (30)",
        T("pharmaceuticals", "Sedative-hypnotics", "zolpidem", drug_class="sedative-hypnotic",
          strength="10mg", quantity=30.0, frequency="at bedtime"),
        id="a-dose-then-the-spelled-count",
    ),
    pytest.param(
        "Albuterol 2.5 mg/3 mL nebulizer solution",
        T("pharmaceuticals", "Asthma Medications", "albuterol", drug_class="asthma medication",
          strength="2.5 mg/3 ml"),
        id="albuterol-solution-with-spaced-units",
    ),
    pytest.param(
        "Buprenorphine/naloxone 8 mg-2 mg film #60",
        T("pharmaceuticals", "Opioids", "buprenorphine/naloxone", drug_class="opioid",
          strength="8 mg-2 mg", quantity=60.0),
        id="a-combination-strength-with-spaced-units",
    ),
    pytest.param(
        "Physical therapy for the hip, right greater than left, 2x6",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)", "physical therapy",
          body_region="bilateral hips", sessions=12),
        id="right-greater-than-left-is-both",
    ),
    pytest.param(
        "Chiropractic 2x3 to the C/S, T/S and L/S",
        T("rehabilitation", "Chiropractic", "chiropractic",
          body_region="cervical; thoracic; lumbar", sessions=6),
        id="c-t-and-l-spine-short",
    ),

    # A fourth reading: doses and counts, sides compared, parts by their clinical names.
    pytest.param(
        "Toradol 60 mg IM injection",
        T("pharmaceuticals", "NSAID", "ketorolac", drug_class="nsaid", strength="60 mg"),
        id="a-dose-before-injection-is-no-count",
    ),
    pytest.param(
        "Chiropractic treatments, six (6)",
        T("rehabilitation", "Chiropractic", "chiropractic", sessions=6),
        id="treatments-spelled-and-in-digits",
    ),
    pytest.param(
        "Psychotherapy every week for 6 weeks",
        T("psych_services", "Therapies", "psychotherapy", sessions=6),
        id="every-week-for-weeks",
    ),
    pytest.param(
        "60 (sixty) tablets of Norco 10/325",
        T("pharmaceuticals", "Opioids", "hydrocodone/acetaminophen", drug_class="opioid",
          strength="10/325", quantity=60.0),
        id="digits-then-the-spelled-count",
    ),
    pytest.param(
        "Flurbiprofen 20% cream 240 gm x 2",
        T("pharmaceuticals", "Topical Analgesics", "flurbiprofen", drug_class="topical analgesic",
          strength="20%", quantity=2.0),
        id="two-of-a-size",
    ),
    pytest.param(
        "Percocet 7.5mg-325mg #60",
        T("pharmaceuticals", "Opioids", "oxycodone/acetaminophen", drug_class="opioid",
          strength="7.5mg-325mg", quantity=60.0),
        id="a-combination-strength-with-its-units",
    ),
    pytest.param(
        "Norco 10/325 #90 3RF",
        T("pharmaceuticals", "Opioids", "hydrocodone/acetaminophen", drug_class="opioid",
          strength="10/325", quantity=90.0, refills=3),
        id="rf-glued-to-its-count",
    ),
    pytest.param(
        "Norco #90 refills: two",
        T("pharmaceuticals", "Opioids", "hydrocodone/acetaminophen", drug_class="opioid",
          quantity=90.0, refills=2),
        id="refills-spelled",
    ),
    pytest.param(
        "Left > right knee injections",
        T("injection", "Injection", "joint injection", body_region="bilateral knees"),
        id="left-greater-than-right-is-both",
    ),
    pytest.param(
        "X-ray of the left knee and a finger",
        T("diagnostic_testing", "Imaging/Radiology", "x-ray", body_region="left knee; finger"),
        id="a-part-without-a-both-sides-form-is-kept",
    ),
    pytest.param(
        "Left acetabular fracture ORIF",
        T("surgery", "Non-arthroscopic", "open reduction internal fixation",
          body_region="left hip"),
        id="acetabular-is-the-hip",
    ),
    pytest.param(
        "Right long head biceps tendon injection",
        T("injection", "Injection", body_region="right shoulder"),
        id="long-head-biceps-is-the-shoulder",
    ),
    pytest.param(
        "Ultrasound of the back of the left knee",
        T("diagnostic_testing", "Imaging/Radiology", "ultrasound", body_region="left knee"),
        id="the-back-of-the-knee-is-the-knee",
    ),
    pytest.param(
        "MRI of the T/L spine",
        T("diagnostic_testing", "Imaging/Radiology", "MRI", body_region="thoracolumbar"),
        id="t-slash-l-is-thoracolumbar",
    ),
    pytest.param(
        "Chiropractic for the mid/low back",
        T("rehabilitation", "Chiropractic", "chiropractic", body_region="thoracic; lumbar"),
        id="mid-and-low-back",
    ),
    pytest.param(
        "Left index finger DIP fusion",
        T("surgery", "Non-arthroscopic", "joint fusion", body_region="left finger"),
        id="a-finger-fusion-is-no-spinal-fusion",
    ),
    pytest.param(
        "Albuterol 2.5mg/3ml nebulizer solution #75",
        T("pharmaceuticals", "Asthma Medications", "albuterol", drug_class="asthma medication",
          strength="2.5mg/3ml", quantity=75.0),
        id="a-nebulizer-solution-is-the-drug",
    ),
    pytest.param(
        "Vitamin B12 1,000 mcg IM injection x 4",
        T("pharmaceuticals", "Injection", "cyanocobalamin",
          drug_class="dietary supplement", strength="1,000 mcg", sessions=4),
        id="a-thousands-dose-is-no-count",
    ),

    pytest.param(
        "Butrans 20 mcg/hour, 4 patches",
        T("pharmaceuticals", "Opioids", "buprenorphine", drug_class="opioid",
          strength="20 mcg/hour", quantity=4.0),
        id="a-rate-per-hour-is-no-ingredient",
    ),
    pytest.param(
        "Trigger point injections x 3 to the upper trapezius and rhomboids",
        T("injection", "Injection", "trigger point injection", body_region="trapezius; thoracic",
          sessions=3),
        id="the-rhomboids-are-the-upper-back",
    ),

    # A third reading: prescriptions, refills and counts as prescribers and offices write them.
    pytest.param(
        "Norco 10/325mg and Soma 350mg",
        T("pharmaceuticals", "Opioids", "hydrocodone/acetaminophen", drug_class="opioid",
          strength="10/325mg"),
        id="two-drugs-each-with-its-strength-are-two-prescriptions",
    ),
    pytest.param(
        "Hydrocodone 10mg/acetaminophen 325mg #90",
        T("pharmaceuticals", "Opioids", "hydrocodone/acetaminophen", drug_class="opioid",
          strength="10mg/325mg", quantity=90.0),
        id="a-combination-written-with-its-strengths-stays-one",
    ),
    pytest.param(
        "Tylenol w/ Codeine No. 3 #60",
        T("pharmaceuticals", "Opioids", "acetaminophen/codeine", drug_class="opioid",
          quantity=60.0),
        id="the-count-sign-before-the-number-sign",
    ),
    pytest.param(
        "Norco 10/325 Qty 90 Refills 5",
        T("pharmaceuticals", "Opioids", "hydrocodone/acetaminophen", drug_class="opioid",
          strength="10/325", quantity=90.0, refills=5),
        id="refills-after-a-quantity",
    ),
    pytest.param(
        "Norco 10/325 refills: zero",
        T("pharmaceuticals", "Opioids", "hydrocodone/acetaminophen", drug_class="opioid",
          strength="10/325", refills=0),
        id="refills-zero-not-the-strength",
    ),
    pytest.param(
        "Norco 10/325 #90 2 RF",
        T("pharmaceuticals", "Opioids", "hydrocodone/acetaminophen", drug_class="opioid",
          strength="10/325", quantity=90.0, refills=2),
        id="rf-after-the-count",
    ),
    pytest.param(
        "Toradol 60mg IM given in office on 2/3/16",
        T("pharmaceuticals", "NSAID", "ketorolac", drug_class="nsaid", strength="60mg",
          retrospective=True),
        id="given-in-office-on-a-date",
    ),
    pytest.param(
        "Relistor 12mg injection #7",
        T("pharmaceuticals", "GI Agents", "methylnaltrexone", drug_class="gi agent",
          strength="12mg", quantity=7.0),
        id="an-injectable-dispensed-by-count",
    ),
    pytest.param(
        "Psychotherapy sessions, 1 x week x 6 weeks",
        T("psych_services", "Therapies", "psychotherapy", sessions=6),
        id="sessions-then-a-weekly-rate",
    ),
    pytest.param(
        "Office visits 1 x month x 3 months",
        T("evaluation_and_management", "Medical Specialties", "office visit", sessions=3),
        id="once-a-month-for-months",
    ),
    pytest.param(
        "Crown, tooth #14",
        T("evaluation_and_management", "Dental Services", "dental treatment"),
        id="a-tooth-number-is-no-count",
    ),
    pytest.param(
        "Monthly rental of IF unit x 3 months",
        T("dmepos", "Electrical Stimulation", "interferential unit", frequency="monthly"),
        id="rental-months-are-no-sessions",
    ),
    pytest.param(
        "Certified nursing assistant 4 hours a day x 30 days",
        T("home_health", None, "home health aide", sessions=30),
        id="hours-a-day-for-days",
    ),
    pytest.param(
        "L 4-5 facet injection",
        T("injection", "Facet Injection", "facet joint injection", body_region="lumbar"),
        id="a-spinal-level-is-no-count",
    ),
    pytest.param(
        "ORIF R 5th metatarsal",
        T("surgery", "Non-arthroscopic", "open reduction internal fixation",
          body_region="right foot"),
        id="a-one-letter-side-before-a-numbered-part",
    ),
    pytest.param(
        "CTR, right",
        T("surgery", "Non-arthroscopic", "carpal tunnel release", body_region="right wrist"),
        id="ctr-is-the-wrist",
    ),
    pytest.param(
        "Custom AFO, right",
        T("dmepos", "Prosthetics/Orthotics", "ankle-foot orthosis",
          body_region="right ankle; right foot"),
        id="an-afo-is-the-ankle-and-foot",
    ),
    pytest.param(
        "Thoracic outlet decompression with first rib resection",
        T("surgery", "Non-arthroscopic", "thoracic outlet decompression", body_region="ribs"),
        id="the-thoracic-outlet-is-not-the-spine",
    ),

    # Two prescriptions in one item: the first is the item, its own strength and count.
    pytest.param(
        "Norco 10/325mg #90; Soma 350mg #60",
        T("pharmaceuticals", "Opioids", "hydrocodone/acetaminophen", drug_class="opioid",
          strength="10/325mg", quantity=90.0),
        id="two-prescriptions-the-first-is-the-item",
    ),
    pytest.param(
        "Retro Tramadol 50mg #120 and Naproxen 550mg #60 (DOS 3/4/15)",
        T("pharmaceuticals", "Opioids", "tramadol", drug_class="opioid", strength="50mg",
          quantity=120.0, retrospective=True),
        id="two-prescriptions-retrospective-from-the-whole",
    ),
    pytest.param(
        "Flexeril 10mg #60 with physical therapy",
        T("pharmaceuticals", "Muscle Relaxant", "cyclobenzaprine", drug_class="muscle relaxant",
          strength="10mg", quantity=60.0),
        id="what-a-drug-comes-with-is-no-service",
    ),
    pytest.param(
        "Effexer XR 75mg #30",
        T("pharmaceuticals", "Antidepressant", "venlafaxine", drug_class="antidepressant",
          strength="75mg", quantity=30.0),
        id="a-misspelled-drug-before-a-service-word",
    ),
    pytest.param(
        "Norco10/325 #90",
        T("pharmaceuticals", "Opioids", "hydrocodone/acetaminophen", drug_class="opioid",
          strength="10/325", quantity=90.0),
        id="a-name-glued-to-its-dose",
    ),
    pytest.param(
        "Lidoderm 5% (700mg/patch) #30",
        T("pharmaceuticals", "Topical Analgesics", "lidocaine", drug_class="topical analgesic",
          strength="5%", quantity=30.0),
        id="a-strength-restated-in-parentheses",
    ),
    pytest.param(
        "One (1) right L5-S1 transforaminal epidural steroid injection",
        T("injection", "Injection", "epidural steroid injection", body_region="lumbar", sessions=1),
        id="a-count-before-a-side-and-a-level",
    ),
    pytest.param(
        "Acupuncture two sessions weekly for three weeks",
        T("rehabilitation", "Acupuncture", "acupuncture", frequency="two sessions weekly",
          sessions=6),
        id="sessions-weekly-for-weeks",
    ),
    pytest.param(
        "Physical therapy 3x4 then 2x4 for the right shoulder",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)", "physical therapy",
          body_region="right shoulder", sessions=20),
        id="phases-added",
    ),
    pytest.param(
        "Physical therapy 2x/week x 6",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)", "physical therapy",
          frequency="2x/week", sessions=12),
        id="weeks-implied-after-x",
    ),
    pytest.param(
        "Physical therapy 2-3 x 4-6",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)", "physical therapy",
          sessions=18),
        id="ranges-on-both-sides-of-x",
    ),
    pytest.param(
        "Physical therapy for 6 weeks, 3 times per week",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)", "physical therapy",
          frequency="3 times per week", sessions=18),
        id="duration-before-the-rate",
    ),
    pytest.param(
        "Psychotherapy every other week for 12 weeks",
        T("psych_services", "Therapies", "psychotherapy", frequency="every other week",
          sessions=6),
        id="every-other-week",
    ),
    pytest.param(
        "Massage therapy 60 minute sessions x 6",
        T("rehabilitation", "Other Therapies", "massage therapy", sessions=6),
        id="a-sessions-length-is-no-count",
    ),
    pytest.param(
        "Home health aide daily for 30 days",
        T("home_health", None, "home health aide", frequency="daily", sessions=30),
        id="daily-for-days",
    ),
    pytest.param(
        "Round trip non-emergency medical transportation to physical therapy sessions x 12",
        T("transportation", None, "transportation"),
        id="transportation-counts-no-sessions",
    ),
    pytest.param(
        "Heating pad, 12 x 24 inch",
        T("dmepos", "DME", "heat therapy pad"),
        id="a-size-is-no-count",
    ),
    pytest.param(
        "Norco 10/325mg 1 tablet 4 times a day, 120 tablets",
        T("pharmaceuticals", "Opioids", "hydrocodone/acetaminophen", drug_class="opioid",
          strength="10/325mg", quantity=120.0, frequency="4 times a day"),
        id="a-dose-with-its-frequency-is-no-amount",
    ),
    pytest.param(
        "Soma 350mg No. 60",
        T("pharmaceuticals", "Muscle Relaxant", "carisoprodol", drug_class="muscle relaxant",
          strength="350mg", quantity=60.0),
        id="no-dot-n",
    ),
    pytest.param(
        "Wrist splints (2)",
        T("dmepos", "Prosthetics/Orthotics", "brace", body_region="wrist", quantity=2.0),
        id="a-count-in-parentheses",
    ),
    pytest.param(
        "Left SI joint injection",
        T("injection", "Injection", "sacroiliac joint injection", body_region="left sacroiliac"),
        id="the-sacroiliac-joint-keeps-its-side",
    ),
    pytest.param(
        "Hand therapy 12 sessions for the left wrist",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)", "hand therapy",
          body_region="left wrist", sessions=12),
        id="hand-therapy-names-no-region",
    ),
    pytest.param(
        "X-rays R and L knee",
        T("diagnostic_testing", "Imaging/Radiology", "x-ray", body_region="bilateral knees"),
        id="r-and-l-are-both-sides",
    ),
    pytest.param(
        "Bilat wrist braces",
        T("dmepos", "Prosthetics/Orthotics", "brace", body_region="bilateral wrists"),
        id="bilat",
    ),
    pytest.param(
        "MRI of the knee (R)",
        T("diagnostic_testing", "Imaging/Radiology", "MRI", body_region="right knee"),
        id="a-side-in-parentheses",
    ),
    pytest.param(
        "Physical therapy for the bilateral shoulder and knee 2x6",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)", "physical therapy",
          body_region="bilateral shoulders; bilateral knees", sessions=12),
        id="bilateral-carries-over-a-list",
    ),
    pytest.param(
        "Wrist braces for both wrists",
        T("dmepos", "Prosthetics/Orthotics", "brace", body_region="bilateral wrists"),
        id="the-bare-part-is-the-bilateral-one",
    ),
    pytest.param(
        "Left femoral neck fracture ORIF",
        T("surgery", "Non-arthroscopic", "open reduction internal fixation",
          body_region="left hip"),
        id="femoral-neck-is-the-hip",
    ),
    pytest.param(
        "Chiropractic for the neck and low-back, 8 visits",
        T("rehabilitation", "Chiropractic", "chiropractic", body_region="cervical; lumbar",
          sessions=8),
        id="low-back-with-a-hyphen",
    ),
    pytest.param(
        "X-rays of the C & L spine",
        T("diagnostic_testing", "Imaging/Radiology", "x-ray", body_region="cervical; lumbar"),
        id="c-and-l-spine",
    ),
    pytest.param(
        "EMG/NCV of all four extremities",
        T("diagnostic_testing", "EMG/NCV/NCS", "EMG/NCV",
          body_region="bilateral upper extremities; bilateral lower extremities"),
        id="all-four-extremities",
    ),
    pytest.param(
        "Wheelchair with elevating leg rests",
        T("dmepos", "DME", "wheelchair"),
        id="leg-rests-are-no-region",
    ),
    pytest.param(
        "Injection of Kenalog to the right shoulder",
        T("injection", "Injection", "corticosteroid injection", body_region="right shoulder"),
        id="a-steroid-injected-into-a-joint",
    ),

    # Parts named by their anatomy or an abbreviation.
    pytest.param(
        "Left greater trochanteric bursa injection",
        T("injection", "Injection", "bursa injection", body_region="left hip"),
        id="trochanter-is-the-hip",
    ),
    pytest.param(
        "Right AC joint injection",
        T("injection", "Injection", "joint injection", body_region="right shoulder"),
        id="ac-joint-is-the-shoulder",
    ),
    pytest.param(
        "Right piriformis injection under fluoroscopy",
        T("injection", "Injection", "piriformis injection", body_region="right buttock"),
        id="piriformis-is-the-buttock",
    ),
    pytest.param(
        "Coccygeal injection",
        T("injection", "Injection", body_region="coccyx"),
        id="coccygeal-is-the-coccyx",
    ),
    pytest.param(
        "Right SIJ injection under fluoroscopic guidance",
        T("injection", "Injection", "sacroiliac joint injection", body_region="right sacroiliac"),
        id="sij-is-the-sacroiliac-joint-with-its-side",
    ),
    pytest.param(
        "EMG/NCS of bilateral UE",
        T("diagnostic_testing", "EMG/NCV/NCS", "EMG/NCV",
          body_region="bilateral upper extremities"),
        id="bilateral-ue",
    ),
    pytest.param(
        "EMG/NCV of the bilateral lower extremitys",
        T("diagnostic_testing", "EMG/NCV/NCS", "EMG/NCV",
          body_region="bilateral lower extremities"),
        id="extremities-misspelled",
    ),
    pytest.param(
        "X-ray of the left tibia and fibula",
        T("diagnostic_testing", "Imaging/Radiology", "x-ray", body_region="left lower leg"),
        id="tibia-and-fibula-are-the-lower-leg",
    ),
    pytest.param(
        "MRI of the left Achilles tendon",
        T("diagnostic_testing", "Imaging/Radiology", "MRI", body_region="left ankle"),
        id="achilles-is-the-ankle",
    ),
    pytest.param(
        "Right inguinal hernia repair",
        T("surgery", "Non-arthroscopic", "hernia repair", body_region="right groin"),
        id="inguinal-is-the-groin",
    ),
    pytest.param(
        "Right plantar fasciotomy",
        T("surgery", "Non-arthroscopic", "plantar fascia release", body_region="right foot"),
        id="plantar-fascia-is-the-foot",
    ),
    pytest.param(
        "LSO brace",
        T("dmepos", "Prosthetics/Orthotics", "brace", body_region="lumbar"),
        id="lso-is-lumbar",
    ),

    # Drug requests: a release form after the strength, a purpose after the drug, a partner
    # ingredient misspelled or left unwritten, creams that exist only compounded, doses that
    # are no amount dispensed, strengths and refills as prescriptions write them.
    pytest.param(
        "Tramadol 100mg XR #30",
        T("pharmaceuticals", "Opioids", "tramadol", drug_class="opioid", strength="100mg",
          quantity=30.0),
        id="release-form-after-the-strength",
    ),
    pytest.param(
        "Xarelto 10mg #14 for DVT prophylaxis",
        T("pharmaceuticals", "Anti-coagulant", "rivaroxaban", drug_class="anticoagulant",
          strength="10mg", quantity=14.0),
        id="what-a-drug-is-for-is-no-service",
    ),
    pytest.param(
        "Hyrdocodone/APAP 10/325mg #90",
        T("pharmaceuticals", "Opioids", "hydrocodone/acetaminophen", drug_class="opioid",
          strength="10/325mg", quantity=90.0),
        id="misspelled-partner-of-a-combination",
    ),
    pytest.param(
        "Hydrocodone 7.5/200mg #90",
        T("pharmaceuticals", "Opioids", "hydrocodone/ibuprofen", drug_class="opioid",
          strength="7.5/200mg", quantity=90.0),
        id="ibuprofen-dose-left-unwritten",
    ),
    pytest.param(
        "Tramadol cream 8% 120gm",
        T("pharmaceuticals", "Topical Compounds", "tramadol", drug_class="topical analgesic",
          strength="8%", quantity=120.0),
        id="a-cream-of-a-drug-only-compounded",
    ),
    pytest.param(
        "Ketoprofen/Diclofenac/Lidocaine 240gm",
        T("pharmaceuticals", "Topical Compounds", "ketoprofen/diclofenac/lidocaine",
          drug_class="topical compound", quantity=240.0),
        id="drugs-weighed-in-grams-are-a-compound",
    ),
    pytest.param(
        "Tramadol HCL 50mg, 1 tablet every 6 hours as needed, 120 tablets",
        T("pharmaceuticals", "Opioids", "tramadol", drug_class="opioid", strength="50mg",
          quantity=120.0, frequency="every 6 hours as needed"),
        id="a-dose-is-no-amount-dispensed",
    ),
    pytest.param(
        "Lactulose 10g/15ml 473ml",
        T("pharmaceuticals", "GI Agents", "lactulose", drug_class="gi agent", strength="10g/15ml",
          quantity=473.0),
        id="a-concentration-is-no-amount",
    ),
    pytest.param(
        "Prilosec 40mg, sixty (60) capsules",
        T("pharmaceuticals", "Proton Pump Inhibitors", "omeprazole",
          drug_class="proton pump inhibitor", strength="40mg", quantity=60.0),
        id="tens-spelled-out",
    ),
    pytest.param(
        "Meloxicam 7.5mg, dispense 30",
        T("pharmaceuticals", "NSAID", "meloxicam", drug_class="nsaid", strength="7.5mg",
          quantity=30.0),
        id="dispense-n",
    ),
    pytest.param(
        "Percocet 7.5-325 #60",
        T("pharmaceuticals", "Opioids", "oxycodone/acetaminophen", drug_class="opioid",
          strength="7.5-325", quantity=60.0),
        id="unitless-strength-with-a-hyphen",
    ),
    pytest.param(
        "Xanax .25mg #60",
        T("pharmaceuticals", "Benzodiazepine", "alprazolam", drug_class="benzodiazepine",
          strength=".25mg", quantity=60.0),
        id="strength-with-a-leading-decimal",
    ),
    pytest.param(
        "Norco 10/325mg #90 with three (3) refills",
        T("pharmaceuticals", "Opioids", "hydrocodone/acetaminophen", drug_class="opioid",
          strength="10/325mg", quantity=90.0, refills=3),
        id="refills-spelled-and-in-digits",
    ),
    pytest.param(
        "Soma 350mg #60 RF x 2",
        T("pharmaceuticals", "Muscle Relaxant", "carisoprodol", drug_class="muscle relaxant",
          strength="350mg", quantity=60.0, refills=2),
        id="rf-for-refills",
    ),


    pytest.param(
        "Physical therapy 4 weeks, 3 times per week, right knee",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)", "physical therapy",
          body_region="right knee", frequency="3 times per week", sessions=12),
        id="duration-before-the-rate-without-for",
    ),
    pytest.param(
        "Follow-up visits for medication management every 4 weeks for 12 weeks",
        T("evaluation_and_management", "Medical Specialties", "office visit",
          frequency="every 4 weeks", sessions=3),
        id="every-four-weeks",
    ),
    pytest.param(
        "Office visits every 2 months for 6 months",
        T("evaluation_and_management", "Medical Specialties", "office visit", sessions=3),
        id="every-two-months",
    ),
    pytest.param(
        "Pain management follow up every month for 4 months",
        T("evaluation_and_management", "Medical Specialties", "office visit", sessions=4),
        id="every-month-and-a-specialty-follow-up",
    ),
    pytest.param(
        "Orthopaedic follow up x 3 visits",
        T("evaluation_and_management", "Medical Specialties", "office visit", sessions=3),
        id="a-specialty-follow-up-counted",
    ),
    pytest.param(
        "Physical therapy for the neck 2x6 and lumbar spine 2x6",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)", "physical therapy",
          body_region="cervical; lumbar", sessions=24),
        id="an-amount-for-each-region-added",
    ),
    pytest.param(
        "Physical therapy 3x4 for the left knee, 2x4 for the right knee",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)", "physical therapy",
          body_region="left knee; right knee", sessions=20),
        id="an-amount-for-each-side-added",
    ),
    pytest.param(
        "Physical therapy 2x6 or 3x4",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)", "physical therapy",
          sessions=12),
        id="amounts-in-the-alternative-not-added",
    ),
    pytest.param(
        "Home health aide 8 hours per day x 5 days per week",
        T("home_health", None, "home health aide", frequency="5 days per week"),
        id="days-a-week-are-a-rate-not-a-length",
    ),
    pytest.param(
        "Home assistance with activities of daily living 3 hours a day, 5 days a week",
        T("home_health", None, "home health aide", frequency="5 days a week"),
        id="daily-living-is-no-frequency",
    ),
    pytest.param(
        "Norco and Soma",
        T("pharmaceuticals", "Opioids", "hydrocodone/acetaminophen", drug_class="opioid"),
        id="two-products-named-are-two-prescriptions",
    ),
    pytest.param(
        "Lidoderm patches and Flector patches",
        T("pharmaceuticals", "Topical Analgesics", "lidocaine", drug_class="topical analgesic"),
        id="two-patches-named-are-two-prescriptions",
    ),
    pytest.param(
        "Tramadol 50mg #60 / Naproxen 550mg #60",
        T("pharmaceuticals", "Opioids", "tramadol", drug_class="opioid", strength="50mg",
          quantity=60.0),
        id="a-count-then-a-slash-ends-a-prescription",
    ),
    pytest.param(
        "Hydrocodone/APAP 10/325",
        T("pharmaceuticals", "Opioids", "hydrocodone/acetaminophen", drug_class="opioid",
          strength="10/325"),
        id="a-generic-and-its-partner-written-short-are-one-combination",
    ),
    pytest.param(
        "Diclofenac sodium 1% gel 100gm qid",
        T("pharmaceuticals", "Topical Analgesics", "diclofenac", drug_class="topical analgesic",
          strength="1%", quantity=100.0, frequency="qid"),
        id="a-tubes-size-then-how-often",
    ),
    pytest.param(
        "Sucralfate 1gm #120",
        T("pharmaceuticals", "GI Agents", "sucralfate", drug_class="gi agent", strength="1gm",
          quantity=120.0),
        id="grams-taken-are-a-strength",
    ),
    pytest.param(
        "Miralax 17g",
        T("pharmaceuticals", "GI Agents", "polyethylene glycol", drug_class="gi agent",
          strength="17g"),
        id="a-dose-in-grams-is-no-quantity",
    ),
    pytest.param(
        "Miralax 238g bottle",
        T("pharmaceuticals", "GI Agents", "polyethylene glycol", drug_class="gi agent",
          quantity=238.0),
        id="a-bottles-grams-are-its-size",
    ),
    pytest.param(
        "Tramadol ER150mg #30",
        T("pharmaceuticals", "Opioids", "tramadol", drug_class="opioid", strength="150mg",
          quantity=30.0),
        id="a-release-form-glued-to-its-strength",
    ),
    pytest.param(
        "Norco 10/325 #90 x2 refills",
        T("pharmaceuticals", "Opioids", "hydrocodone/acetaminophen", drug_class="opioid",
          strength="10/325", quantity=90.0, refills=2),
        id="x-n-refills",
    ),
    pytest.param(
        "Norco 10/325 #90 w/2 RF",
        T("pharmaceuticals", "Opioids", "hydrocodone/acetaminophen", drug_class="opioid",
          strength="10/325", quantity=90.0, refills=2),
        id="with-n-rf-written-short",
    ),
    pytest.param(
        "Norco every 4 to 6 hours as needed",
        T("pharmaceuticals", "Opioids", "hydrocodone/acetaminophen", drug_class="opioid",
          frequency="every 4 to 6 hours as needed"),
        id="every-few-hours-as-a-range-in-words",
    ),
    pytest.param(
        "Adderall 20mg",
        T("pharmaceuticals", "Stimulants", "dextroamphetamine/amphetamine",
          drug_class="stimulant", strength="20mg"),
        id="mixed-amphetamine-salts",
    ),
    pytest.param(
        "B12 shots x 6",
        T("pharmaceuticals", "Injection", "cyanocobalamin", drug_class="dietary supplement",
          sessions=6),
        id="shots-are-injections-given",
    ),
    pytest.param(
        "Euflexxa x3 L knee",
        T("pharmaceuticals", "Viscosupplementation", "hyaluronic acid",
          drug_class="viscosupplement", body_region="left knee", sessions=3),
        id="a-viscosupplement-counts-injections",
    ),
    pytest.param(
        "Synvisc One #1",
        T("pharmaceuticals", "Viscosupplementation", "hylan g-f 20",
          drug_class="viscosupplement", quantity=1.0),
        id="a-viscosupplement-dispensed",
    ),
    pytest.param(
        "Psychiatric re-evaluation",
        T("psych_services", "Evaluation & Management", "psychiatric follow-up"),
        id="psychiatric-re-evaluation",
    ),
    pytest.param(
        "EMG/NCV of the left upper and left lower extremities",
        T("diagnostic_testing", "EMG/NCV/NCS", "EMG/NCV",
          body_region="left upper extremity; left lower extremity"),
        id="upper-and-lower-limbs-each-sided",
    ),
    pytest.param(
        "Physical therapy visits twelve (12)",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)", "physical therapy",
          sessions=12),
        id="a-spelled-count-after-visits",
    ),
    pytest.param(
        "Office visits 2015",
        T("evaluation_and_management", "Medical Specialties", "office visit"),
        id="a-year-after-visits-is-no-count",
    ),
    pytest.param(
        "Trigger finger release, right thumb and index finger",
        T("surgery", "Non-arthroscopic", "trigger finger release",
          body_region="right thumb; right finger"),
        id="a-side-carries-over-a-named-finger",
    ),
    pytest.param(
        "ORIF right distal radius fracture",
        T("surgery", "Non-arthroscopic", "open reduction internal fixation",
          body_region="right wrist"),
        id="the-distal-radius-is-the-wrist",
    ),
    pytest.param(
        "Left Dupuytren's fasciectomy",
        T("surgery", "Non-arthroscopic", "fasciectomy", body_region="left hand"),
        id="dupuytrens-is-the-hand",
    ),
    pytest.param(
        "Right bunionectomy",
        T("surgery", "Non-arthroscopic", "bunionectomy", body_region="right foot"),
        id="a-bunion-is-the-foot",
    ),
    pytest.param(
        "Left quadriceps tendon repair",
        T("surgery", "Non-arthroscopic", "tendon repair", body_region="left knee"),
        id="the-quadriceps-tendon-is-the-knee",
    ),
    pytest.param(
        "Left quadriceps strain physical therapy",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)", "physical therapy",
          body_region="left thigh"),
        id="the-quadriceps-is-the-thigh",
    ),
    pytest.param(
        "Bilateral third occipital nerve blocks",
        T("injection", "Facet Injection", "medial branch block", body_region="cervical"),
        id="the-third-occipital-nerve-is-the-neck",
    ),
    pytest.param(
        "Oxycodone 5mg + acetaminophen 325mg #60",
        T("pharmaceuticals", "Opioids", "oxycodone/acetaminophen", drug_class="opioid",
          strength="5mg/325mg", quantity=60.0),
        id="a-combination-with-each-strength-written",
    ),
    pytest.param(
        "Naproxen 550mg and omeprazole 20mg",
        T("pharmaceuticals", "NSAID", "naproxen", drug_class="nsaid", strength="550mg"),
        id="two-drugs-no-product-combines-are-two-prescriptions",
    ),
    pytest.param(
        "Genetic opioid risk testing",
        T("diagnostic_testing", "Lab & Pathology", "genetic testing"),
        id="genetic-testing-for-an-opioid-risk",
    ),
    pytest.param(
        "DVT compression stockings",
        T("dmepos", "Supplies", "compression garment"),
        id="dvt-stockings-are-a-garment",
    ),
    pytest.param(
        "Ultrasound bone healing device",
        T("dmepos", "Electrical Stimulation", "bone growth stimulator"),
        id="an-ultrasound-bone-healing-device",
    ),
    pytest.param(
        "QFCE",
        T("diagnostic_testing", "Other", "functional capacity evaluation"),
        id="a-quantitative-fce",
    ),
    pytest.param(
        "Acupuncture, six (6)",
        T("rehabilitation", "Acupuncture", "acupuncture", sessions=6),
        id="a-spelled-count-alone",
    ),
    pytest.param(
        "Physical therapy, 12 for the lumbar spine",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)", "physical therapy",
          body_region="lumbar", sessions=12),
        id="a-bare-count-alone",
    ),
    pytest.param(
        "Physical therapy 3 months",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)", "physical therapy"),
        id="a-length-is-no-bare-count",
    ),
    pytest.param(
        "Facet injection 2 levels",
        T("injection", "Facet Injection", "facet joint injection"),
        id="levels-are-no-bare-count",
    ),
    pytest.param(
        "Home health aide 4 hours/day x 30 days",
        T("home_health", None, "home health aide", sessions=30),
        id="home-care-days-are-visits",
    ),
    pytest.param(
        "Functional restoration program, six (6) days",
        T("programs", None, "functional restoration program", sessions=6),
        id="program-days-spelled-are-visits",
    ),
    pytest.param(
        "Office visit in 30 days",
        T("evaluation_and_management", "Medical Specialties", "office visit"),
        id="an-office-visits-days-are-no-visits",
    ),
    pytest.param(
        "Diclofenac sodium 1.5% 60g",
        T("pharmaceuticals", "Topical Analgesics", "diclofenac", drug_class="topical analgesic",
          strength="1.5%", quantity=60.0),
        id="an-nsaid-in-percent-is-topical",
    ),
    pytest.param(
        "Lidocaine 1% injection 5ml",
        T("pharmaceuticals", "Injection", "lidocaine", drug_class="local anesthetic",
          strength="1%"),
        id="lidocaine-in-percent-by-needle-is-its-injection",
    ),
    pytest.param(
        "Retroactive request for Tramadol 50mg #60",
        T("pharmaceuticals", "Opioids", "tramadol", drug_class="opioid", strength="50mg",
          quantity=60.0, retrospective=True),
        id="retroactive-is-retrospective",
    ),
    pytest.param(
        "Butalbital, acetaminophen and caffeine 50/325/40mg #30",
        T("pharmaceuticals", "Barbiturates", "butalbital/acetaminophen/caffeine",
          drug_class="barbiturate", strength="50/325/40mg", quantity=30.0),
        id="a-combination-written-out-by-its-ingredients",
    ),
    pytest.param(
        "Naproxen 550mg #60, wean by 25%",
        T("pharmaceuticals", "NSAID", "naproxen", drug_class="nsaid", strength="550mg/25%",
          quantity=60.0),
        id="a-percentage-beside-a-dose-is-no-topical",
    ),
    pytest.param(
        "Hydrocodone and acetaminophen",
        T("pharmaceuticals", "Opioids", "hydrocodone/acetaminophen", drug_class="opioid"),
        id="a-combination-joined-by-and-is-one",
    ),
    pytest.param(
        "Butrans 10 mcg/hr 1 patch q 7 days #4",
        T("pharmaceuticals", "Opioids", "buprenorphine", drug_class="opioid",
          strength="10 mcg/hr", quantity=4.0, frequency="q 7 days"),
        id="every-seven-days-short",
    ),
    pytest.param(
        "Aspirin 81mg every other day #30",
        T("pharmaceuticals", "NSAID", "aspirin", drug_class="nsaid", strength="81mg",
          quantity=30.0, frequency="every other day"),
        id="every-other-day",
    ),
    pytest.param(
        "Ibuprofen 600mg TID-QID prn #120",
        T("pharmaceuticals", "NSAID", "ibuprofen", drug_class="nsaid", strength="600mg",
          quantity=120.0, frequency="tid-qid prn"),
        id="a-range-of-times-a-day",
    ),
    pytest.param(
        "Cyclobenzaprine 7.5mg 1 PO q.h.s. #30",
        T("pharmaceuticals", "Muscle Relaxant", "cyclobenzaprine", drug_class="muscle relaxant",
          strength="7.5mg", quantity=30.0, frequency="q.h.s."),
        id="every-bedtime-dotted",
    ),
    pytest.param(
        "Norco 10/325mg up to 4 times a day as needed #120",
        T("pharmaceuticals", "Opioids", "hydrocodone/acetaminophen", drug_class="opioid",
          strength="10/325mg", quantity=120.0, frequency="4 times a day as needed"),
        id="a-rate-as-needed",
    ),
    pytest.param(
        "Inpatient lumbar fusion L4-5 with 2 day length of stay",
        T("surgery", "Spine", "spinal fusion", body_region="lumbar"),
        id="inpatient-says-where-a-procedure-is-done",
    ),
    pytest.param(
        "Inpatient rehabilitation",
        T("programs", None, "inpatient rehabilitation"),
        id="inpatient-rehabilitation-is-a-program",
    ),
    pytest.param(
        "Orthopedist evaluation for the right knee",
        T("surgery", "Surgical Consult", "surgical consultation", body_region="right knee"),
        id="an-orthopedists-evaluation",
    ),
    pytest.param(
        "Second opinion orthopedic surgeon",
        T("surgery", "Surgical Consult", "surgical consultation"),
        id="a-surgeons-second-opinion",
    ),
    pytest.param(
        "Follow-up visits with a psychiatrist x 4",
        T("psych_services", "Evaluation & Management", "psychiatric follow-up", sessions=4),
        id="visits-with-a-psychiatrist",
    ),
    pytest.param(
        "Medication review",
        T("evaluation_and_management", "Medical Specialties", "office visit"),
        id="a-medication-review-is-a-visit",
    ),
    pytest.param(
        "IF unit supplies: electrodes, batteries, lead wires",
        T("dmepos", "Supplies", "electrical stimulation supplies"),
        id="an-if-units-supplies",
    ),
    pytest.param(
        "Decompression of the ulnar nerve at the left elbow",
        T("surgery", "Non-arthroscopic", "cubital tunnel release", body_region="left elbow"),
        id="the-ulnar-nerve-decompressed-at-the-elbow",
    ),
    pytest.param(
        "9 volt batteries for TENS unit",
        T("dmepos", "Supplies", "tens supplies"),
        id="a-batterys-volts-are-no-count",
    ),
    pytest.param(
        "Thigh-high compression stockings",
        T("dmepos", "Supplies", "compression garment"),
        id="a-stockings-length-is-no-region",
    ),
    pytest.param(
        "Intrathecal pain pump trial",
        T("surgery", "Spine", "intrathecal pump"),
        id="an-intrathecal-pain-pump",
    ),
    pytest.param(
        "Right L5-S1 TFESI and knee brace",
        T("injection", "Injection", "epidural steroid injection", body_region="lumbar; knee"),
        id="a-side-before-a-level-is-the-levels",
    ),
    pytest.param(
        "Right SI injection",
        T("injection", "Injection", "sacroiliac joint injection", body_region="right sacroiliac"),
        id="si-without-joint",
    ),
    pytest.param(
        "B/L total knee arthroplasty",
        T("surgery", "Non-arthroscopic", "knee arthroplasty", body_region="bilateral knees"),
        id="b-slash-l-is-both-sides",
    ),
    pytest.param(
        "Bil. knee injections",
        T("injection", "Injection", "joint injection", body_region="bilateral knees"),
        id="bil-is-both-sides",
    ),
    pytest.param(
        "Right ankle-foot orthosis",
        T("dmepos", "Prosthetics/Orthotics", "ankle-foot orthosis",
          body_region="right ankle; right foot"),
        id="a-side-carries-over-a-hyphen",
    ),
    pytest.param(
        "Chiropractic for the neck, upper and lower back",
        T("rehabilitation", "Chiropractic", "chiropractic",
          body_region="cervical; thoracic; lumbar"),
        id="upper-and-lower-back",
    ),
    pytest.param(
        "ACDF",
        T("surgery", "Spine", "spinal fusion", body_region="cervical"),
        id="acdf-is-the-neck",
    ),
    pytest.param(
        "Hospital bed with head elevation",
        T("dmepos", "DME", "hospital bed"),
        id="a-beds-head-is-no-region",
    ),
    pytest.param(
        "Thyroid panel (TSH, free T3, free T4)",
        T("diagnostic_testing", "Lab & Pathology", "thyroid function tests"),
        id="thyroid-hormones-are-no-levels",
    ),
    pytest.param(
        "Right fibular head fracture ORIF",
        T("surgery", "Non-arthroscopic", "open reduction internal fixation",
          body_region="right lower leg"),
        id="the-fibular-head-is-the-lower-leg",
    ),
    pytest.param(
        "Left deltoid trigger point injection",
        T("injection", "Injection", "trigger point injection", body_region="left shoulder"),
        id="the-deltoid-is-the-shoulder",
    ),
    pytest.param(
        "Chiropractic treatment 1 time a week for 4 weeks for the lumbar spine",
        T("rehabilitation", "Chiropractic", "chiropractic", body_region="lumbar",
          frequency="1 time a week", sessions=4),
        id="one-time-a-week-after-treatment",
    ),
    pytest.param(
        "Voltaren gel 1% 30gm",
        T("pharmaceuticals", "Topical Analgesics", "diclofenac", drug_class="topical analgesic",
          strength="1%", quantity=30.0),
        id="a-small-tube-after-a-percentage",
    ),
    pytest.param(
        "Voltaren gel 30gm",
        T("pharmaceuticals", "Topical Analgesics", "diclofenac", drug_class="topical analgesic",
          quantity=30.0),
        id="a-gel-named-by-its-brand-is-weighed",
    ),
    pytest.param(
        "L4-S1 posterior spinal fusion with iliac crest bone graft",
        T("surgery", "Spine", "spinal fusion", body_region="lumbar"),
        id="a-fusions-bone-graft-is-no-service",
    ),
    pytest.param(
        "Home health nursing visits x 6",
        T("home_health", None, "home health nursing", sessions=6),
        id="home-nursing-one-name",
    ),
    pytest.param(
        "Benicar HCT 20/12.5mg #30",
        T("pharmaceuticals", "Antihypertensive", "olmesartan/hydrochlorothiazide",
          drug_class="angiotensin receptor blocker", strength="20/12.5mg", quantity=30.0),
        id="a-brand-with-its-diuretic",
    ),
    pytest.param(
        "Tribenzor 20/5/12.5mg #30",
        T("pharmaceuticals", "Antihypertensive", "olmesartan/amlodipine/hydrochlorothiazide",
          drug_class="angiotensin receptor blocker", strength="20/5/12.5mg", quantity=30.0),
        id="a-three-part-strength-is-no-date",
    ),
    pytest.param(
        "GenVisc 850 injections x5",
        T("pharmaceuticals", "Viscosupplementation", "hyaluronic acid",
          drug_class="viscosupplement", sessions=5),
        id="a-number-in-a-products-name-is-no-count",
    ),
    pytest.param(
        "Foobarex XR 10mg #30",
        T("other", strength="10mg", quantity=30.0),
        id="xr-before-a-dose-is-a-release-form",
    ),
    pytest.param(
        "(L) knee cortisone injection",
        T("injection", "Injection", "corticosteroid injection", body_region="left knee"),
        id="a-side-before-a-part-that-takes-one",
    ),
    pytest.param(
        "Bilateral AFOs",
        T("dmepos", "Prosthetics/Orthotics", "ankle-foot orthosis",
          body_region="bilateral ankles; bilateral feet"),
        id="a-side-before-a-row-naming-two-parts",
    ),
    pytest.param(
        "Quad cane",
        T("dmepos", "DME", "cane"),
        id="a-quad-cane-is-no-thigh",
    ),
    pytest.param(
        "Left knee ACL reconstruction with hamstring autograft",
        T("surgery", "Arthroscopic", "ACL reconstruction", body_region="left knee"),
        id="a-hamstring-graft-is-no-region",
    ),
    pytest.param(
        "Retrospective request for Lunesta 3mg #180 (DOS 3/2/15) was the original request. "
        "Lunesta 3mg #90 was authorized by the Claims Administrator. The remaining IMR eligible "
        "portion of the original request, Lunesta 3mg #90",
        T("pharmaceuticals", "Sedative-hypnotics", "eszopiclone", drug_class="sedative-hypnotic",
          strength="3mg", quantity=90.0, retrospective=True),
        id="the-remaining-portion-of-a-retrospective-request",
    ),
    pytest.param(
        "Norco 10/325mg Qty:90 RF:2",
        T("pharmaceuticals", "Opioids", "hydrocodone/acetaminophen", drug_class="opioid",
          strength="10/325mg", quantity=90.0, refills=2),
        id="a-quantity-glued-to-its-label-is-no-refill-count",
    ),
    pytest.param(
        "Mobic 15mg #60 without refills",
        T("pharmaceuticals", "NSAID", "meloxicam", drug_class="nsaid", strength="15mg",
          quantity=60.0, refills=0),
        id="without-refills",
    ),
    pytest.param(
        "Chiropractic treatment 1-2 times per week for 6 weeks",
        T("rehabilitation", "Chiropractic", "chiropractic", frequency="1-2 times per week",
          sessions=12),
        id="a-range-of-times-after-treatment",
    ),
    pytest.param(
        "Chiropractic treatment 8 to 12 visits",
        T("rehabilitation", "Chiropractic", "chiropractic", sessions=12),
        id="a-range-of-visits-after-treatment",
    ),
    pytest.param(
        "Physical therapy 2 x 6 sessions",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)", "physical therapy",
          sessions=12),
        id="a-spaced-rate-times-length-of-sessions",
    ),
    pytest.param(
        "Physical therapy 12 visits, modified to 6 visits",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)", "physical therapy",
          sessions=12),
        id="a-modified-count-is-no-more-visits",
    ),
    pytest.param(
        "Home health aide 8 hours/day x 6 weeks",
        T("home_health", None, "home health aide", sessions=42),
        id="hours-a-day-with-a-slash",
    ),
    pytest.param(
        "Physical therapy for 4 weeks at 3 times per week",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)", "physical therapy",
          frequency="3 times per week", sessions=12),
        id="a-length-at-a-rate",
    ),
    pytest.param(
        "Office visit CPT 99213 x 6",
        T("evaluation_and_management", "Medical Specialties", "office visit", sessions=6),
        id="a-cpt-code-is-no-count",
    ),
    pytest.param(
        "L4 - 5 facet injection",
        T("injection", "Facet Injection", "facet joint injection", body_region="lumbar"),
        id="a-level-written-apart-is-no-count",
    ),
    pytest.param(
        "H-wave home care system",
        T("dmepos", "Electrical Stimulation", "H-wave unit"),
        id="a-home-care-device-is-the-device",
    ),
    pytest.param(
        "Hardware removal lumbar spine L4-S1",
        T("surgery", "Spine", "hardware removal", body_region="lumbar"),
        id="a-spines-hardware-removal",
    ),
    pytest.param(
        "2D echocardiogram with Doppler",
        T("diagnostic_testing", "Other", "echocardiogram"),
        id="an-echocardiogram-with-doppler",
    ),
    pytest.param(
        "Pneumatic compression pump for lymphedema",
        T("dmepos", "DME", "pneumatic compression pump"),
        id="a-lymphedema-pump-is-no-dvt-device",
    ),
    pytest.param(
        "Dental implants #19 and #30",
        T("evaluation_and_management", "Dental Services", "dental treatment"),
        id="tooth-numbers-are-no-count",
    ),
    pytest.param(
        "Spinal cord stimulator reprogramming",
        T("evaluation_and_management", "Medical Specialties", "neurostimulator programming"),
        id="a-stimulators-programming-is-no-implant",
    ),
    pytest.param(
        "Explantation of intrathecal pump",
        T("surgery", "Spine", "intrathecal pump removal"),
        id="an-intrathecal-pumps-removal",
    ),
    pytest.param(
        "Kyphoplasty with biopsy T11",
        T("surgery", "Spine", "kyphoplasty", body_region="thoracic"),
        id="a-biopsy-taken-during-a-procedure",
    ),
    pytest.param(
        "Botox injection to the left knee",
        T("pharmaceuticals", "Injection", "onabotulinumtoxina", drug_class="botulinum toxin",
          body_region="left knee"),
        id="botox-into-a-joint-is-the-drug",
    ),
    pytest.param(
        "Vehicle wheelchair lift",
        T("dmepos", "DME", "vehicle lift"),
        id="a-vehicle-lift-is-no-stair-lift",
    ),
    pytest.param(
        "Hearing aid evaluation",
        T("diagnostic_testing", "Other", "audiometry"),
        id="a-hearing-aid-evaluation-is-a-test",
    ),
    pytest.param(
        "Sudoscan",
        T("diagnostic_testing", "Other", "autonomic function testing"),
        id="sudoscan",
    ),
    pytest.param(
        "Allergy skin testing",
        T("diagnostic_testing", "Lab & Pathology", "allergy testing"),
        id="allergy-skin-testing",
    ),
    pytest.param(
        "Physical therapy for the lumbar spine x 6 visits; modified certification for 4 visits",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)", "physical therapy",
          body_region="lumbar", sessions=6),
        id="visits-after-x-then-a-modified-count",
    ),
    pytest.param(
        "Battery for Health Improvement 2 (BHI-2)",
        T("psych_services", "Evaluation & Management", "psychological evaluation"),
        id="a-tests-number-is-no-bare-count",
    ),
    pytest.param(
        "B/L great toe x-rays",
        T("diagnostic_testing", "Imaging/Radiology", "x-ray", body_region="bilateral toes"),
        id="both-great-toes",
    ),
    pytest.param(
        "Bilateral index finger x-rays",
        T("diagnostic_testing", "Imaging/Radiology", "x-ray", body_region="bilateral fingers"),
        id="both-index-fingers",
    ),
    pytest.param(
        "CBT with biofeedback 6 sessions",
        T("psych_services", "Therapies", "cognitive behavioral therapy", sessions=6),
        id="biofeedback-with-a-therapy-is-no-item",
    ),
    pytest.param(
        "Physical medicine 2x6 lumbar",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)", "physical therapy",
          body_region="lumbar", sessions=12),
        id="physical-medicine-is-physical-therapy",
    ),
    pytest.param(
        "OT evaluation",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)",
          "occupational therapy"),
        id="an-ot-evaluation-is-occupational-therapy",
    ),
    pytest.param(
        "Anesthesia for ESI",
        T("surgery", "Adjunct Surgical Services", "anesthesia services"),
        id="anesthesia-for-an-injection",
    ),
    pytest.param(
        "Flurbiprofen, cyclobenzaprine, lidocaine 180gm",
        T("pharmaceuticals", "Topical Compounds", "flurbiprofen/cyclobenzaprine/lidocaine",
          drug_class="topical compound", quantity=180.0),
        id="a-compound-without-a-form-word",
    ),
    pytest.param(
        "Physical therapy - 12 sessions",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)", "physical therapy",
          sessions=12),
        id="a-count-after-a-dash",
    ),
    pytest.param(
        "Follow-up visit in 2 to 4 weeks",
        T("evaluation_and_management", "Medical Specialties", "office visit"),
        id="when-a-visit-is-due-is-no-count",
    ),
    pytest.param(
        "Physical therapy, phase 2",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)", "physical therapy"),
        id="a-phase-is-no-count",
    ),
    pytest.param(
        "Acupuncture treatments 45 minutes each x 6",
        T("rehabilitation", "Acupuncture", "acupuncture", sessions=6),
        id="a-sessions-length-is-no-count",
    ),
    pytest.param(
        "Home health care, 2 days after discharge for wound care",
        T("home_health", None, "home health care"),
        id="when-home-care-starts-is-no-count",
    ),
    pytest.param(
        "Additional 10 days of functional restoration program",
        T("programs", None, "functional restoration program", sessions=10),
        id="days-of-a-program",
    ),
    pytest.param(
        "Medial branch blocks L3, 4 and 5",
        T("injection", "Facet Injection", "medial branch block", body_region="lumbar"),
        id="a-list-of-levels-is-no-count",
    ),
    pytest.param(
        "Physical therapy for CRPS type 1",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)", "physical therapy"),
        id="a-types-number-is-no-count",
    ),
    pytest.param(
        "Psychotherapy sessions 1.5 hours each x 6",
        T("psych_services", "Therapies", "psychotherapy", sessions=6),
        id="a-sessions-length-in-decimals",
    ),
    pytest.param(
        "Office visits 1 monthly for 6 months",
        T("evaluation_and_management", "Medical Specialties", "office visit",
          frequency="1 monthly", sessions=6),
        id="one-monthly-for-six-months",
    ),
    pytest.param(
        "Chiropractic 6 visits for the neck and/or back and 6 visits for the knee",
        T("rehabilitation", "Chiropractic", "chiropractic", body_region="cervical; back; knee",
          sessions=12),
        id="and-or-is-no-other-reading",
    ),
    pytest.param(
        "Right deltoid ligament repair ankle",
        T("surgery", "Non-arthroscopic", "ligament reconstruction", body_region="right ankle"),
        id="the-deltoid-ligament-is-the-ankle",
    ),
    pytest.param(
        "Psychotherapy 90837 x 6",
        T("psych_services", "Therapies", "psychotherapy", sessions=6),
        id="a-psychotherapy-code-is-no-count",
    ),
    pytest.param(
        "Right thoracic outlet decompression with first rib resection",
        T("surgery", "Non-arthroscopic", "thoracic outlet decompression",
          body_region="right ribs"),
        id="a-side-before-what-names-no-region-goes-on",
    ),
    pytest.param(
        "Lumbar support cushion",
        T("dmepos", "DME", "lumbar cushion", body_region="lumbar"),
        id="a-lumbar-support-cushion-is-a-cushion",
    ),
    pytest.param(
        "Achilles repair",
        T("surgery", "Non-arthroscopic", "tendon repair", body_region="ankle"),
        id="an-achilles-repair",
    ),
    pytest.param(
        "Right UKA",
        T("surgery", "Non-arthroscopic", "partial knee arthroplasty", body_region="right knee"),
        id="a-uka-is-a-partial-knee",
    ),
    pytest.param(
        "Left TSA",
        T("surgery", "Non-arthroscopic", "shoulder arthroplasty", body_region="left shoulder"),
        id="a-tsa-is-the-shoulder",
    ),
    pytest.param(
        "Lumbar ESI with Depo-Medrol 80, fluoroscopy",
        T("injection", "Injection", "epidural steroid injection", body_region="lumbar"),
        id="a-drugs-dose-is-no-bare-count",
    ),
    pytest.param(
        "Left knee Synvisc injection 48, series",
        T("pharmaceuticals", "Viscosupplementation", "hylan g-f 20",
          drug_class="viscosupplement", body_region="left knee"),
        id="a-number-after-injection-is-no-bare-count",
    ),
    pytest.param(
        "Lumbar ESI with sedation for L4-5 and L5-S1",
        T("injection", "Injection", "epidural steroid injection", body_region="lumbar"),
        id="sedation-with-an-injection-is-no-item",
    ),
    pytest.param(
        "Manipulation under anesthesia",
        T("surgery", "Non-arthroscopic", "manipulation under anesthesia"),
        id="manipulation-under-anesthesia-stays-whole",
    ),
    pytest.param(
        "Urine drug screen for medication review",
        T("diagnostic_testing", "Lab & Pathology", "urine drug screen"),
        id="a-screen-for-a-medication-review",
    ),
    pytest.param(
        "Right L5 TESI",
        T("injection", "Injection", "epidural steroid injection", body_region="lumbar"),
        id="tesi",
    ),
    pytest.param(
        "Left sacro-iliac joint injection",
        T("injection", "Injection", "sacroiliac joint injection",
          body_region="left sacroiliac"),
        id="sacro-iliac-with-a-hyphen",
    ),
    pytest.param(
        "Retro-calcaneal bursa injection right",
        T("injection", "Injection", "bursa injection", body_region="right foot"),
        id="retro-in-a-word-is-not-retrospective",
    ),
    pytest.param(
        "HgbA1c",
        T("diagnostic_testing", "Lab & Pathology", "hemoglobin A1c"),
        id="hgb-a1c",
    ),
    pytest.param(
        "Trigger point injections 4",
        T("injection", "Injection", "trigger point injection", sessions=4),
        id="injections-then-their-count",
    ),
    pytest.param(
        "Medial branch blocks at C3 and C4 levels",
        T("injection", "Facet Injection", "medial branch block", body_region="cervical"),
        id="levels-named-like-complement-are-levels",
    ),
    pytest.param(
        "L4-5 and L5-SI fusion",
        T("surgery", "Spine", "spinal fusion", body_region="lumbar"),
        id="s1-typed-si-is-no-sacroiliac-joint",
    ),
    pytest.param(
        "Left neck and shoulder trigger point injections",
        T("injection", "Injection", "trigger point injection",
          body_region="cervical; left shoulder"),
        id="a-side-before-the-neck-and-a-shoulder",
    ),
    pytest.param(
        "Left shoulder and contralateral knee MRI",
        T("diagnostic_testing", "Imaging/Radiology", "MRI",
          body_region="left shoulder; knee"),
        id="a-contralateral-part-takes-no-side-over",
    ),
    pytest.param(
        "Toradol 60mg IM injection in the deltoid",
        T("pharmaceuticals", "NSAID", "ketorolac", drug_class="nsaid", strength="60mg"),
        id="an-injection-site-is-no-region",
    ),
    pytest.param(
        "Physical therapy 97110 x 12",
        T("rehabilitation", "Physical Therapy/Occupational Therapy (PT/OT)", "physical therapy",
          sessions=12),
        id="a-bare-cpt-code-is-no-count",
    ),
    pytest.param(
        "Trans/Keto/Lido cream",
        T("pharmaceuticals", "Topical Compounds", "trans/ketoprofen/lidocaine",
          drug_class="topical compound", unrecognized="trans"),
        id="a-brands-beginning-is-no-ingredient",
    ),
    pytest.param(
        "Inpatient nursing care x 3 days",
        T("surgery", "Adjunct Surgical Services", "inpatient stay"),
        id="inpatient-nursing-care-is-a-stay",
    ),
]
# fmt: on


@pytest.mark.parametrize(("request_text", "expected"), SHAPES)
def test_request_shapes(request_text: str, expected: TreatmentRecord) -> None:
    assert _classified(request_text) == expected


def test_provenance_names_the_row_that_matched() -> None:
    lexicon = load_lexicon()
    rule = classify_request("MRI of the left knee").rule
    assert rule is not None and rule.startswith("treatments.csv:")
    line = int(rule.split(":")[1])
    (row,) = [t for t in lexicon.treatments if t.line == line]
    assert row.name == "MRI"
    assert classify_request("Norco 10/325mg #90").rule == "drugs.csv:norco"
    assert classify_request("Zorbexilan 15mg").rule is None


def test_a_compound_names_every_ingredient_in_order() -> None:
    # 'zorbacaine' is no drug at all: the name keeps it as written and the item says so.
    found = classify_request("Flurbiprofen 20%/Zorbacaine 2%/Lidocaine 5% cream 180gm")
    assert dataclasses.replace(found, rule=None) == T(
        "pharmaceuticals", "Topical Compounds", "flurbiprofen/zorbacaine/lidocaine",
        drug_class="topical compound", strength="20%/2%/5%", quantity=180.0,
        unrecognized="zorbacaine",
    )  # fmt: skip
    assert found.rule == "drugs.csv:flurbiprofen; drugs.csv:lidocaine"
    # A known compound is mapped whole.
    assert classify_request("Flurbiprofen 20%/Lidocaine 5% cream").unrecognized is None


def test_a_count_of_thousands_of_digits_does_not_stop_the_parse() -> None:
    """int() refuses over 4,300 digits; such a count is out of range, not a crash."""
    record = classify_request("Physical therapy " + "9" * 5000 + " sessions")
    assert record.category == "rehabilitation"
    assert record.sessions is not None and record.sessions > 2**31
