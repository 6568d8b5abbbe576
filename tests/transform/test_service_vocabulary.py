"""The non-drug services of treatments.csv: request texts written for these tests.

Each text is shaped like a workers'-comp IMR request (abbreviations, counts such as 'x 6' or
'2x4', purchase/rental, pre-op/post-op, "Associated surgical service:", retrospective dates),
and none is copied from a letter. The expected category, subcategory and name follow
CONTRACT.md ("Normalized treatment fields: conventions") and DWC's categories (DOMAIN.md
section 2); they were written from the domain, not read from the classifier's output.
"""

from __future__ import annotations

import re
import time

import pytest

from imr_etl.transform.treatments import load_lexicon
from imr_etl.transform.treatments.classifier import classify_request
from imr_etl.transform.treatments.matcher import lower_pattern, split_alternatives, starts_a_word

DIAG = "diagnostic_testing"
DME = "dmepos"
EM = "evaluation_and_management"
HOME = "home_health"
INJ = "injection"
PROG = "programs"
PSYCH = "psych_services"
REHAB = "rehabilitation"
SURG = "surgery"
PTOT = "Physical Therapy/Occupational Therapy (PT/OT)"
UNKNOWN = ("other", None, None)


def case(text: str, category: str, subcategory: str | None, name: str | None) -> object:
    return pytest.param(text, (category, subcategory, name), id=text)


# fmt: off
LAB_TESTS = [
    case("CBC", DIAG, "Lab & Pathology", "CBC"),
    case("Complete blood count with differential", DIAG, "Lab & Pathology", "CBC"),
    case("CMP", DIAG, "Lab & Pathology", "CMP"),
    case("Comprehensive metabolic panel", DIAG, "Lab & Pathology", "CMP"),
    case("BMP x1", DIAG, "Lab & Pathology", "BMP"),
    case("CBC and CMP", DIAG, "Lab & Pathology", "laboratory tests"),
    case("Pre-op labs: CBC, BMP, PT/PTT", DIAG, "Lab & Pathology", "laboratory tests"),
    case("Pre-operative PT/PTT", DIAG, "Lab & Pathology", "PT/PTT"),
    case("Preop PTT", DIAG, "Lab & Pathology", "PT/PTT"),
    case("PT/INR", DIAG, "Lab & Pathology", "PT/INR"),
    case("Urinalysis", DIAG, "Lab & Pathology", "urinalysis"),
    case("UA", DIAG, "Lab & Pathology", "urinalysis"),
    case("Urine Test", DIAG, "Lab & Pathology", "urine drug screen"),
    case("Urine drug screen x4 per year", DIAG, "Lab & Pathology", "urine drug screen"),
    case("UDS", DIAG, "Lab & Pathology", "urine drug screen"),
    case("Retrospective urine toxicology DOS 03/04/2016", DIAG, "Lab & Pathology",
         "urine drug screen"),
    case("Random drug testing", DIAG, "Lab & Pathology", "urine drug screen"),
    case("Uric acid level", DIAG, "Lab & Pathology", "uric acid level"),
    case("Allergy testing", DIAG, "Lab & Pathology", "allergy testing"),
    case("Heart rate variability testing", DIAG, "Other", "autonomic function testing"),
    case("Videofluoroscopy of the cervical spine", DIAG, "Imaging/Radiology", "videofluoroscopy"),
    # The confirmatory test of a urine drug screen.
    case("Quantitative chromatography x 1", DIAG, "Lab & Pathology", "urine drug screen"),
    case("Hepatic function panel", DIAG, "Lab & Pathology", "hepatic function panel"),
    case("Liver function tests", DIAG, "Lab & Pathology", "hepatic function panel"),
    case("Renal panel", DIAG, "Lab & Pathology", "renal function panel"),
    case("Lipid panel", DIAG, "Lab & Pathology", "lipid panel"),
    case("Hemoglobin A1c", DIAG, "Lab & Pathology", "hemoglobin A1c"),
    case("TSH", DIAG, "Lab & Pathology", "thyroid function tests"),
    case("Vitamin D level", DIAG, "Lab & Pathology", "vitamin D level"),
    case("Serum drug levels", DIAG, "Lab & Pathology", "serum drug level"),
    case("Genetic testing for narcotic risk", DIAG, "Lab & Pathology", "genetic testing"),
    case("Pharmacogenetic testing", DIAG, "Lab & Pathology", "genetic testing"),
    case("Cytochrome P450 genotyping", DIAG, "Lab & Pathology", "genetic testing"),
    case("Blood work", DIAG, "Lab & Pathology", "laboratory tests"),
    case("Pre-operative labs", DIAG, "Lab & Pathology", "laboratory tests"),
]

ELECTRODIAGNOSTICS_AND_OTHER_TESTS = [
    case("EMG/NCV of the bilateral upper extremities", DIAG, "EMG/NCV/NCS", "EMG/NCV"),
    case("NCV/EMG bilateral lower extremities", DIAG, "EMG/NCV/NCS", "EMG/NCV"),
    case("EMG of the right upper extremity and NCV of the right upper extremity", DIAG,
         "EMG/NCV/NCS", "EMG/NCV"),
    case("Electrodiagnostic studies of the lower extremities", DIAG, "EMG/NCV/NCS", "EMG/NCV"),
    case("EMG left lower extremity", DIAG, "EMG/NCV/NCS", "EMG"),
    case("NCS of the left lower extremity", DIAG, "EMG/NCV/NCS", "NCV"),
    case("Nerve conduction studies bilateral upper extremities", DIAG, "EMG/NCV/NCS", "NCV"),
    case("SSEP of the bilateral lower extremities", DIAG, "EMG/NCV/NCS", "SSEP"),
    case("Somatosensory evoked potentials upper extremities", DIAG, "EMG/NCV/NCS", "SSEP"),
    case("Surface EMG", DIAG, "EMG/NCV/NCS", "surface EMG"),
    case("Repeat EMG/NCS", DIAG, "EMG/NCV/NCS", "EMG/NCV"),
    case("EKG", DIAG, "Other", "EKG"),
    case("Pre-op EKG", DIAG, "Other", "EKG"),
    case("12-lead ECG", DIAG, "Other", "EKG"),
    case("EEG", DIAG, "Other", "EEG"),
    case("Sleep study", DIAG, "Other", "sleep study"),
    case("Polysomnography", DIAG, "Other", "sleep study"),
    case("Echocardiogram", DIAG, "Other", "echocardiogram"),
    case("Cardiac stress test", DIAG, "Other", "cardiac stress test"),
    case("Pulmonary function test", DIAG, "Other", "pulmonary function test"),
    case("Vestibular testing", DIAG, "Other", "vestibular testing"),
    case("VNG", DIAG, "Other", "vestibular testing"),
    case("Audiogram", DIAG, "Other", "audiometry"),
    case("Grip strength testing", DIAG, "Other", "grip strength testing"),
    case("Jamar dynamometer testing", DIAG, "Other", "grip strength testing"),
    case("Computerized range of motion testing", DIAG, "Other", "range of motion testing"),
    case("ROM testing of the lumbar spine", DIAG, "Other", "range of motion testing"),
    case("Range of motion and muscle testing", DIAG, "Other", "range of motion testing"),
    case("Computerized muscle testing", DIAG, "Other", "muscle strength testing"),
    case("Qualitative functional testing", DIAG, "Other", "functional testing"),
    case("Functional capacity evaluation", DIAG, "Other", "functional capacity evaluation"),
    case("FCE", DIAG, "Other", "functional capacity evaluation"),
]

IMAGING = [
    case("MRI of the lumbar spine", DIAG, "Imaging/Radiology", "MRI"),
    case("Repeat MRI of the cervical spine without contrast", DIAG, "Imaging/Radiology", "MRI"),
    case("Follow-up MRI of the right knee", DIAG, "Imaging/Radiology", "MRI"),
    case("MR arthrogram of the left hip", DIAG, "Imaging/Radiology", "MR arthrogram"),
    case("MRI arthrogram right shoulder", DIAG, "Imaging/Radiology", "MR arthrogram"),
    case("MRA of the right shoulder", DIAG, "Imaging/Radiology", "MRA"),
    case("CT scan of the head", DIAG, "Imaging/Radiology", "CT"),
    case("CAT scan of the lumbar spine", DIAG, "Imaging/Radiology", "CT"),
    case("CT myelogram lumbar", DIAG, "Imaging/Radiology", "myelogram"),
    case("X-rays of the lumbar spine, 3 views", DIAG, "Imaging/Radiology", "x-ray"),
    case("Flexion/extension x-rays cervical spine", DIAG, "Imaging/Radiology", "x-ray"),
    case("Radiographs of the right wrist", DIAG, "Imaging/Radiology", "x-ray"),
    case("Ultrasound of the right shoulder", DIAG, "Imaging/Radiology", "ultrasound"),
    case("Venous Doppler of the left lower extremity", DIAG, "Imaging/Radiology", "ultrasound"),
    case("Bone scan", DIAG, "Imaging/Radiology", "bone scan"),
    case("DEXA scan", DIAG, "Imaging/Radiology", "bone density scan"),
    case("PET scan", DIAG, "Imaging/Radiology", "PET scan"),
    case("Lumbar discogram L3-L4, L4-L5", DIAG, "Imaging/Radiology", "discogram"),
    case("Fluoroscopy of the right knee", DIAG, "Imaging/Radiology", "fluoroscopy"),
    case("Shoulder arthrogram", DIAG, "Imaging/Radiology", "arthrogram"),
]

EQUIPMENT = [
    case("Pulse oximeter", DME, "DME", "pulse oximeter"),
    case("Percutaneous electrical nerve stimulation", DME, "Electrical Stimulation", "PENS"),
    case("Cryo cuff for the left knee", DME, "DME", "cold therapy unit"),
    case("Front-wheeled walker purchase", DME, "DME", "walker"),
    case("Rollator", DME, "DME", "walker"),
    case("Quad cane", DME, "DME", "cane"),
    case("Crutches", DME, "DME", "crutches"),
    case("Wheelchair rental x 1 month", DME, "DME", "wheelchair"),
    case("Power wheelchair", DME, "DME", "power wheelchair"),
    case("Knee scooter", DME, "DME", "knee scooter"),
    case("Knee walker rental x 4 weeks", DME, "DME", "knee scooter"),
    case("Mobility scooter", DME, "DME", "mobility scooter"),
    case("Bedside commode", DME, "DME", "bedside commode"),
    case("3-in-1 commode", DME, "DME", "bedside commode"),
    case("Raised toilet seat", DME, "DME", "raised toilet seat"),
    case("Shower chair", DME, "DME", "shower chair"),
    case("Tub transfer bench", DME, "DME", "shower chair"),
    case("Grab bars for the bathroom", DME, "DME", "grab bars"),
    case("Reacher", DME, "DME", "reacher"),
    case("Hospital bed", DME, "DME", "hospital bed"),
    case("Tempur-Pedic mattress", DME, "DME", "mattress"),
    case("Cervical pillow", DME, "DME", "cervical pillow"),
    case("Recliner chair", DME, "DME", "recliner"),
    case("Lift chair", DME, "DME", "lift chair"),
    case("Ergonomic chair", DME, "DME", "ergonomic chair"),
    case("Ergonomic workstation", DME, "DME", "ergonomic workstation"),
    case("Sit-stand desk", DME, "DME", "ergonomic workstation"),
    case("Bilateral hearing aids", DME, "Prosthetics/Orthotics", "hearing aid"),
    case("Home exercise kit", DME, "DME", "home exercise kit"),
    case("Stationary bike", DME, "DME", "exercise equipment"),
    case("Cervical traction unit", DME, "DME", "traction unit"),
    case("Home cervical traction", DME, "DME", "traction unit"),
    case("Continuous passive motion device rental x 21 days", DME, "DME",
         "continuous passive motion device"),
    case("Hot and cold therapy unit", DME, "DME", "hot/cold therapy unit"),
    case("Vascutherm 4 with DVT prophylaxis 30 days", DME, "DME", "hot/cold therapy unit"),
    case("Cold therapy unit rental x 7 days", DME, "DME", "cold therapy unit"),
    case("Game Ready rental for 14 days", DME, "DME", "cold compression unit"),
    case("CTU", DME, "DME", "cold therapy unit"),
    case("Cryotherapy unit", DME, "DME", "cold therapy unit"),
    case("Heating pad", DME, "DME", "heat therapy pad"),
    case("DVT compression device", DME, "DME", "DVT compression device"),
    case("Hot/cold packs", DME, "Supplies", "hot/cold pack"),
    case("Cold packs", DME, "Supplies", "hot/cold pack"),
    case("TENS unit supplies x 3 months", DME, "Supplies", "tens supplies"),
    case("Electrodes for TENS unit", DME, "Supplies", "tens supplies"),
    case("Electrodes x 8 pair", DME, "Supplies", "electrodes"),
    case("Compression stockings", DME, "Supplies", "compression garment"),
    case("Kinesio tape", DME, "Supplies", "kinesio tape"),
    case("TENS unit", DME, "Electrical Stimulation", "tens unit"),
    case("TENS unit purchase", DME, "Electrical Stimulation", "tens unit"),
    case("Rental of TENS unit x 30 days", DME, "Electrical Stimulation", "tens unit"),
    case("Interferential unit 30 day trial", DME, "Electrical Stimulation",
         "interferential unit"),
    case("IF unit", DME, "Electrical Stimulation", "interferential unit"),
    case("NMES unit", DME, "Electrical Stimulation", "NMES unit"),
    case("H-wave unit home use", DME, "Electrical Stimulation", "H-wave unit"),
    case("RS4i stimulator", DME, "Electrical Stimulation", "combination stimulation unit"),
    case("Combination TENS/EMS unit", DME, "Electrical Stimulation",
         "combination stimulation unit"),
    case("Bone growth stimulator", DME, "Electrical Stimulation", "bone growth stimulator"),
    case("LSO back brace", DME, "Prosthetics/Orthotics", "brace"),
    case("Lumbar support", DME, "Prosthetics/Orthotics", "brace"),
    case("Hinged knee brace", DME, "Prosthetics/Orthotics", "brace"),
    case("Wrist splint", DME, "Prosthetics/Orthotics", "brace"),
    case("Thumb spica splint", DME, "Prosthetics/Orthotics", "brace"),
    case("Shoulder sling", DME, "Prosthetics/Orthotics", "sling"),
    case("Ultrasling with abduction pillow", DME, "Prosthetics/Orthotics", "sling"),
    case("Cervical collar", DME, "Prosthetics/Orthotics", "cervical collar"),
    case("Cam walker boot", DME, "Prosthetics/Orthotics", "walking boot"),
    case("AFO", DME, "Prosthetics/Orthotics", "ankle-foot orthosis"),
    case("Custom orthotics", DME, "Prosthetics/Orthotics", "orthotics"),
    case("Below-knee prosthesis", DME, "Prosthetics/Orthotics", "prosthesis"),
]

CONSULTS_AND_VISITS = [
    case("Pain management consultation", EM, "Medical Specialties",
         "pain management consultation"),
    case("Consultation with pain management", EM, "Medical Specialties",
         "pain management consultation"),
    case("Referral to a pain management specialist", EM, "Medical Specialties",
         "pain management consultation"),
    case("TOC to pain management", EM, "Medical Specialties", "pain management consultation"),
    case("Neurology consultation", EM, "Medical Specialties", "neurology consultation"),
    case("Referral to a neurologist", EM, "Medical Specialties", "neurology consultation"),
    case("Internal medicine consultation", EM, "Medical Specialties",
         "internal medicine consultation"),
    case("Consult with internist", EM, "Medical Specialties", "internal medicine consultation"),
    case("Physiatry consultation", EM, "Medical Specialties", "physiatry consultation"),
    case("Rheumatology referral", EM, "Medical Specialties", "rheumatology consultation"),
    case("Cardiology consult", EM, "Medical Specialties", "cardiology consultation"),
    case("GI consultation", EM, "Medical Specialties", "gastroenterology consultation"),
    case("ENT evaluation", EM, "Medical Specialties", "otolaryngology consultation"),
    case("Podiatry consultation", EM, "Medical Specialties", "podiatry consultation"),
    case("Nutritionist consultation", EM, "Medical Specialties", "nutrition consultation"),
    case("Orthopedic consultation", SURG, "Surgical Consult", "surgical consultation"),
    case("Consultation with an orthopedic surgeon", SURG, "Surgical Consult",
         "surgical consultation"),
    case("Spine surgeon consultation", SURG, "Surgical Consult", "surgical consultation"),
    case("Referral to a hand surgeon", SURG, "Surgical Consult", "surgical consultation"),
    case("Second opinion with orthopedic surgeon", SURG, "Surgical Consult",
         "surgical consultation"),
    case("Neurosurgical consultation", SURG, "Surgical Consult", "surgical consultation"),
    case("TOC to orthopedic surgeon", SURG, "Surgical Consult", "surgical consultation"),
    case("Surgical consultation", SURG, "Surgical Consult", "surgical consultation"),
    case("Follow-up visit", EM, "Medical Specialties", "office visit"),
    case("Follow-up visits x 6", EM, "Medical Specialties", "office visit"),
    case("Office visit", EM, "Medical Specialties", "office visit"),
    case("Retrospective emergency room visit (DOS 2/3/16)", EM, "Medical Specialties",
         "emergency room visit"),
    case("Urgent care visit x 2", EM, "Medical Specialties", "urgent care visit"),
    case("Sleep consultation", EM, "Medical Specialties", "sleep medicine consultation"),
    case("Eye exam", EM, "Medical Specialties", "ophthalmology consultation"),
    case("Pain mgmt consult", EM, "Medical Specialties", "pain management consultation"),
    case("Neuro consult", EM, "Medical Specialties", "neurology consultation"),
    case("Derm consult", EM, "Medical Specialties", "dermatology consultation"),
    case("Medication refill visit", EM, "Medical Specialties", "office visit"),
    case("Re-check in 6 weeks", EM, "Medical Specialties", "office visit"),
    # A consultation with a toxicologist, not a drug test.
    case("Toxicology consult", EM, "Medical Specialties", "toxicology consultation"),
    case("Follow-up with pain management", EM, "Medical Specialties", "office visit"),
    case("Follow-up visit with the orthopedic surgeon", EM, "Medical Specialties",
         "office visit"),
    case("Monthly follow-up visits for medication management", EM, "Medical Specialties",
         "office visit"),
    case("Psychiatric consultation", PSYCH, "Evaluation & Management",
         "psychiatric consultation"),
    case("Referral to a psychiatrist", PSYCH, "Evaluation & Management",
         "psychiatric consultation"),
    case("Psychiatric follow-up visits x 4", PSYCH, "Evaluation & Management",
         "psychiatric follow-up"),
    case("Dental evaluation", EM, "Dental Services", "dental consultation"),
    case("Dental treatment", EM, "Dental Services", "dental treatment"),
    case("Dentures", EM, "Dental Services", "dental treatment"),
]

HOME_HEALTH = [
    case("LVN 4 hours a day", HOME, None, "home health nursing"),
    case("Home infusion therapy", HOME, None, "home infusion therapy"),
    case("Home health aide 4 hours a day 5 days a week", HOME, None, "home health aide"),
    case("Home care assistance 8 hours per day", HOME, None, "home health aide"),
    case("Caregiver 6 hours a day", HOME, None, "home health aide"),
    case("In-home support services", HOME, None, "home health aide"),
    case("Home health nursing visits x 6", HOME, None, "home health nursing"),
    case("LVN visits 3 times a week", HOME, None, "home health nursing"),
    case("Skilled nursing visits 2x a week for 4 weeks", HOME, None, "home health nursing"),
    case("Housekeeping services 4 hours per week", HOME, None, "housekeeping"),
    case("Home health services", HOME, None, "home health care"),
    case("Home physical therapy 2x4", REHAB, PTOT, "physical therapy"),
]

INJECTIONS = [
    # Drawing fluid from a joint (CPT 20610 covers it with or without an injection).
    case("Aspiration of the left knee", INJ, "Injection", "arthrocentesis"),
    case("Right knee aspiration and injection", INJ, "Injection", "arthrocentesis"),
    case("Facet joint injections L4-5, L5-S1", INJ, "Facet Injection",
         "facet joint injection"),
    case("Bilateral L4-5 facet blocks", INJ, "Facet Injection", "facet joint injection"),
    case("Bilateral L4-5 medial branch blocks", INJ, "Facet Injection", "medial branch block"),
    case("Radiofrequency ablation L3-L5", INJ, "Injection", "radiofrequency ablation"),
    case("Lumbar rhizotomy", INJ, "Injection", "radiofrequency ablation"),
    case("Lumbar epidural steroid injection", INJ, "Injection", "epidural steroid injection"),
    case("Transforaminal epidural steroid injection L5-S1", INJ, "Injection",
         "epidural steroid injection"),
    case("Right L4-5 transforaminal injection", INJ, "Injection", "epidural steroid injection"),
    case("Caudal epidural injection", INJ, "Injection", "epidural steroid injection"),
    case("Cervical interlaminar ESI C7-T1", INJ, "Injection", "epidural steroid injection"),
    case("Fluoroscopically guided L5-S1 TFESI", INJ, "Injection",
         "epidural steroid injection"),
    case("Trigger point injections x 4", INJ, "Injection", "trigger point injection"),
    case("TPI to the trapezius", INJ, "Injection", "trigger point injection"),
    case("SI joint injection", INJ, "Injection", "sacroiliac joint injection"),
    case("Sacroiliac joint steroid injection", INJ, "Injection", "sacroiliac joint injection"),
    case("Stellate ganglion block", INJ, "Injection", "sympathetic nerve block"),
    case("Occipital nerve block", INJ, "Injection", "occipital nerve block"),
    case("Cortisone injection right knee", INJ, "Injection", "corticosteroid injection"),
    case("Ultrasound guided cortisone injection right shoulder", INJ, "Injection",
         "corticosteroid injection"),
    case("Right trigger finger injection", INJ, "Injection", "corticosteroid injection"),
    case("Platelet rich plasma injection", INJ, "Injection", "platelet-rich plasma injection"),
    case("Selective nerve root block L5", INJ, "Injection", "selective nerve root block"),
    case("Genicular nerve block", INJ, "Injection", "genicular nerve block"),
    case("Right knee injection", INJ, "Injection", "joint injection"),
    case("Viscosupplementation injection right knee", "pharmaceuticals", "Viscosupplementation",
         None),
]

PROGRAMS = [
    # 'inpatient' after the program qualifies it: no hospital stay.
    case("Detox program inpatient", PROG, None, "detoxification program"),
    case("NESP-R program", PROG, None, "functional restoration program"),
    # 'Keto' is ketoprofen only in a compound.
    case("Keto diet program", PROG, None, "weight loss program"),
    case("Functional restoration program x 80 hours", PROG, None,
         "functional restoration program"),
    case("HELP program evaluation", PROG, None, "functional restoration program evaluation"),
    case("Multidisciplinary evaluation", PROG, None, "functional restoration program evaluation"),
    case("Chronic pain management program", PROG, None, "functional restoration program"),
    case("Work hardening", PROG, None, "work hardening program"),
    case("Work conditioning 10 visits", PROG, None, "work conditioning program"),
    case("Weight loss program", PROG, None, "weight loss program"),
    case("Gym membership x 6 months", PROG, None, "gym membership"),
    case("Partial hospitalization program", PROG, None, "partial hospitalization"),
    case("Inpatient rehabilitation", PROG, None, "inpatient rehabilitation"),
    case("Skilled nursing facility", PROG, None, "skilled nursing facility"),
    case("Detox program", PROG, None, "detoxification program"),
]

PSYCH_SERVICES = [
    case("EMDR therapy x 6", PSYCH, "Therapies", "psychotherapy"),
    case("Marriage and family therapy", PSYCH, "Therapies", "psychotherapy"),
    case("Psychopharmacology management", PSYCH, "Evaluation & Management",
         "psychiatric follow-up"),
    case("Pain psychology x 6", PSYCH, "Therapies", "psychotherapy"),
    case("Pain psychology evaluation", PSYCH, "Evaluation & Management",
         "psychological evaluation"),
    case("Psychological evaluation", PSYCH, "Evaluation & Management",
         "psychological evaluation"),
    case("Psych eval", PSYCH, "Evaluation & Management", "psychological evaluation"),
    case("Psychological evaluation for spinal cord stimulator trial", PSYCH,
         "Evaluation & Management", "psychological evaluation"),
    case("Neuropsychological testing", PSYCH, "Evaluation & Management",
         "neuropsychological evaluation"),
    case("Cognitive behavioral therapy x 6", PSYCH, "Therapies", "cognitive behavioral therapy"),
    case("CBT 6 sessions", PSYCH, "Therapies", "cognitive behavioral therapy"),
    case("Psychotherapy 6 sessions", PSYCH, "Therapies", "psychotherapy"),
    case("Group therapy", PSYCH, "Therapies", "psychotherapy"),
    case("Biofeedback 6 sessions", PSYCH, "Therapies", "biofeedback"),
]

REHABILITATION = [
    case("Vision therapy x 8", REHAB, "Other Therapies", "vision therapy"),
    # The misspellings of the two services requested most.
    case("Phyiscal therapy 2x4", REHAB, PTOT, "physical therapy"),
    case("Accupuncture x 6", REHAB, "Acupuncture", "acupuncture"),
    case("Acupuncture x 6", REHAB, "Acupuncture", "acupuncture"),
    case("Electroacupuncture 2x4", REHAB, "Acupuncture", "acupuncture"),
    case("Additional acupuncture 2x3 for the lumbar spine", REHAB, "Acupuncture", "acupuncture"),
    case("Chiropractic treatment 2x3", REHAB, "Chiropractic", "chiropractic"),
    case("Chiro x 6", REHAB, "Chiropractic", "chiropractic"),
    case("Chirophysio 2x4", REHAB, "Chiropractic", "chiropractic"),
    case("Chiropractic follow-up visits x 6", REHAB, "Chiropractic", "chiropractic"),
    case("Spinal manipulation", REHAB, "Chiropractic", "chiropractic"),
    case("Physical therapy 2x6", REHAB, PTOT, "physical therapy"),
    case("PT 3x4 lumbar", REHAB, PTOT, "physical therapy"),
    case("Post-op PT 12 sessions", REHAB, PTOT, "physical therapy"),
    case("Continue physical therapy two times four visits (8)", REHAB, PTOT, "physical therapy"),
    case("Associated surgical service: Post-operative physical therapy 2x6 right shoulder",
         REHAB, PTOT, "physical therapy"),
    case("Physiotherapy", REHAB, PTOT, "physical therapy"),
    case("Occupational therapy 2x4", REHAB, PTOT, "occupational therapy"),
    case("OT for the right hand x 6", REHAB, PTOT, "occupational therapy"),
    case("PT/OT", REHAB, PTOT, "physical therapy/occupational therapy"),
    case("Aquatic therapy 2x6", REHAB, PTOT, "aquatic therapy"),
    case("Pool therapy", REHAB, PTOT, "aquatic therapy"),
    case("Home exercise program", REHAB, PTOT, "physical therapy"),
    case("Massage therapy x 6", REHAB, "Other Therapies", "massage therapy"),
    case("Myofascial release", REHAB, "Other Therapies", "myofascial release"),
    case("Manual therapy 2x4", REHAB, "Other Therapies", "manual therapy"),
    case("Mechanical traction", REHAB, "Other Therapies", "traction"),
    case("Infrared therapy", REHAB, "Other Therapies", "infrared therapy"),
    case("Shockwave therapy", REHAB, "Other Therapies", "extracorporeal shockwave therapy"),
    case("ESWT right heel x 3", REHAB, "Other Therapies", "extracorporeal shockwave therapy"),
    case("Cold laser therapy", REHAB, "Other Therapies", "laser therapy"),
    case("Therapeutic ultrasound", REHAB, "Other Therapies", "therapeutic ultrasound"),
    case("Ultrasound therapy 2x4", REHAB, "Other Therapies", "therapeutic ultrasound"),
    case("Localized intense neurostimulation therapy (LINT)", REHAB, "Other Therapies",
         "neurostimulation therapy"),
    case("Trigger point impedance imaging", REHAB, "Other Therapies",
         "trigger point impedance imaging"),
    case("Paraffin bath", REHAB, "Other Therapies", "paraffin therapy"),
    case("Iontophoresis", REHAB, "Other Therapies", "iontophoresis"),
    case("Dry needling", REHAB, "Other Therapies", "dry needling"),
    case("Spinal decompression therapy", REHAB, "Other Therapies", "traction"),
]

SURGERY = [
    case("IV sedation", SURG, "Adjunct Surgical Services", "anesthesia services"),
    case("Assistant surgeon", SURG, "Adjunct Surgical Services", "assistant surgeon"),
    case("Associated surgical service: assistant surgeon", SURG, "Adjunct Surgical Services",
         "assistant surgeon"),
    case("Associated surgical service: Physician assistant", SURG, "Adjunct Surgical Services",
         "physician assistant"),
    # Clearance before surgery is an evaluation by a physician (tests/cases/normalized).
    case("Associated surgical service: Pre-op medical clearance", EM, "Medical Specialties",
         "medical clearance"),
    case("Surgical clearance", EM, "Medical Specialties", "medical clearance"),
    case("Associated surgical service: 2 day inpatient stay", SURG, "Adjunct Surgical Services",
         "inpatient stay"),
    case("Intraoperative neuromonitoring", SURG, "Adjunct Surgical Services",
         "intraoperative neuromonitoring"),
    case("Right knee arthroscopy", SURG, "Arthroscopic", "knee arthroscopy"),
    case("Left knee arthroscopy with partial medial meniscectomy", SURG, "Arthroscopic",
         "knee arthroscopy"),
    case("Arthroscopic subacromial decompression right shoulder", SURG, "Arthroscopic",
         "subacromial decompression"),
    case("Right shoulder arthroscopy with rotator cuff repair", SURG, "Arthroscopic",
         "shoulder arthroscopy"),
    case("Arthroscopic rotator cuff repair", SURG, "Arthroscopic", "rotator cuff repair"),
    case("Labral repair", SURG, "Arthroscopic", "labral repair"),
    case("Carpal tunnel release", SURG, "Non-arthroscopic", "carpal tunnel release"),
    case("Right trigger finger release", SURG, "Non-arthroscopic", "trigger finger release"),
    case("Open reduction internal fixation", SURG, "Non-arthroscopic",
         "open reduction internal fixation"),
    case("Total knee replacement", SURG, "Non-arthroscopic", "knee arthroplasty"),
    case("Inguinal hernia repair", SURG, "Non-arthroscopic", "hernia repair"),
    case("Manipulation under anesthesia", SURG, "Non-arthroscopic",
         "manipulation under anesthesia"),
    case("Lumbar fusion L4-S1", SURG, "Spine", "spinal fusion"),
    case("ACDF C5-6", SURG, "Spine", "spinal fusion"),
    case("Transforaminal lumbar interbody fusion L4-5", SURG, "Spine", "spinal fusion"),
    case("L4-5 fusion with BMP", SURG, "Spine", "spinal fusion"),
    case("Lumbar microdiscectomy", SURG, "Spine", "discectomy"),
    case("Laminectomy", SURG, "Spine", "laminectomy"),
    case("Foraminotomy", SURG, "Spine", "foraminotomy"),
    case("Artificial disc replacement", SURG, "Spine", "disc replacement"),
    case("Kyphoplasty", SURG, "Spine", "kyphoplasty"),
    # A vertebroplasty injects cement without the kyphoplasty's balloon: a procedure of its own.
    case("Vertebroplasty L1", SURG, "Spine", "vertebroplasty"),
    case("Left shoulder biceps tenodesis", SURG, "Arthroscopic", "biceps tenodesis"),
    case("Left knee total replacement", SURG, "Non-arthroscopic", "knee arthroplasty"),
    case("L4-L5 decompression", SURG, "Spine", "spinal decompression surgery"),
    case("Lap band", SURG, "Non-arthroscopic", "bariatric surgery"),
    case("Right ankle lateral ligament reconstruction", SURG, "Non-arthroscopic",
         "ligament reconstruction"),
    case("Excision of mass right wrist", SURG, "Non-arthroscopic", "mass excision"),
    case("Left thumb CMC arthroplasty", SURG, "Non-arthroscopic", "CMC arthroplasty"),
    case("Right knee partial replacement", SURG, "Non-arthroscopic", "partial knee arthroplasty"),
    case("Spinal cord stimulator trial", SURG, "Spine", "spinal cord stimulator"),
]

TRANSPORTATION = [
    case("Driver to medical appointments", "transportation", None, "transportation"),
    case("Medical transportation", "transportation", None, "transportation"),
    case("Taxi transportation to appointments", "transportation", None, "transportation"),
    case("Transportation to and from physical therapy", "transportation", None,
         "transportation"),
    case("Ambulance", "transportation", None, "transportation"),
]

# The qualifier is not the service: "Associated surgical service: X", "Pre-op X", "Post-op X",
# "Retrospective X ... DOS", "Additional/Continue X", "Purchase/Rental of X" are X.
QUALIFIED = [
    case("Associated surgical service: Durable medical equipment", DME, "DME", None),
    case("Associated surgical service: Pre-op labs", DIAG, "Lab & Pathology", "laboratory tests"),
    case("Associated surgical service: Chest x-ray", DIAG, "Imaging/Radiology", "x-ray"),
    case("Associated surgical service: Length of stay 1 day", SURG, "Adjunct Surgical Services",
         "inpatient stay"),
    case("Associated surgical service: Anesthesia", SURG, "Adjunct Surgical Services",
         "anesthesia services"),
    case("Associated surgical service: Home health nursing", HOME, None, "home health nursing"),
    case("Associated surgical service: Post-op office visits", EM, "Medical Specialties",
         "office visit"),
    case("Associated surgical service: Vascutherm rental 14 days", DME, "DME",
         "hot/cold therapy unit"),
    case("Post-op DME: cold therapy unit and crutches", DME, "DME", "cold therapy unit"),
    case("Cold therapy unit post-op right shoulder", DME, "DME", "cold therapy unit"),
    case("Post-operative therapy 2x6", REHAB, PTOT, None),
    case("Medical clearance prior to surgery", EM, "Medical Specialties", "medical clearance"),
    case("Retrospective request for Game Ready DOS 4/2/2016", DME, "DME", "cold compression unit"),
    case("Purchase of a front-wheeled walker", DME, "DME", "walker"),
    case("Rental of an H-wave unit for 30 days", DME, "Electrical Stimulation", "H-wave unit"),
    case("Additional chiropractic 6 visits", REHAB, "Chiropractic", "chiropractic"),
    case("Continue acupuncture 1x6", REHAB, "Acupuncture", "acupuncture"),
    case("Follow-up x-rays of the knee", DIAG, "Imaging/Radiology", "x-ray"),
    case("Consultation with a spine surgeon regarding lumbar fusion", SURG, "Surgical Consult",
         "surgical consultation"),
    case("Psych evaluation prior to spinal cord stimulator trial", PSYCH,
         "Evaluation & Management", "psychological evaluation"),
    case("Physical therapy evaluation and treatment 2x4", REHAB, PTOT, "physical therapy"),
    case("PT evaluation", REHAB, PTOT, "physical therapy"),
    case("Chiropractic evaluation and treatment x 6", REHAB, "Chiropractic", "chiropractic"),
    case("Evaluation and treatment with a neurologist", EM, "Medical Specialties",
         "neurology consultation"),
    case("Pain management re-evaluation", EM, "Medical Specialties", "office visit"),
    case("Orthopedic re-evaluation", EM, "Medical Specialties", "office visit"),
    case("Telemedicine visit", EM, "Medical Specialties", "office visit"),
    case("Home health PT/OT", REHAB, PTOT, "physical therapy/occupational therapy"),
]

MORE_SERVICES = [
    case("AP and lateral views of the right knee", DIAG, "Imaging/Radiology", "x-ray"),
    case("CXR", DIAG, "Imaging/Radiology", "x-ray"),
    case("Sleep apnea study", DIAG, "Other", "sleep study"),
    case("Hepatitis C antibody test", DIAG, "Lab & Pathology", "hepatitis panel"),
    case("CT-guided biopsy", DIAG, "Lab & Pathology", "biopsy"),
    case("Pain program evaluation", PROG, None, "functional restoration program evaluation"),
    case("Medically supervised weight loss", PROG, None, "weight loss program"),
    case("Ace wrap", DME, "Supplies", "elastic bandage"),
    case("Wheelchair accessible van transportation", "transportation", None, "transportation"),
    case("Behavioral pain management", PSYCH, "Therapies", "psychotherapy"),
    case("Left knee arthroscopic meniscectomy", SURG, "Arthroscopic", "meniscectomy"),
    case("Anterior cervical discectomy and fusion C5-C7", SURG, "Spine", "spinal fusion"),
    case("L4-5 decompression and fusion", SURG, "Spine", "spinal fusion"),
    case("Lumbar decompression", SURG, "Spine", "spinal decompression surgery"),
    case("Facet rhizotomy L4-5", INJ, "Injection", "radiofrequency ablation"),
    case("Genicular nerve radiofrequency ablation", INJ, "Injection", "radiofrequency ablation"),
    case("Ultrasound-guided PRP injection", INJ, "Injection", "platelet-rich plasma injection"),
    case("Lumbar ESI with anesthesia", INJ, "Injection", "epidural steroid injection"),
    case("Intra-articular hip injection", INJ, "Injection", "joint injection"),
    case("Referral to orthopedics", SURG, "Surgical Consult", "surgical consultation"),
    case("Ortho consult", SURG, "Surgical Consult", "surgical consultation"),
    case("General surgeon consultation for hernia", SURG, "Surgical Consult",
         "surgical consultation"),
    case("Psychiatric medication management", PSYCH, "Evaluation & Management",
         "psychiatric follow-up"),
    case("Hot and cold therapy", DME, None, None),  # a unit, a pack or a wrap: not said
    case("Lumbar-sacral orthosis", DME, "Prosthetics/Orthotics", "brace"),
    case("Gait belt", DME, "DME", "adaptive equipment"),
    case("Standing films of the knees", DIAG, "Imaging/Radiology", "x-ray"),
    case("Referral to a neuropsychologist", PSYCH, "Evaluation & Management",
         "neuropsychological evaluation"),
    case("Pool-based therapy 2x4", REHAB, PTOT, "aquatic therapy"),
    case("Ultrasound with e-stim 2x3", REHAB, "Other Therapies", "therapeutic ultrasound"),
    case("Aide visits 3 times a week", HOME, None, "home health aide"),
]

# Words joined by hyphens are the same words.
HYPHENATED = [
    case("Grip-strength testing", DIAG, "Other", "grip strength testing"),
    case("Range-of-motion testing", DIAG, "Other", "range of motion testing"),
    case("Cold-therapy unit", DME, "DME", "cold therapy unit"),
    case("Trigger-point impedance-imaging", REHAB, "Other Therapies",
         "trigger point impedance imaging"),
    case("Home-health aide", HOME, None, "home health aide"),
    case("Medial-branch blocks", INJ, "Facet Injection", "medial branch block"),
    case("Functional-capacity evaluation", DIAG, "Other", "functional capacity evaluation"),
]

# A near miss is worse than no answer: each of these names another service's word.
NEAR_MISSES = [
    case("Knee scooter rental", DME, "DME", "knee scooter"),  # not a wheelchair
    case("Bedside commode purchase", DME, "DME", "bedside commode"),  # not a toilet seat
    case("Trigger point impedance imaging of the lumbar spine", REHAB, "Other Therapies",
         "trigger point impedance imaging"),  # not a trigger-point injection
    case("Pre-operative PT/PTT", DIAG, "Lab & Pathology", "PT/PTT"),  # not physical therapy
    case("4 pt cane", DME, "DME", "cane"),  # four-point cane, not physical therapy
    case("Aircast cryo cuff", DME, "DME", "cold therapy unit"),  # not an ankle brace
    case("Massage chair", DME, "DME", "massager"),  # not massage therapy
    case("Transport chair", DME, "DME", "wheelchair"),  # not transportation
    case("Ergonomic evaluation of the workstation", *UNKNOWN),
    case("Vocational rehabilitation counseling", *UNKNOWN),
    case("Nurse case manager", *UNKNOWN),
    case("Genetic counseling", *UNKNOWN),
    case("Interpreter services", *UNKNOWN),
    case("Modified duty", *UNKNOWN),
    case("Qualified medical evaluator", *UNKNOWN),
    case("QME re-evaluation", *UNKNOWN),  # a medical-legal evaluation, not an office visit
    case("Yoga classes", *UNKNOWN),
    case("Manipulation under anesthesia right shoulder", SURG, "Non-arthroscopic",
         "manipulation under anesthesia"),  # not chiropractic, not anesthesia services
    case("Contact lenses", DME, "DME", "contact lenses"),  # not eyeglasses
    case("Saliva drug screen", DIAG, "Lab & Pathology", "saliva drug screen"),  # not urine
    case("Hair drug test", DIAG, "Lab & Pathology", "hair drug screen"),
    case("Urine culture", DIAG, "Lab & Pathology", "urine culture"),  # not a urinalysis
    case("QST testing", DIAG, "Other", "quantitative sensory testing"),  # not CPT testing
    case("Hernia truss", DME, "Prosthetics/Orthotics", "hernia truss"),  # not a binder
    case("Tempurpedic pillow", DME, "DME", "pillow"),  # not a mattress
    case("Total gym", DME, "DME", "exercise equipment"),  # not a gym membership
    case("Co-surgeon for the anterior lumbar approach", SURG, "Adjunct Surgical Services",
         "co-surgeon"),  # not an assistant surgeon
    case("Physician assistant for surgery", SURG, "Adjunct Surgical Services",
         "physician assistant"),
    case("Cervical laminoplasty C3-C6", SURG, "Spine", "laminoplasty"),  # not a laminectomy
    case("Lumbar microdecompression L4-5", SURG, "Spine", "spinal decompression surgery"),
    case("Removal of spinal cord stimulator leads", SURG, "Spine",
         "spinal cord stimulator removal"),  # not an implant
    case("Pulsed radiofrequency of the L5 dorsal root ganglion", INJ, "Injection",
         "pulsed radiofrequency"),  # ablates nothing
    case("Associated surgical service: DVT prophylaxis", *UNKNOWN),  # a device or a drug
    case("Lymphedema pump", DME, "DME", "pneumatic compression pump"),  # not for DVT
    case("Inpatient opioid detoxification 7 days", PROG, None, "detoxification program"),
]

# A service with what accompanies it: the stay, the assistant, the anesthesia and the imaging
# that guides it are not the service.
ACCOMPANIED = [
    case("Lumbar fusion L3-L5 with 3 day inpatient stay", SURG, "Spine", "spinal fusion"),
    case("Total knee arthroplasty right knee with 3 day inpatient stay", SURG,
         "Non-arthroscopic", "knee arthroplasty"),
    case("Right knee arthroscopy, partial meniscectomy, assistant surgeon", SURG,
         "Arthroscopic", "knee arthroscopy"),
    case("Right C6-7 epidural steroid injection with monitored anesthesia care", INJ,
         "Injection", "epidural steroid injection"),
    case("Intra-articular hip injection left under fluoroscopy", INJ, "Injection",
         "joint injection"),
    case("Right piriformis injection under fluoroscopy", INJ, "Injection", "piriformis injection"),
    case("Right piriformis muscle injection under ultrasound", INJ, "Injection",
         "piriformis injection"),  # not an ultrasound
    case("Labs: CBC, chem panel, liver function tests", DIAG, "Lab & Pathology",
         "laboratory tests"),  # a list, not its first test
    case("Microlumbar decompression L4-5", SURG, "Spine", "spinal decompression surgery"),
    case("Acupuncture with infrared heat and myofascial release 2x4", REHAB, "Acupuncture",
         "acupuncture"),  # the modalities that come with it are not the service
    case("Physical therapy including myofascial release", REHAB, PTOT, "physical therapy"),
    case("Arthroscopic surgery of the right knee", SURG, "Arthroscopic", "knee arthroscopy"),
    # The drugs of an injection named before it are the injection's, not a prescription.
    case("Lidocaine and Toradol trigger point injections x 4", INJ, "Injection",
         "trigger point injection"),
    case("Marcaine and Depo-Medrol facet injection L4-5", INJ, "Facet Injection",
         "facet joint injection"),
    case("Depo-Medrol with lidocaine epidural steroid injection", INJ, "Injection",
         "epidural steroid injection"),
    case("Lumbar fusion L4-5 with bone growth stimulator", SURG, "Spine", "spinal fusion"),
    case("L4-5 microdiscectomy with intraoperative neuromonitoring", SURG, "Spine", "discectomy"),
    case("Right TKA with CPM rental", SURG, "Non-arthroscopic", "knee arthroplasty"),
    case("Spinal cord stimulator trial with psych clearance", SURG, "Spine",
         "spinal cord stimulator"),
    case("Right shoulder arthroscopy with cold therapy unit", SURG, "Arthroscopic",
         "shoulder arthroscopy"),
    case("Right knee arthroscopy with surgical assistant", SURG, "Arthroscopic",
         "knee arthroscopy"),
    case("Intraoperative neuromonitoring for L4-5 fusion", SURG, "Adjunct Surgical Services",
         "intraoperative neuromonitoring"),  # named first, it is the item
    case("Arthroscopic lysis of adhesions and manipulation under anesthesia, left shoulder",
         SURG, "Arthroscopic", "arthroscopy"),  # not an epidural adhesiolysis
]

# Two services joined in one request: the one named first, whatever the table's order; but
# an operation's parts joined by 'and' are one operation, the table's first row.
JOINED = [
    case("Physical therapy and chiropractic 2x4", REHAB, PTOT, "physical therapy"),
    case("Chiropractic and physical therapy 2x4", REHAB, "Chiropractic", "chiropractic"),
    case("X-ray and MRI of the left knee", DIAG, "Imaging/Radiology", "x-ray"),
    case("MRI and x-ray of the left knee", DIAG, "Imaging/Radiology", "MRI"),
    case("Urine drug screen and office visit", DIAG, "Lab & Pathology", "urine drug screen"),
    case("PT/chiropractic 2x6 lumbar", REHAB, PTOT, "physical therapy"),
    case("Evaluation and treatment with physical therapy 2x6", REHAB, PTOT, "physical therapy"),
    case("EMG and NCV of the bilateral lower extremities", DIAG, "EMG/NCV/NCS", "EMG/NCV"),
    case("Anterior cervical discectomy and fusion C5-C7", SURG, "Spine", "spinal fusion"),
]

# Services written short, misspelled, or in words a first reading of letters did not meet.
MORE_WORDINGS = [
    case("Left shoulder ASAD, Mumford", SURG, "Arthroscopic", "subacromial decompression"),
    case("Coccyx injection", INJ, "Injection", None),  # not a coccyx cushion
    case("Coccyx pillow", DME, "DME", "pillow"),
    case("Left shoulder SAD", SURG, "Arthroscopic", "subacromial decompression"),
    case("Left shoulder scope", SURG, "Arthroscopic", "shoulder arthroscopy"),
    case("Labral tear repair, right hip", SURG, "Arthroscopic", "labral repair"),
    case("Left index finger trigger release", SURG, "Non-arthroscopic",
         "trigger finger release"),
    case("Hernia surgery", SURG, "Non-arthroscopic", "hernia repair"),
    case("Removal of painful hardware, lumbar spine", SURG, "Spine", "hardware removal"),
    case("RN first assist", SURG, "Adjunct Surgical Services", "surgical assistant"),
    case("Post-op visits x 6", EM, "Medical Specialties", "office visit"),
    case("Pharmacological management visits", EM, "Medical Specialties", "office visit"),
    case("IM consult", EM, "Medical Specialties", "internal medicine consultation"),
    case("Sleep disorder specialist evaluation", EM, "Medical Specialties",
         "sleep medicine consultation"),
    case("MMPI testing", PSYCH, "Evaluation & Management", "psychological testing"),
    case("Alcohol rehabilitation program", PROG, None, "detoxification program"),
    case("Physical therapy and occupational therapy 3x4", REHAB, PTOT,
         "physical therapy/occupational therapy"),
    case("Soft tissue mobilization 6 sessions", REHAB, "Other Therapies",
         "soft tissue mobilization"),
    case("Kenalog injection to the right knee", INJ, "Injection", "corticosteroid injection"),
    case("Injection of Kenalog to the right shoulder", INJ, "Injection",
         "corticosteroid injection"),
    case("Depo-Medrol 80mg and Lidocaine 1% injection right shoulder", INJ, "Injection",
         "corticosteroid injection"),
    case("Left knee injection with Depo-Medrol and lidocaine", INJ, "Injection",
         "corticosteroid injection"),
    case("Right AC joint injection", INJ, "Injection", "joint injection"),
    case("Left greater trochanteric bursa injection", INJ, "Injection", "bursa injection"),
    case("Subacromial bursa injection of the left shoulder", INJ, "Injection",
         "bursa injection"),
    case("Orthovisc injection to the right knee", "pharmaceuticals", "Viscosupplementation",
         "hyaluronic acid"),  # DWC's drug class, however injected
    case("Sphenopalatine ganglion block x 6", INJ, "Injection",
         "sphenopalatine ganglion block"),
    case("Ozone injection right knee", INJ, "Injection", "ozone injection"),
    case("Digital motion x-ray of the cervical spine", DIAG, "Imaging/Radiology",
         "videofluoroscopy"),
    case("Ultra sound of the right shoulder", DIAG, "Imaging/Radiology", "ultrasound"),
    case("EMG/NVC of the bilateral upper extremities", DIAG, "EMG/NCV/NCS", "EMG/NCV"),
    case("Labs: hepatic and renal function", DIAG, "Lab & Pathology", "laboratory tests"),
    case("Labs to include CBC and chem 20", DIAG, "Lab & Pathology", "laboratory tests"),
    case("Vit D level", DIAG, "Lab & Pathology", "vitamin D level"),
    case("Vitamin B12 level", DIAG, "Lab & Pathology", "vitamin B12 level"),  # not the drug
    case("Serum testosterone", DIAG, "Lab & Pathology", "testosterone level"),
    case("Magnesium level", DIAG, "Lab & Pathology", "magnesium level"),
    case("HIV test", DIAG, "Lab & Pathology", "HIV test"),
    case("CK level", DIAG, "Lab & Pathology", "creatine kinase level"),
    case("Lipids", DIAG, "Lab & Pathology", "lipid panel"),
    case("DNA cheek swab", DIAG, "Lab & Pathology", "genetic testing"),
    case("T.E.N.S. unit", DME, "Electrical Stimulation", "tens unit"),
    case("H wave", DME, "Electrical Stimulation", "H-wave unit"),
    case("Inferential unit", DME, "Electrical Stimulation", "interferential unit"),
    case("Rebuilder device", DME, "Electrical Stimulation", "electrical stimulation"),
    case("Hot cold therapy unit", DME, "DME", "hot/cold therapy unit"),
    case("Vasopneumatic device", DME, "DME", "pneumatic compression pump"),
    case("Over-the-door cervical traction", DME, "DME", "traction unit"),
    case("Paraffin wax unit", DME, "DME", "paraffin bath unit"),
    case("Infrared heating pad", DME, "DME", "heat therapy pad"),
    case("Home exercise program kit", DME, "DME", "home exercise kit"),
    case("Pilates reformer", DME, "DME", "exercise equipment"),
    case("Home health aid", HOME, None, "home health aide"),
    case("Assistance with activities of daily living", HOME, None, "home health aide"),
    case("Home help with cooking and cleaning", HOME, None, "housekeeping"),
    case("Skilled nursing 1x/week x 4 weeks", HOME, None, "home health nursing"),
    case("Speech and language pathology evaluation", REHAB, "Other Therapies",
         "speech therapy"),  # not a biopsy
    case("Associated surgical service: BMP (bone morphogenetic protein)", SURG,
         "Adjunct Surgical Services", "bone graft"),  # not the metabolic panel
    case("Non-surgical spinal decompression x 20 sessions", REHAB, "Other Therapies",
         "traction"),  # not surgery
    case("Hot tub purchase for home aquatic therapy", DME, "DME", "hot tub"),
    case("Widening of doorways for wheelchair", *UNKNOWN),  # not a wheelchair
    case("Wheelchair training", REHAB, PTOT, "physical therapy"),  # not the wheelchair
    case("Neuropsychological re-evaluation", PSYCH, "Evaluation & Management",
         "neuropsychological evaluation"),
    case("Psych f/u x 4", PSYCH, "Evaluation & Management", "psychiatric follow-up"),
    case("Intrathecal pump refill", INJ, "Injection", "intrathecal pump refill"),
    case("Pain pump refill", INJ, "Injection", "intrathecal pump refill"),  # not the pump
    case("Third occipital nerve block", INJ, "Facet Injection", "medial branch block"),
    case("Right shoulder arthroscopy with debridement and MUA", SURG, "Arthroscopic",
         "shoulder arthroscopy"),
    case("Knee ankle foot orthosis", DME, "Prosthetics/Orthotics",
         "knee-ankle-foot orthosis"),  # not an ankle-foot orthosis
    case("SCS revision", SURG, "Spine", "spinal cord stimulator revision"),
    case("Anodyne therapy unit", DME, "DME", "infrared therapy unit"),
    case("Multiple sleep latency test", DIAG, "Other", "sleep study"),
    case("Bilateral AFOs", DME, "Prosthetics/Orthotics", "ankle-foot orthosis"),
    case("SGB left", INJ, "Injection", "sympathetic nerve block"),
    case("Facett injection L4-5", INJ, "Facet Injection", "facet joint injection"),
    case("Pain managment consult", EM, "Medical Specialties", "pain management consultation"),
    case("Ortho re-eval", EM, "Medical Specialties", "office visit"),
    case("Psycotherapy 6 sessions", PSYCH, "Therapies", "psychotherapy"),
    case("Pyschological evaluation", PSYCH, "Evaluation & Management",
         "psychological evaluation"),
    case("HEP instruction x 2 visits", REHAB, PTOT, "physical therapy"),
    case("HBOT x 20 dives", REHAB, "Other Therapies", "hyperbaric oxygen therapy"),
    case("Lumbar laminectomey L4-5", SURG, "Spine", "laminectomy"),
    case("DCR left shoulder", SURG, "Arthroscopic", "distal clavicle excision"),
    case("APM right knee", SURG, "Arthroscopic", "meniscectomy"),
    case("ECTR right", SURG, "Non-arthroscopic", "carpal tunnel release"),
    case("Carpel tunnel release right", SURG, "Non-arthroscopic", "carpal tunnel release"),
    case("Left knee revision arthroplasty", SURG, "Non-arthroscopic", "knee arthroplasty"),
    case("Asst surgeon", SURG, "Adjunct Surgical Services", "assistant surgeon"),
    case("Blood glucose test", DIAG, "Lab & Pathology", "glucose test"),
    case("Wound vac", DME, "DME", "negative pressure wound therapy"),
    case("Bioness L300", DME, "Electrical Stimulation", "functional electrical stimulation"),
    case("Hydrodilatation of the left shoulder", INJ, "Injection", "hydrodilatation"),
    case("Transcranial magnetic stimulation (TMS) 30 sessions", PSYCH, "Therapies",
         "transcranial magnetic stimulation"),
    case("Manual lymphatic drainage x 6", REHAB, "Other Therapies", "lymphedema therapy"),
    case("Coccygectomy", SURG, "Non-arthroscopic", "coccygectomy"),
    case("Cell saver", SURG, "Adjunct Surgical Services", "cell saver"),
    case("Respite care", HOME, None, "respite care"),
    case("Home health speech therapy", REHAB, "Other Therapies", "speech therapy"),
    case("Arthrogram MRI of the right hip", DIAG, "Imaging/Radiology", "MR arthrogram"),
    case("CPAP supplies, mask and tubing", DME, "Supplies", "CPAP supplies"),
]
# fmt: on


@pytest.mark.parametrize(
    ("request_text", "expected"),
    LAB_TESTS
    + ELECTRODIAGNOSTICS_AND_OTHER_TESTS
    + IMAGING
    + EQUIPMENT
    + CONSULTS_AND_VISITS
    + HOME_HEALTH
    + INJECTIONS
    + PROGRAMS
    + PSYCH_SERVICES
    + REHABILITATION
    + SURGERY
    + TRANSPORTATION
    + QUALIFIED
    + MORE_SERVICES
    + HYPHENATED
    + NEAR_MISSES
    + ACCOMPANIED
    + JOINED
    + MORE_WORDINGS,
)
def test_service_is_named(request_text: str, expected: tuple[str, str | None, str | None]) -> None:
    record = classify_request(request_text)
    assert (record.category, record.subcategory, record.name) == expected


def test_a_drug_beats_a_catch_all_but_not_a_named_service() -> None:
    synvisc = classify_request("Synvisc injection right knee")
    assert (synvisc.category, synvisc.subcategory) == ("pharmaceuticals", "Viscosupplementation")
    esi = classify_request("Lumbar epidural steroid injection with Depo-Medrol 80mg")
    assert (esi.category, esi.name) == (INJ, "epidural steroid injection")


# The contract's categories (CONTRACT.md) and DWC's subcategories for each (DOMAIN.md section 2).
DWC_SUBCATEGORIES: dict[str, set[str]] = {
    "diagnostic_testing": {"Imaging/Radiology", "EMG/NCV/NCS", "Lab & Pathology", "Other"},
    "dmepos": {"DME", "Electrical Stimulation", "Prosthetics/Orthotics", "Supplies"},
    "evaluation_and_management": {"Dental Services", "Medical Specialties"},
    "home_health": set(),
    "injection": {"Facet Injection", "Injection"},
    "pharmaceuticals": {
        "Topical Compounds", "Opioids", "Muscle Relaxant", "Benzodiazepine", "Sedative-hypnotics",
        "AntiAnxiety", "Anti-epilepsy drugs", "Antidepressant", "NSAID", "Topical Analgesics",
        "Proton Pump Inhibitors", "H2 Blocker/Histamine 2", "GI Agents", "Antiemetic",
        "Adrenal Cortical Steroids", "Misc Analgesics", "Barbiturates", "Cannabinoids",
        "Antimigraine", "Opoid Antagonist", "Stimulants", "Atypical Antipsychotic", "Injection",
        "Viscosupplementation", "Nutritional Products",
    },
    "programs": set(),
    "psych_services": {"Evaluation & Management", "Therapies"},
    "rehabilitation": {
        "Acupuncture", "Chiropractic", "Other Therapies",
        "Physical Therapy/Occupational Therapy (PT/OT)",
    },
    "surgery": {
        "Adjunct Surgical Services", "Arthroscopic", "Non-arthroscopic", "Spine",
        "Surgical Consult",
    },
    "therapies": set(),
    "transportation": set(),
    "other": set(),
}  # fmt: skip


def test_every_row_uses_a_dwc_category_and_one_of_its_subcategories() -> None:
    rules = load_lexicon().treatments
    assert len(rules) > 300
    for rule in rules:
        assert rule.category in DWC_SUBCATEGORIES, rule.pattern
        if rule.subcategory is not None:
            assert rule.subcategory in DWC_SUBCATEGORIES[rule.category], rule.pattern


def test_every_pattern_compiles_without_capturing_groups() -> None:
    for rule in load_lexicon().treatments:
        assert re.compile(rule.pattern, re.IGNORECASE).groups == 0, rule.pattern


def test_names_are_lower_case_apart_from_acronyms() -> None:
    # 'MRI', 'EMG/NCV', 'PT/PTT', 'H-wave unit', 'vitamin D level' stay as written; eponyms
    # ('de Quervain release', 'Holter monitor') keep their capital.
    mixed = {"Quervain", "Holter", "A1c", "RS4i"}
    for rule in load_lexicon().treatments:
        for word in re.split(r"[\s/-]+", rule.name or ""):
            assert word == word.lower() or word.isupper() or word in mixed, rule.name


def test_every_service_category_and_subcategory_has_rows() -> None:
    # Drug classes come from drugs.csv; no service is known to belong to 'therapies' or 'other'.
    used = {(rule.category, rule.subcategory) for rule in load_lexicon().treatments}
    for category, subcategories in DWC_SUBCATEGORIES.items():
        if category in ("pharmaceuticals", "therapies", "other"):
            continue
        for subcategory in subcategories or {None}:
            assert (category, subcategory) in used, (category, subcategory)


def test_long_requests_are_classified_quickly() -> None:
    # Patterns with bounded gaps ('EMG ... NCV' within 80 characters) and no nested unbounded
    # quantifiers: a 20,000-character request takes milliseconds, not minutes.
    texts = [
        "emg " + "word " * 4000,
        "consultation with " + "a " * 8000 + "surgeon",
        "arthroscopic " + "knee " * 4000,
        "x" * 20000,
    ]
    start = time.perf_counter()
    for text in texts:
        classify_request(text)
    assert time.perf_counter() - start < 2.0


def test_the_table_compiles_into_one_first_letter_regex() -> None:
    # An alternative that does not start with '\b' and a letter falls into a second regex that is
    # tried at every character of every request (several times slower).
    assert len(load_lexicon().compiled.treatments.parts) == 1


def test_every_region_alternative_starts_a_word() -> None:
    # One that does not makes the region scan try every row at every place: a request took
    # seven times as long when one such row was added.
    alternatives = [
        alternative
        for rule in load_lexicon().body_regions
        for alternative in split_alternatives(lower_pattern(rule.pattern))
    ]
    assert [alt for alt in alternatives if not starts_a_word(alt)] == []
