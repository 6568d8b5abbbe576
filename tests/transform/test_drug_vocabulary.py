"""The drug vocabulary on requests written the way workers'-comp requests name drugs.

The request texts are written for this file (not copied from letters), in the shapes that
utilization-review requests take; the expected fields are read from product labels and the
contract's conventions, not from the lexicon's output.
"""

import csv
import re
from importlib import resources

import pytest

from imr_etl.transform.treatments.classifier import classify_request
from tests.helpers import DWC_DRUG_CLASSES

Expected = tuple[str, str | None, str | None, str | None]
"""(treatment_category, treatment_subcategory, treatment_name, drug_class)."""

RX = "pharmaceuticals"
OPIOID = "Opioids"
RELAXANT = "Muscle Relaxant"
NSAID = "NSAID"
TOPICAL = "Topical Analgesics"
COMPOUND = "Topical Compounds"
AED = "Anti-epilepsy drugs"
FOOD = "Nutritional Products"

# fmt: off
CASES: list[tuple[str, Expected]] = [
    # --- Opioids: brands, generics, combinations, reversed ingredient order ---
    ("Norco 10/325mg #120", (RX, OPIOID, "hydrocodone/acetaminophen", "opioid")),
    ("Vicodin ES 7.5/750 #60", (RX, OPIOID, "hydrocodone/acetaminophen", "opioid")),
    ("Lortab 7.5-325mg #90", (RX, OPIOID, "hydrocodone/acetaminophen", "opioid")),
    ("Hydrocodone/APAP 10/325mg #90 with 1 refill",
     (RX, OPIOID, "hydrocodone/acetaminophen", "opioid")),
    ("Hydrocodone bitartrate-acetaminophen 5/325 #30",
     (RX, OPIOID, "hydrocodone/acetaminophen", "opioid")),
    ("APAP/Hydrocodone 325/10mg #60", (RX, OPIOID, "acetaminophen/hydrocodone", "opioid")),
    ("Acetaminophen 325mg/hydrocodone 10mg #60",
     (RX, OPIOID, "acetaminophen/hydrocodone", "opioid")),
    ("Hysingla ER 30mg #30", (RX, OPIOID, "hydrocodone", "opioid")),
    ("Zohydro ER 20mg #60", (RX, OPIOID, "hydrocodone", "opioid")),
    ("Vicoprofen 7.5/200mg #60", (RX, OPIOID, "hydrocodone/ibuprofen", "opioid")),
    ("Percocet 10/325mg #90", (RX, OPIOID, "oxycodone/acetaminophen", "opioid")),
    ("Percoset 5/325 #60", (RX, OPIOID, "oxycodone/acetaminophen", "opioid")),
    ("Oxycodone/APAP 10/325 #120", (RX, OPIOID, "oxycodone/acetaminophen", "opioid")),
    ("Endocet 7.5/325mg #60", (RX, OPIOID, "oxycodone/acetaminophen", "opioid")),
    ("OxyContin 20mg #60", (RX, OPIOID, "oxycodone", "opioid")),
    ("Xtampza ER 13.5mg #60", (RX, OPIOID, "oxycodone", "opioid")),
    ("Roxicodone 15mg #90", (RX, OPIOID, "oxycodone", "opioid")),
    ("Oxycodone HCl IR 5mg #30", (RX, OPIOID, "oxycodone", "opioid")),
    ("MS Contin 30mg #60", (RX, OPIOID, "morphine", "opioid")),
    ("Morphine sulfate ER 15mg #60", (RX, OPIOID, "morphine", "opioid")),
    ("Kadian 20mg #30", (RX, OPIOID, "morphine", "opioid")),
    ("Embeda 30/1.2mg #30", (RX, OPIOID, "morphine/naltrexone", "opioid")),
    ("Dilaudid 4mg #60", (RX, OPIOID, "hydromorphone", "opioid")),
    ("Exalgo 8mg #30", (RX, OPIOID, "hydromorphone", "opioid")),
    ("Opana ER 10mg #60", (RX, OPIOID, "oxymorphone", "opioid")),
    ("Nucynta 50mg #90", (RX, OPIOID, "tapentadol", "opioid")),
    ("Nucynta ER 100mg #60", (RX, OPIOID, "tapentadol", "opioid")),
    ("Tramadol ER 150mg #30 with 2 refills", (RX, OPIOID, "tramadol", "opioid")),
    ("Tramadol HCL 50mg #120", (RX, OPIOID, "tramadol", "opioid")),
    ("Ultram 50mg #60", (RX, OPIOID, "tramadol", "opioid")),
    ("Ultracet 37.5/325mg #60", (RX, OPIOID, "tramadol/acetaminophen", "opioid")),
    ("Tramadol/APAP 37.5/325 #90", (RX, OPIOID, "tramadol/acetaminophen", "opioid")),
    ("Conzip 200mg #30", (RX, OPIOID, "tramadol", "opioid")),
    ("Duragesic 25mcg/hr patch #10", (RX, OPIOID, "fentanyl", "opioid")),
    ("Fentanyl 50mcg/hr transdermal patch #15", (RX, OPIOID, "fentanyl", "opioid")),
    ("Fentora 100mcg buccal tablets #28", (RX, OPIOID, "fentanyl", "opioid")),
    ("Butrans 10mcg/hr patch #4", (RX, OPIOID, "buprenorphine", "opioid")),
    ("Belbuca 150mcg #60", (RX, OPIOID, "buprenorphine", "opioid")),
    ("Suboxone 8/2mg film #60", (RX, OPIOID, "buprenorphine/naloxone", "opioid")),
    ("Buprenorphine 2mg sublingual #30", (RX, OPIOID, "buprenorphine", "opioid")),
    ("Methadone 10mg #90", (RX, OPIOID, "methadone", "opioid")),
    ("Tylenol #3 #60", (RX, OPIOID, "acetaminophen/codeine", "opioid")),
    ("Tylenol No. 4 #30", (RX, OPIOID, "acetaminophen/codeine", "opioid")),
    ("Tylenol with Codeine #3, #40", (RX, OPIOID, "acetaminophen/codeine", "opioid")),
    ("Acetaminophen/codeine 300/30mg #60", (RX, OPIOID, "acetaminophen/codeine", "opioid")),
    ("Trezix capsules #60", (RX, OPIOID, "acetaminophen/caffeine/dihydrocodeine", "opioid")),
    ("Panlor DC 356.4/30/16mg #90",
     (RX, OPIOID, "acetaminophen/caffeine/dihydrocodeine", "opioid")),
    ("APAP/Caffeine/Dihydrocodeine 320.5/30/16mg #60",
     (RX, OPIOID, "acetaminophen/caffeine/dihydrocodeine", "opioid")),
    ("Levorphanol 2mg #60", (RX, OPIOID, "levorphanol", "opioid")),
    ("Demerol 50mg #20", (RX, OPIOID, "meperidine", "opioid")),
    ("Pentazocine/naloxone 50/0.5mg #60", (RX, OPIOID, "pentazocine/naloxone", "opioid")),
    ("Synapryn 10mg/ml oral suspension 500ml", (RX, OPIOID, "tramadol/glucosamine", "opioid")),
    # --- Muscle relaxants ---
    ("Soma 350mg #60", (RX, RELAXANT, "carisoprodol", "muscle relaxant")),
    ("Carisoprodol 350mg #90", (RX, RELAXANT, "carisoprodol", "muscle relaxant")),
    ("Flexeril 10mg #60", (RX, RELAXANT, "cyclobenzaprine", "muscle relaxant")),
    ("Flexaril 7.5mg #30", (RX, RELAXANT, "cyclobenzaprine", "muscle relaxant")),
    ("Fexmid 7.5mg #90", (RX, RELAXANT, "cyclobenzaprine", "muscle relaxant")),
    ("Amrix 15mg #30", (RX, RELAXANT, "cyclobenzaprine", "muscle relaxant")),
    ("Cyclobenzaprine HCL 7.5mg #60", (RX, RELAXANT, "cyclobenzaprine", "muscle relaxant")),
    ("Tizanidine 4mg #90", (RX, RELAXANT, "tizanidine", "muscle relaxant")),
    ("Zanaflex 4mg #60", (RX, RELAXANT, "tizanidine", "muscle relaxant")),
    ("Skelaxin 800mg #90", (RX, RELAXANT, "metaxalone", "muscle relaxant")),
    ("Metaxalone 800mg #60", (RX, RELAXANT, "metaxalone", "muscle relaxant")),
    ("Robaxin 750mg #60", (RX, RELAXANT, "methocarbamol", "muscle relaxant")),
    ("Methocarbamol 500mg #90", (RX, RELAXANT, "methocarbamol", "muscle relaxant")),
    ("Baclofen 10mg #90", (RX, RELAXANT, "baclofen", "muscle relaxant")),
    ("Norflex ER 100mg #60", (RX, RELAXANT, "orphenadrine", "muscle relaxant")),
    ("Orphenadrine citrate ER 100mg #60", (RX, RELAXANT, "orphenadrine", "muscle relaxant")),
    ("Norgesic Forte #60", (RX, RELAXANT, "orphenadrine/aspirin/caffeine", "muscle relaxant")),
    ("Parafon Forte DSC 500mg #60", (RX, RELAXANT, "chlorzoxazone", "muscle relaxant")),
    ("Lorzone 750mg #30", (RX, RELAXANT, "chlorzoxazone", "muscle relaxant")),
    ("Dantrolene 25mg #30", (RX, RELAXANT, "dantrolene", "muscle relaxant")),
    ("Tabradol 1mg/ml oral suspension 250ml",
     (RX, RELAXANT, "cyclobenzaprine/methylsulfonylmethane", "muscle relaxant")),
    # --- Benzodiazepines, sedative-hypnotics, anxiolytics ---
    ("Klonopin 0.5mg #60", (RX, "Benzodiazepine", "clonazepam", "benzodiazepine")),
    ("Xanax 1mg #30", (RX, "Benzodiazepine", "alprazolam", "benzodiazepine")),
    ("Valium 5mg #30", (RX, "Benzodiazepine", "diazepam", "benzodiazepine")),
    ("Diazepam 10mg #15", (RX, "Benzodiazepine", "diazepam", "benzodiazepine")),
    ("Ativan 1mg #30", (RX, "Benzodiazepine", "lorazepam", "benzodiazepine")),
    ("Restoril 30mg #30", (RX, "Benzodiazepine", "temazepam", "benzodiazepine")),
    ("Ambien 10mg #30", (RX, "Sedative-hypnotics", "zolpidem", "sedative-hypnotic")),
    ("Ambien CR 12.5mg #30", (RX, "Sedative-hypnotics", "zolpidem", "sedative-hypnotic")),
    ("Zolpidem tartrate 5mg #30", (RX, "Sedative-hypnotics", "zolpidem", "sedative-hypnotic")),
    ("Intermezzo 3.5mg #30", (RX, "Sedative-hypnotics", "zolpidem", "sedative-hypnotic")),
    ("Lunesta 3mg #30", (RX, "Sedative-hypnotics", "eszopiclone", "sedative-hypnotic")),
    ("Sonata 10mg #30", (RX, "Sedative-hypnotics", "zaleplon", "sedative-hypnotic")),
    ("Belsomra 10mg #30", (RX, "Sedative-hypnotics", "suvorexant", "sedative-hypnotic")),
    ("Rozerem 8mg #30", (RX, "Sedative-hypnotics", "ramelteon", "sedative-hypnotic")),
    ("Buspirone 10mg #60", (RX, "AntiAnxiety", "buspirone", "anxiolytic")),
    ("Hydroxyzine HCL 25mg #60", (RX, "AntiAnxiety", "hydroxyzine", "anxiolytic")),
    ("Vistaril 25mg #30", (RX, "AntiAnxiety", "hydroxyzine", "anxiolytic")),
    # --- Anti-epilepsy drugs ---
    ("Gabapentin 600mg #90", (RX, AED, "gabapentin", "anticonvulsant")),
    ("Neurontin 300mg #90 with 3 refills", (RX, AED, "gabapentin", "anticonvulsant")),
    ("Gralise 600mg #90", (RX, AED, "gabapentin", "anticonvulsant")),
    ("Horizant 600mg #30", (RX, AED, "gabapentin", "anticonvulsant")),
    ("Fanatrex 25mg/ml oral suspension 420ml", (RX, AED, "gabapentin", "anticonvulsant")),
    ("Lyrica 75mg #60", (RX, AED, "pregabalin", "anticonvulsant")),
    ("Pregabalin 50mg #90", (RX, AED, "pregabalin", "anticonvulsant")),
    ("Topamax 50mg #60", (RX, AED, "topiramate", "anticonvulsant")),
    ("Lamotrigine 25mg #60", (RX, AED, "lamotrigine", "anticonvulsant")),
    ("Tegretol 200mg #60", (RX, AED, "carbamazepine", "anticonvulsant")),
    ("Trileptal 300mg #60", (RX, AED, "oxcarbazepine", "anticonvulsant")),
    ("Keppra 500mg #60", (RX, AED, "levetiracetam", "anticonvulsant")),
    ("Depakote ER 500mg #30", (RX, AED, "valproate", "anticonvulsant")),
    # --- Antidepressants ---
    ("Cymbalta 60mg #30", (RX, "Antidepressant", "duloxetine", "antidepressant")),
    ("Duloxetine DR 30mg #30", (RX, "Antidepressant", "duloxetine", "antidepressant")),
    ("Amitriptyline 25mg #30", (RX, "Antidepressant", "amitriptyline", "antidepressant")),
    ("Elavil 10mg #30", (RX, "Antidepressant", "amitriptyline", "antidepressant")),
    ("Nortriptyline 10mg #30", (RX, "Antidepressant", "nortriptyline", "antidepressant")),
    ("Trazodone 50mg #30", (RX, "Antidepressant", "trazodone", "antidepressant")),
    ("Trazadone 100mg #30", (RX, "Antidepressant", "trazodone", "antidepressant")),
    ("Pristiq 50mg #30", (RX, "Antidepressant", "desvenlafaxine", "antidepressant")),
    ("Zoloft 50mg #30", (RX, "Antidepressant", "sertraline", "antidepressant")),
    ("Prozac 20mg #30", (RX, "Antidepressant", "fluoxetine", "antidepressant")),
    ("Celexa 20mg #30", (RX, "Antidepressant", "citalopram", "antidepressant")),
    ("Lexapro 10mg #30", (RX, "Antidepressant", "escitalopram", "antidepressant")),
    ("Paxil 20mg #30", (RX, "Antidepressant", "paroxetine", "antidepressant")),
    ("Wellbutrin SR 150mg #60", (RX, "Antidepressant", "bupropion", "antidepressant")),
    ("Remeron 15mg #30", (RX, "Antidepressant", "mirtazapine", "antidepressant")),
    ("Doxepin 10mg #30", (RX, "Antidepressant", "doxepin", "antidepressant")),
    ("Imipramine 25mg #30", (RX, "Antidepressant", "imipramine", "antidepressant")),
    ("Savella 50mg #60", (RX, "Antidepressant", "milnacipran", "antidepressant")),
    # --- NSAIDs ---
    ("Naproxen sodium 550mg #60", (RX, NSAID, "naproxen", "nsaid")),
    ("Anaprox DS 550mg #60", (RX, NSAID, "naproxen", "nsaid")),
    ("Naprosyn 500mg #60", (RX, NSAID, "naproxen", "nsaid")),
    ("Naprelan 750mg #30", (RX, NSAID, "naproxen", "nsaid")),
    ("Ibuprofen 800mg #90", (RX, NSAID, "ibuprofen", "nsaid")),
    ("Motrin 800mg #60", (RX, NSAID, "ibuprofen", "nsaid")),
    ("Meloxicam 15mg #30", (RX, NSAID, "meloxicam", "nsaid")),
    ("Mobic 7.5mg #30", (RX, NSAID, "meloxicam", "nsaid")),
    ("Vivlodex 10mg #30", (RX, NSAID, "meloxicam", "nsaid")),
    ("Celebrex 200mg #30", (RX, NSAID, "celecoxib", "nsaid")),
    ("Diclofenac sodium ER 100mg #30", (RX, NSAID, "diclofenac", "nsaid")),
    ("Zorvolex 35mg #90", (RX, NSAID, "diclofenac", "nsaid")),
    ("Zipsor 25mg #120", (RX, NSAID, "diclofenac", "nsaid")),
    ("Arthrotec 75/0.2mg #60", (RX, NSAID, "diclofenac/misoprostol", "nsaid")),
    ("Duexis 800/26.6mg #90", (RX, NSAID, "ibuprofen/famotidine", "nsaid")),
    ("Vimovo 500/20mg #60", (RX, NSAID, "naproxen/esomeprazole", "nsaid")),
    ("Etodolac ER 400mg #30", (RX, NSAID, "etodolac", "nsaid")),
    ("Lodine 400mg #60", (RX, NSAID, "etodolac", "nsaid")),
    ("Nabumetone 750mg #60", (RX, NSAID, "nabumetone", "nsaid")),
    ("Relafen 500mg #60", (RX, NSAID, "nabumetone", "nsaid")),
    ("Toradol 60mg IM injection", (RX, NSAID, "ketorolac", "nsaid")),
    ("Ketorolac 10mg #20", (RX, NSAID, "ketorolac", "nsaid")),
    ("Indocin 50mg #60", (RX, NSAID, "indomethacin", "nsaid")),
    ("Tivorbex 40mg #90", (RX, NSAID, "indomethacin", "nsaid")),
    ("Daypro 600mg #60", (RX, NSAID, "oxaprozin", "nsaid")),
    ("Feldene 20mg #30", (RX, NSAID, "piroxicam", "nsaid")),
    ("Sulindac 200mg #60", (RX, NSAID, "sulindac", "nsaid")),
    ("Nalfon 400mg #90", (RX, NSAID, "fenoprofen", "nsaid")),
    ("Fenoprofen calcium 400mg #120", (RX, NSAID, "fenoprofen", "nsaid")),
    ("Ketoprofen 75mg #60", (RX, NSAID, "ketoprofen", "nsaid")),
    ("Flurbiprofen 100mg #60", (RX, NSAID, "flurbiprofen", "nsaid")),
    # --- Topical analgesics: one drug on the skin ---
    ("Lidoderm 5% patch #30", (RX, TOPICAL, "lidocaine", "topical analgesic")),
    ("Lido patches #60", (RX, TOPICAL, "lidocaine", "topical analgesic")),
    ("Xolido 2% cream 113gm", (RX, TOPICAL, "lidocaine", "topical analgesic")),
    ("Lidocaine 5% patches #90 with 2 refills", (RX, TOPICAL, "lidocaine", "topical analgesic")),
    ("Lidocaine 5% ointment 30gm", (RX, TOPICAL, "lidocaine", "topical analgesic")),
    ("Xylocaine 2% jelly", (RX, TOPICAL, "lidocaine", "topical analgesic")),
    ("Voltaren 1% gel 100gm", (RX, TOPICAL, "diclofenac", "topical analgesic")),
    ("Voltaren Gel 1% #3 tubes", (RX, TOPICAL, "diclofenac", "topical analgesic")),
    ("Diclofenac sodium 1% gel 300gm", (RX, TOPICAL, "diclofenac", "topical analgesic")),
    ("Flector 1.3% patch #30", (RX, TOPICAL, "diclofenac", "topical analgesic")),
    ("Diclofenac epolamine 1.3% patch #60", (RX, TOPICAL, "diclofenac", "topical analgesic")),
    ("Pennsaid 2% solution 112gm", (RX, TOPICAL, "diclofenac", "topical analgesic")),
    ("Capsaicin 0.075% cream 60gm", (RX, TOPICAL, "capsaicin", "topical analgesic")),
    ("Zostrix 0.025% cream", (RX, TOPICAL, "capsaicin", "topical analgesic")),
    ("Qutenza 8% patch", (RX, TOPICAL, "capsaicin", "topical analgesic")),
    ("Biofreeze gel 4oz", (RX, TOPICAL, "menthol", "topical analgesic")),
    ("Ketoprofen 20% cream 120gm", (RX, TOPICAL, "ketoprofen", "topical analgesic")),
    # --- Brands and generics first approved or common after 2016 ---
    ("Aimovig 70mg/ml monthly", (RX, "Antimigraine", "erenumab", "antimigraine")),
    ("Emgality 120mg/ml", (RX, "Antimigraine", "galcanezumab", "antimigraine")),
    ("DHE 45 1mg/ml injection", (RX, "Antimigraine", "dihydroergotamine", "antimigraine")),
    ("Midrin #30", (RX, "Antimigraine", "isometheptene/dichloralphenazone/acetaminophen",
                    "antimigraine")),
    ("Tussionex 5ml q12h prn cough", (RX, OPIOID, "hydrocodone/chlorpheniramine", "opioid")),
    ("Epidiolex 100mg/ml 100ml", (RX, "Cannabinoids", "cannabidiol", "cannabinoid")),
    ("Therabenzaprine-90", (RX, RELAXANT, "theramine/cyclobenzaprine", "muscle relaxant")),
    ("Motegrity 2mg #30", (RX, "GI Agents", "prucalopride", "gi agent")),
    ("Fleet enema #2", (RX, "GI Agents", "sodium phosphate", "gi agent")),
    ("Ozempic 0.5mg weekly", (RX, "Antidiabetics", "semaglutide", "antidiabetic")),
    ("Vytorin 10/20mg #30", (RX, "Statin", "ezetimibe/simvastatin", "statin")),
    ("Brilinta 90mg #60", (RX, "Anti-coagulant", "ticagrelor", "anticoagulant")),
    ("Plaquenil 200mg #60", (RX, None, "hydroxychloroquine", "antirheumatic")),
    ("Calcium with Vitamin D 600mg/400 IU #60", (RX, FOOD, "calcium/vitamin d",
                                                 "dietary supplement")),
    ("Vitamin B-12 injection 1000mcg/ml", (RX, "Injection", "cyanocobalamin",
                                           "dietary supplement")),
    ("Gel-One injection left knee", (RX, "Viscosupplementation", "hyaluronic acid",
                                     "viscosupplement")),
    ("Mentholatum ointment", (RX, COMPOUND, "camphor/menthol", "topical compound")),
    ("Nurtec ODT 75mg #8", (RX, "Antimigraine", "rimegepant", "antimigraine")),
    ("Ubrelvy 50mg #10", (RX, "Antimigraine", "ubrogepant", "antimigraine")),
    ("Tuzistra XR 10ml q12h, 473ml", (RX, OPIOID, "codeine/chlorpheniramine", "opioid")),
    ("Ascomp with Codeine #30", (RX, "Barbiturates", "butalbital/aspirin/caffeine/codeine",
                                 "barbiturate")),
    ("Tylenol PM #30", (RX, "Misc Analgesics", "acetaminophen/diphenhydramine", "analgesic")),
    ("Zyban 150mg #60", (RX, None, "bupropion", "smoking cessation agent")),
    ("Hycodan 5mg/5ml 120ml", (RX, OPIOID, "hydrocodone/homatropine", "opioid")),
    # A drug named by its class alone: DWC's class, no name.
    ("Proton pump inhibitor", (RX, "Proton Pump Inhibitors", None, "proton pump inhibitor")),
    ("H2 blocker", (RX, "H2 Blocker/Histamine 2", None, "h2 blocker")),
    ("Stool softener", (RX, "GI Agents", None, "gi agent")),
    ("Anti-emetic", (RX, "Antiemetic", None, "antiemetic")),
    ("Muscle relaxer", (RX, RELAXANT, None, "muscle relaxant")),
    ("Steroid dose pack", (RX, "Adrenal Cortical Steroids", None, "corticosteroid")),
    # A drug named one letter off before a word of a service it is not.
    ("Toradal 60mg IM injection", (RX, NSAID, "ketorolac", "nsaid")),
    ("Tramadol 50mg #60 until MRI is done", (RX, OPIOID, "tramadol", "opioid")),
    ("Lidoderm patch #30 with TENS unit", (RX, TOPICAL, "lidocaine", "topical analgesic")),
    # A drug that has no topical form but a compounded one, in a cream.
    ("Cyclobenzaprine 10% cream 60 gm", (RX, COMPOUND, "cyclobenzaprine", "topical analgesic")),
    ("Gabapentin cream", (RX, COMPOUND, "gabapentin", "topical analgesic")),
    ("Fentanyl 25mcg/hr patch #10", (RX, OPIOID, "fentanyl", "opioid")),
    # --- Named multi-drug topicals, written without a form word ---
    # Terocin's patch label lists lidocaine 4% and menthol 4%; its lotion four ingredients.
    ("Retrospective Terocin patch #30 DOS 1/2/16",
     (RX, COMPOUND, "lidocaine/menthol", "topical compound")),
    ("Terocin lotion 120ml",
     (RX, COMPOUND, "methyl salicylate/capsaicin/menthol/lidocaine", "topical compound")),
    ("Medrox patches #30", (RX, COMPOUND, "methyl salicylate/menthol/capsaicin",
                            "topical compound")),
    ("Lidothol patch #30", (RX, COMPOUND, "lidocaine/menthol", "topical compound")),
    # A brand family whose products differ in ingredients: the class, no name.
    ("Salonpas patches #20", (RX, TOPICAL, None, "topical analgesic")),
    ("Icy Hot patch #10", (RX, COMPOUND, "menthol/methyl salicylate", "topical compound")),
    ("Mentherm #120", (RX, COMPOUND, "methyl salicylate/menthol", "topical compound")),
    ("Lido Pro #1 bottle", (RX, COMPOUND, "capsaicin/lidocaine/menthol/methyl salicylate",
                             "topical compound")),
    ("Keratek #1", (RX, COMPOUND, "methyl salicylate/menthol", "topical compound")),
    ("Dendracin #120", (RX, COMPOUND, "methyl salicylate/benzocaine/menthol",
                        "topical compound")),
    ("TGIce #180", (RX, COMPOUND, "tramadol/gabapentin/menthol/camphor", "topical compound")),
    ("Flurflex #180", (RX, COMPOUND, "flurbiprofen/cyclobenzaprine", "topical compound")),
    # --- Compounded oral suspensions ---
    ("Deprizine 15mg/ml oral suspension 250ml",
     (RX, "H2 Blocker/Histamine 2", "ranitidine", "h2 blocker")),
    ("Dicopanol 5mg/ml oral suspension 150ml",
     (RX, "Sedative-hypnotics", "diphenhydramine", "antihistamine")),
    # --- Medical foods and supplements ---
    ("Theramine #120", (RX, FOOD, "theramine", "medical food")),
    ("Sentra PM #60", (RX, FOOD, "sentra pm", "medical food")),
    ("Sentra AM #60", (RX, FOOD, "sentra am", "medical food")),
    ("Sentradine #60", (RX, FOOD, "sentradine", "medical food")),
    ("Trepadone #120", (RX, FOOD, "trepadone", "medical food")),
    ("Gabadone #60", (RX, FOOD, "gabadone", "medical food")),
    ("AppTrim #120", (RX, FOOD, "apptrim", "medical food")),
    ("Percura #120", (RX, FOOD, "percura", "medical food")),
    ("Hypertensa #60", (RX, FOOD, "hypertensa", "medical food")),
    ("Somnicin #30", (RX, FOOD, "somnicin", "medical food")),
    ("Glucosamine sulfate 500mg #90", (RX, FOOD, "glucosamine", "dietary supplement")),
    ("Vitamin D3 2000 IU #90", (RX, FOOD, "vitamin d", "dietary supplement")),
    ("Vitamin D 50,000 units #12", (RX, FOOD, "vitamin d", "dietary supplement")),
    ("Melatonin 3mg #30", (RX, FOOD, "melatonin", "dietary supplement")),
    ("Vitamin B-12 1000mcg #30", (RX, FOOD, "cyanocobalamin", "dietary supplement")),
    # --- Gastric protection, GI agents, antiemetics ---
    ("Omeprazole 20mg #30", (RX, "Proton Pump Inhibitors", "omeprazole", "proton pump inhibitor")),
    ("Prilosec 20mg #60", (RX, "Proton Pump Inhibitors", "omeprazole", "proton pump inhibitor")),
    ("Nexium 40mg #30", (RX, "Proton Pump Inhibitors", "esomeprazole", "proton pump inhibitor")),
    ("Protonix 40mg #30", (RX, "Proton Pump Inhibitors", "pantoprazole",
                           "proton pump inhibitor")),
    ("Prevacid 30mg #30", (RX, "Proton Pump Inhibitors", "lansoprazole",
                           "proton pump inhibitor")),
    ("Aciphex 20mg #30", (RX, "Proton Pump Inhibitors", "rabeprazole", "proton pump inhibitor")),
    ("Dexilant 60mg #30", (RX, "Proton Pump Inhibitors", "dexlansoprazole",
                           "proton pump inhibitor")),
    ("Ranitidine 150mg #60", (RX, "H2 Blocker/Histamine 2", "ranitidine", "h2 blocker")),
    ("Famotidine 20mg #60", (RX, "H2 Blocker/Histamine 2", "famotidine", "h2 blocker")),
    ("Pepcid 20mg #60", (RX, "H2 Blocker/Histamine 2", "famotidine", "h2 blocker")),
    ("Colace 100mg #60", (RX, "GI Agents", "docusate", "gi agent")),
    ("Docusate sodium 100mg #60", (RX, "GI Agents", "docusate", "gi agent")),
    ("Senokot-S #60", (RX, "GI Agents", "sennosides/docusate", "gi agent")),
    ("Senna 8.6mg #60", (RX, "GI Agents", "sennosides", "gi agent")),
    ("Miralax 17gm packets #30", (RX, "GI Agents", "polyethylene glycol", "gi agent")),
    ("Lactulose 10gm/15ml 473ml", (RX, "GI Agents", "lactulose", "gi agent")),
    ("Movantik 25mg #30", (RX, "GI Agents", "naloxegol", "gi agent")),
    ("Relistor 150mg #90", (RX, "GI Agents", "methylnaltrexone", "gi agent")),
    ("Amitiza 24mcg #60", (RX, "GI Agents", "lubiprostone", "gi agent")),
    ("Linzess 145mcg #30", (RX, "GI Agents", "linaclotide", "gi agent")),
    ("Sucralfate 1gm #120", (RX, "GI Agents", "sucralfate", "gi agent")),
    ("Misoprostol 200mcg #60", (RX, "GI Agents", "misoprostol", "gi agent")),
    ("Zofran ODT 8mg #30", (RX, "Antiemetic", "ondansetron", "antiemetic")),
    ("Ondansetron 4mg #20", (RX, "Antiemetic", "ondansetron", "antiemetic")),
    ("Promethazine 25mg #30", (RX, "Antiemetic", "promethazine", "antiemetic")),
    ("Phenergan 25mg #20", (RX, "Antiemetic", "promethazine", "antiemetic")),
    ("Reglan 10mg #30", (RX, "Antiemetic", "metoclopramide", "antiemetic")),
    ("Meclizine 25mg #30", (RX, "Antiemetic", "meclizine", "antiemetic")),
    # --- Steroids, misc analgesics, barbiturates ---
    ("Medrol Dosepak 4mg #21", (RX, "Adrenal Cortical Steroids", "methylprednisolone",
                                "corticosteroid")),
    ("Methylprednisolone 4mg dose pack", (RX, "Adrenal Cortical Steroids",
                                          "methylprednisolone", "corticosteroid")),
    ("Prednisone 10mg #21", (RX, "Adrenal Cortical Steroids", "prednisone", "corticosteroid")),
    ("Dexamethasone 4mg #6", (RX, "Adrenal Cortical Steroids", "dexamethasone",
                              "corticosteroid")),
    ("Acetaminophen 500mg #100", (RX, "Misc Analgesics", "acetaminophen", "analgesic")),
    ("Tylenol Extra Strength 500mg #60", (RX, "Misc Analgesics", "acetaminophen", "analgesic")),
    ("APAP 325mg #60", (RX, "Misc Analgesics", "acetaminophen", "analgesic")),
    ("Fioricet #30", (RX, "Barbiturates", "butalbital/acetaminophen/caffeine", "barbiturate")),
    ("Butalbital/APAP/Caffeine 50/325/40mg #30",
     (RX, "Barbiturates", "butalbital/acetaminophen/caffeine", "barbiturate")),
    ("Fiorinal #30", (RX, "Barbiturates", "butalbital/aspirin/caffeine", "barbiturate")),
    # --- Migraine, stimulants, antipsychotics, cannabinoids, antagonists ---
    ("Imitrex 50mg #9", (RX, "Antimigraine", "sumatriptan", "antimigraine")),
    ("Sumatriptan 100mg #9", (RX, "Antimigraine", "sumatriptan", "antimigraine")),
    ("Maxalt MLT 10mg #12", (RX, "Antimigraine", "rizatriptan", "antimigraine")),
    ("Relpax 40mg #6", (RX, "Antimigraine", "eletriptan", "antimigraine")),
    ("Provigil 200mg #30", (RX, "Stimulants", "modafinil", "stimulant")),
    ("Nuvigil 150mg #30", (RX, "Stimulants", "armodafinil", "stimulant")),
    ("Ritalin 10mg #60", (RX, "Stimulants", "methylphenidate", "stimulant")),
    ("Seroquel 50mg #30", (RX, "Atypical Antipsychotic", "quetiapine", "atypical antipsychotic")),
    ("Abilify 5mg #30", (RX, "Atypical Antipsychotic", "aripiprazole",
                         "atypical antipsychotic")),
    ("Marinol 2.5mg #60", (RX, "Cannabinoids", "dronabinol", "cannabinoid")),
    ("Nabilone 1mg #60", (RX, "Cannabinoids", "nabilone", "cannabinoid")),
    ("Narcan 4mg nasal spray #2", (RX, "Opoid Antagonist", "naloxone", "opioid antagonist")),
    ("Naloxone 0.4mg/ml injection", (RX, "Opoid Antagonist", "naloxone", "opioid antagonist")),
    # --- Injectables and viscosupplements ---
    ("Synvisc-One injection to the left knee",
     (RX, "Viscosupplementation", "hylan g-f 20", "viscosupplement")),
    ("Euflexxa injections x3 right knee",
     (RX, "Viscosupplementation", "hyaluronic acid", "viscosupplement")),
    ("Orthovisc series of 4 injections",
     (RX, "Viscosupplementation", "hyaluronic acid", "viscosupplement")),
    ("Supartz injections to the bilateral knees",
     (RX, "Viscosupplementation", "hyaluronic acid", "viscosupplement")),
    ("Hyalgan injection", (RX, "Viscosupplementation", "hyaluronic acid", "viscosupplement")),
    ("Botox 200 units injection", (RX, "Injection", "onabotulinumtoxina", "botulinum toxin")),
    ("B12 injections #4", (RX, "Injection", "cyanocobalamin", "dietary supplement")),
    ("Lidocaine injection 1% 5ml", (RX, "Injection", "lidocaine", "local anesthetic")),
    ("Bupivacaine 0.25% 10ml", (RX, "Injection", "bupivacaine", "local anesthetic")),
    ("Ketamine infusion", (RX, "Injection", "ketamine", "anesthetic")),
    # --- Non-pain drugs ---
    ("Lipitor 20mg #30", (RX, "Statin", "atorvastatin", "statin")),
    ("Simvastatin 40mg #30", (RX, "Statin", "simvastatin", "statin")),
    ("Metoprolol tartrate 25mg #60", (RX, "Beta-blocker", "metoprolol", "beta-blocker")),
    ("Propranolol 10mg #60", (RX, "Beta-blocker", "propranolol", "beta-blocker")),
    ("Amlodipine 5mg #30", (RX, "Calcium Cannel Blocker", "amlodipine",
                            "calcium channel blocker")),
    ("Lisinopril 10mg #30", (RX, "Antihypertensive", "lisinopril", "ace inhibitor")),
    ("Losartan 50mg #30", (RX, "Antihypertensive", "losartan", "angiotensin receptor blocker")),
    ("HCTZ 25mg #30", (RX, "Antihypertensive", "hydrochlorothiazide", "diuretic")),
    ("Clonidine 0.1mg #60", (RX, "Antihypertensive", "clonidine", "antihypertensive")),
    ("Metformin 500mg #60", (RX, "Antidiabetics", "metformin", "antidiabetic")),
    ("Levothyroxine 50mcg #30", (RX, "Hormones", "levothyroxine", "thyroid hormone")),
    ("Sildenafil 100mg #10", (RX, "Impotence Agents", "sildenafil", "pde5 inhibitor")),
    ("Viagra 50mg #6", (RX, "Impotence Agents", "sildenafil", "pde5 inhibitor")),
    ("Cialis 5mg #30", (RX, "Impotence Agents", "tadalafil", "pde5 inhibitor")),
    ("Flomax 0.4mg #30", (RX, "Alpha-blocker", "tamsulosin", "alpha-blocker")),
    ("Keflex 500mg #28", (RX, "Anti-infectives", "cephalexin", "antibiotic")),
    ("Augmentin 875mg #20", (RX, "Anti-infectives", "amoxicillin/clavulanate", "antibiotic")),
    ("Lovenox 40mg injection #14", (RX, "Anti-coagulant", "enoxaparin", "anticoagulant")),
    ("Xarelto 10mg #14", (RX, "Anti-coagulant", "rivaroxaban", "anticoagulant")),
    ("Benadryl 25mg #30", (RX, "Antihistamine", "diphenhydramine", "antihistamine")),
    ("Zyrtec 10mg #30", (RX, "Antihistamine", "cetirizine", "antihistamine")),
    ("Requip 0.5mg #30", (RX, "Dopamine agonists", "ropinirole", "dopamine agonist")),
    ("Fosamax 70mg #4", (RX, "Bisphosphonates", "alendronate", "bisphosphonate")),
    ("Oxybutynin 5mg #60", (RX, None, "oxybutynin", "urinary antispasmodic")),
    ("Lithium carbonate 300mg #60", (RX, None, "lithium", "mood stabilizer")),
    ("Methotrexate 2.5mg #30", (RX, None, "methotrexate", "antirheumatic")),
    # Given into a vein, lidocaine is an injected anesthetic, not a topical analgesic.
    ("IV lidocaine infusion x 3", (RX, "Injection", "lidocaine", "local anesthetic")),
    ("Apadaz 6.12/325mg #60", (RX, OPIOID, "benzhydrocodone/acetaminophen", "opioid")),
    ("Capital and codeine suspension", (RX, OPIOID, "acetaminophen/codeine", "opioid")),
    ("Genicin 500mg #90", (RX, FOOD, "glucosamine", "medical food")),
    ("Laxacin #100", (RX, "GI Agents", "docusate/sennosides", "gi agent")),
    ("GABA supplement #60", (RX, FOOD, "gamma-aminobutyric acid", "dietary supplement")),
]

# Release forms written 'XR' right after the drug's name: treatments.csv reads '\bxr\b' as
# x-ray elsewhere, and a named treatment would win over a drug.
XR_CASES: list[tuple[str, Expected]] = [
    ("Effexor XR 75mg #30", (RX, "Antidepressant", "venlafaxine", "antidepressant")),
    ("Voltaren XR 100mg #30", (RX, NSAID, "diclofenac", "nsaid")),
]

# A route or form word read in context, not on its own: each with what used to go wrong.
CLASSIFIER_GAPS: list[tuple[str, Expected, str]] = [
    ("Diclofenac 1.3% patch #60", (RX, TOPICAL, "diclofenac", "topical analgesic"),
     "'patch' is not read as a topical form"),
    ("Soma Compound #60", (RX, RELAXANT, "carisoprodol/aspirin", "muscle relaxant"),
     "'compound' in a brand name is read as a compounded topical"),
    ("Androgel 1.62% gel 88gm", (RX, "Androgens & Anabolic Steroids", "testosterone", "androgen"),
     "a form word makes any drug a topical analgesic"),
    ("Hydrocortisone 2.5% cream 30gm",
     (RX, "Adrenal Cortical Steroids", "hydrocortisone", "corticosteroid"),
     "a form word makes any drug a topical analgesic"),
    ("Ketamine 10%/Ketoprofen 10%/Baclofen 2% 120gm",
     (RX, COMPOUND, "ketamine/ketoprofen/baclofen", "topical compound"),
     "percentages and grams alone do not make a compound topical"),
    ("Flurbiprofen 20%, Lidocaine 5%, Lipoderm base 240gm",
     (RX, COMPOUND, "flurbiprofen/lidocaine", "topical compound"),
     "a compounding base (vehicle) is taken for an unknown ingredient"),
    ("Ketoprofen 10%/Cyclobenzaprine 3%/Versapro cream 120gm",
     (RX, COMPOUND, "ketoprofen/cyclobenzaprine", "topical compound"),
     "a compounding base (vehicle) is taken for an unknown ingredient"),
    ("Hydrocodone 10/325mg #120", (RX, OPIOID, "hydrocodone/acetaminophen", "opioid"),
     "a '/325' strength implies the acetaminophen the text leaves out"),
]

# Compounds written out by their ingredients: every ingredient is named, in the order written.
COMPOUNDS: list[tuple[str, str]] = [
    ("Flurbiprofen 20%/Cyclobenzaprine 4%/Lidocaine 5% cream 180gm",
     "flurbiprofen/cyclobenzaprine/lidocaine"),
    ("Compound: Ketoprofen 10%, Gabapentin 6%, Bupivacaine 5%, Baclofen 2%, Cyclobenzaprine 2%, "
     "Clonidine 0.2% cream 240gm",
     "ketoprofen/gabapentin/bupivacaine/baclofen/cyclobenzaprine/clonidine"),
    ("Amitriptyline 4%/Dextromethorphan 10%/Tramadol 20% cream 120gm",
     "amitriptyline/dextromethorphan/tramadol"),
    ("Capsaicin 0.025%/Menthol 10%/Camphor 3%/Tramadol 15% topical 240gm",
     "capsaicin/menthol/camphor/tramadol"),
    ("Lidocaine 2.5%/Prilocaine 2.5% cream 30gm", "lidocaine/prilocaine"),
    ("Retrospective: Diclofenac 10%/Lidocaine 5% compounded cream (DOS 3/4/16)",
     "diclofenac/lidocaine"),
    ("Gabapentin 10%/Ketamine 10%/Lidocaine 5% in Lipoderm base 240g",
     "gabapentin/ketamine/lidocaine"),
    ("Flurbiprofen 20%/Baclofen 2%/Dexamethasone 2%/Menthol 2%/Camphor 2%/Capsaicin 0.0375%/"
     "Hyaluronic acid 0.2% cream 240gm",
     "flurbiprofen/baclofen/dexamethasone/menthol/camphor/capsaicin/hyaluronic acid"),
    ("Cyclobenzaprine 2%/Gabapentin 15%/Amitriptyline 10% transdermal cream 180 grams",
     "cyclobenzaprine/gabapentin/amitriptyline"),
    ("Tramadol 8%/Gabapentin 10%/Menthol 2%/Camphor 2% 210gm",
     "tramadol/gabapentin/menthol/camphor"),
    ("Diclofenac 3%/Guaifenesin 10%/Nifedipine 2% cream", "diclofenac/guaifenesin/nifedipine"),
    ("Ketoprofen/Orphenadrine/Lidocaine topical cream", "ketoprofen/orphenadrine/lidocaine"),
    ("TGHot cream 180gm", "tramadol/gabapentin/menthol/camphor/capsaicin"),
    ("Terocin lotion 120ml", "methyl salicylate/capsaicin/menthol/lidocaine"),
    ("LidoPro ointment 121gm", "capsaicin/lidocaine/menthol/methyl salicylate"),
    ("Methyl salicylate/Menthol cream 4oz", "methyl salicylate/menthol"),
    # Compounding pharmacies' short names of the ingredients.
    ("Flurbi/Lido cream", "flurbiprofen/lidocaine"),
    ("Cyclo/Keto/Lido cream 240gm", "cyclobenzaprine/ketoprofen/lidocaine"),
    ("Gaba/Keto/Lido cream", "gabapentin/ketoprofen/lidocaine"),
    ("Gabacyclotram cream 180gm", "gabapentin/cyclobenzaprine/tramadol"),
    # An ingredient written one letter off is that drug.
    ("Flurbiprofen 20%/Lidocane 5% cream 180gm", "flurbiprofen/lidocaine"),
    # A compounding base is no ingredient, even one letter off a drug (Lidoderm).
    ("Ketoprofen/Cyclobenzaprine/Lipoderm cream", "ketoprofen/cyclobenzaprine"),
    # Short names: 'Flur' in drugs.csv; 'Caps' (no row: capsules) as the one drug it begins.
    ("Lido/Flur/Cyclo cream", "lidocaine/flurbiprofen/cyclobenzaprine"),
    ("Caps/Menth/Camph cream", "capsaicin/menthol/camphor"),
    ("Flur/Cyclo/Caps cream 120gm", "flurbiprofen/cyclobenzaprine/capsaicin"),
]

# A short name no compounded drug begins with is kept as written, not read as another drug:
# 'Tran' is no tranylcypromine (no compound holds it), 'Trans' no Transderm Scop (a brand).
SHORT_NAMES_UNKNOWN = [
    ("Diclofenac 3%, Baclofen 2%, Tran 5% cream", "diclofenac/baclofen/tran", "tran"),
    ("Trans/Keto/Lido cream", "trans/ketoprofen/lidocaine", "trans"),
]


@pytest.mark.parametrize(("text", "name", "unknown"), SHORT_NAMES_UNKNOWN)
def test_a_short_name_no_compounded_drug_begins_with_stays_unknown(
    text: str, name: str, unknown: str
) -> None:
    record = classify_request(text)
    assert (record.name, record.unrecognized) == (name, unknown)

# A drug named by its class alone: DWC's class and the drug class of (three in four of) its
# drugs.csv rows, no drug name; Nutritional Products hold medical foods and supplements alike.
CLASS_ONLY: list[tuple[str, Expected]] = [
    ("Muscle relaxant", (RX, RELAXANT, None, "muscle relaxant")),
    ("Anti-inflammatory medication", (RX, NSAID, None, "nsaid")),
    ("Topical NSAID", (RX, TOPICAL, None, "topical analgesic")),
    ("Sleep medication", (RX, "Sedative-hypnotics", None, "sedative-hypnotic")),
    ("Medical food", (RX, FOOD, None, None)),
]

# Drugs given together by needle: their percentages do not make a topical compound of them.
INJECTED_TOGETHER: list[tuple[str, Expected]] = [
    ("Depo-Medrol 80mg and Lidocaine 1% IM injection",
     (RX, "Adrenal Cortical Steroids", "methylprednisolone/lidocaine", "corticosteroid")),
]

# Requests that name no drug, or that name a drug only as the object of another service:
# no drug class, and not a pharmaceutical.
NOT_DRUGS: list[str] = [
    "Somatosensory evoked potentials of the bilateral lower extremities",
    "Flexion-extension x-rays of the lumbar spine",
    "Urine drug screen to monitor Norco use",
    "Detoxification program for weaning of opioids",
    "Hot/cold therapy unit with gel wrap",
    "Thermacare heat wraps #30",
    "Cold pack for the right shoulder",
    "Trigger point injections with lidocaine to the trapezius",
    "Pharmacogenetic testing for opioid metabolism",
]

# A product's name spelled across words a request also uses on their own.
NOT_A_SECOND_DRUG: list[tuple[str, Expected]] = [
    ("Diclofenac 1% gel, one tube", (RX, TOPICAL, "diclofenac", "topical analgesic")),
]

# Real drugs the vocabulary does not hold stay unmapped rather than guessed.
UNKNOWN_DRUGS: list[str] = [
    "Xifaxan 550mg #28",
    "Zorbexilan cream 120gm",
    "Normal saline 0.9% 1000ml",
]

# A drug's name written one letter off (added, dropped, changed, two swapped), none of these
# spellings a row of drugs.csv: the drug it spells, with its strength and count.
MISSPELLED: list[tuple[str, Expected]] = [
    ("Omeprezole 20mg #30", (RX, "Proton Pump Inhibitors", "omeprazole", "proton pump inhibitor")),
    ("Tramadal 50mg #60", (RX, OPIOID, "tramadol", "opioid")),
    ("Retrospective Ambian 10mg #30 (DOS 3/2/16)",
     (RX, "Sedative-hypnotics", "zolpidem", "sedative-hypnotic")),
    ("Fenatnyl patch 25mcg #10", (RX, OPIOID, "fentanyl", "opioid")),
    ("Neproxen 550mg #60", (RX, NSAID, "naproxen", "nsaid")),
]
# Words one letter off a drug's name that are not a drug request: no dose or form follows, the
# word is short, or a service is named.
NOT_MISSPELLED: list[str] = [
    "Reflex testing",  # Keflex
    "Ability to return to work evaluation",  # Abilify
    "Xanex 1mg #30",  # five letters: too short to correct
    "Solace multi-stim unit 30 day rental",  # Colace; a service is named
]
# fmt: on


def _fields(text: str) -> Expected:
    record = classify_request(text)
    return (record.category, record.subcategory, record.name, record.drug_class)


@pytest.mark.parametrize(("text", "expected"), CASES, ids=[text for text, _ in CASES])
def test_drug_request_is_classified(text: str, expected: Expected) -> None:
    assert _fields(text) == expected


@pytest.mark.parametrize(("text", "expected"), XR_CASES, ids=[text for text, _ in XR_CASES])
def test_xr_release_form_is_not_an_x_ray(text: str, expected: Expected) -> None:
    assert _fields(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [(text, want) for text, want, _ in CLASSIFIER_GAPS],
    ids=[text for text, _, _ in CLASSIFIER_GAPS],
)  # fmt: skip
def test_form_words_and_compounds_read_in_context(text: str, expected: Expected) -> None:
    assert _fields(text) == expected


@pytest.mark.parametrize(("text", "name"), COMPOUNDS, ids=[text for text, _ in COMPOUNDS])
def test_compound_names_every_ingredient_in_order(text: str, name: str) -> None:
    # CONTRACT.md: 'topical compound' for two or more drugs applied topically.
    assert _fields(text) == (RX, COMPOUND, name, "topical compound")


@pytest.mark.parametrize(("text", "expected"), CLASS_ONLY)
def test_a_drug_named_by_its_class_alone(text: str, expected: Expected) -> None:
    assert _fields(text) == expected


@pytest.mark.parametrize(("text", "expected"), INJECTED_TOGETHER)
def test_drugs_injected_together_are_not_a_compound(text: str, expected: Expected) -> None:
    assert _fields(text) == expected


@pytest.mark.parametrize(("text", "expected"), NOT_A_SECOND_DRUG)
def test_common_words_do_not_add_a_drug(text: str, expected: Expected) -> None:
    assert _fields(text) == expected


@pytest.mark.parametrize("text", NOT_DRUGS)
def test_a_service_that_names_no_drug_is_not_a_pharmaceutical(text: str) -> None:
    category, _, _, drug_class = _fields(text)
    assert (category == RX, drug_class) == (False, None)


@pytest.mark.parametrize("text", UNKNOWN_DRUGS)
def test_unknown_drug_stays_unmapped(text: str) -> None:
    assert _fields(text)[2:] == (None, None)


@pytest.mark.parametrize(("text", "expected"), MISSPELLED, ids=[text for text, _ in MISSPELLED])
def test_a_drug_written_one_letter_off_is_read(text: str, expected: Expected) -> None:
    assert _fields(text) == expected


def test_a_misspelled_drug_keeps_its_amounts_and_names_its_row() -> None:
    record = classify_request("Omeprezole DR 20mg #30 with 2 refills")
    assert (record.strength, record.quantity, record.refills, record.rule) == (
        "20mg", 30.0, 2, "drugs.csv:omeprazole"
    )


@pytest.mark.parametrize("text", NOT_MISSPELLED)
def test_a_word_near_a_drug_name_is_not_taken_for_it(text: str) -> None:
    assert _fields(text)[0] != RX


# --- The file itself -------------------------------------------------------------------------

# DWC's drug classes as DWC spells them (DOMAIN.md section 2; the non-pain classes as DWC's IMR
# decision search lists them).

# Which DWC classes a drug class may fall under; anything else is a typo or a misfiled row.
ALLOWED_SUBCATEGORIES: dict[str, set[str | None]] = {
    "opioid": {"Opioids"},
    "muscle relaxant": {"Muscle Relaxant"},
    "benzodiazepine": {"Benzodiazepine"},
    "sedative-hypnotic": {"Sedative-hypnotics"},
    "anxiolytic": {"AntiAnxiety"},
    "anticonvulsant": {"Anti-epilepsy drugs"},
    "antidepressant": {"Antidepressant"},
    "nsaid": {"NSAID"},
    "topical analgesic": {"Topical Analgesics", "Topical Compounds"},
    "topical compound": {"Topical Compounds"},
    "local anesthetic": {"Injection"},
    "anesthetic": {"Injection"},
    "proton pump inhibitor": {"Proton Pump Inhibitors"},
    "h2 blocker": {"H2 Blocker/Histamine 2"},
    "gi agent": {"GI Agents"},
    "antiemetic": {"Antiemetic"},
    "corticosteroid": {"Adrenal Cortical Steroids"},
    "analgesic": {"Misc Analgesics"},
    "barbiturate": {"Barbiturates"},
    "cannabinoid": {"Cannabinoids"},
    "antimigraine": {"Antimigraine"},
    "opioid antagonist": {"Opoid Antagonist"},
    "stimulant": {"Stimulants"},
    "atypical antipsychotic": {"Atypical Antipsychotic"},
    "viscosupplement": {"Viscosupplementation"},
    "botulinum toxin": {"Injection"},
    "medical food": {"Nutritional Products"},
    "dietary supplement": {"Nutritional Products", "Injection"},
    "statin": {"Statin"},
    "fibrate": {"Fibric Acid"},
    "beta-blocker": {"Beta-blocker"},
    "calcium channel blocker": {"Calcium Cannel Blocker"},
    "ace inhibitor": {"Antihypertensive"},
    "angiotensin receptor blocker": {"Antihypertensive"},
    "diuretic": {"Antihypertensive"},
    "antihypertensive": {"Antihypertensive"},
    "alpha-blocker": {"Alpha-blocker"},
    "antidiabetic": {"Antidiabetics"},
    "antihistamine": {"Antihistamine", "Sedative-hypnotics"},
    "anticoagulant": {"Anti-coagulant"},
    "antibiotic": {"Anti-infectives"},
    "antiviral": {"Anti-infectives"},
    "antifungal": {"Anti-infectives"},
    "thyroid hormone": {"Hormones"},
    "estrogen": {"Hormones"},
    "androgen": {"Androgens & Anabolic Steroids"},
    "bisphosphonate": {"Bisphosphonates"},
    "dopamine agonist": {"Dopamine agonists"},
    "tnf inhibitor": {"Tumor necrosis factor (TNF) modified"},
    "asthma medication": {"Asthma Medications"},
    "pde5 inhibitor": {"Impotence Agents"},
    "prostaglandin": {"Impotence Agents"},
    "urinary antispasmodic": {None},
    "antigout": {None},
    "smoking cessation agent": {None},
    "mood stabilizer": {None},
    "antirheumatic": {None},
    "antitussive": {None},
    "expectorant": {None},
}
# Salt and release-form words that belong in a term's spelling, never in a generic name.
SALT_OR_FORM = {
    "hcl", "hydrochloride", "bitartrate", "tartrate", "epolamine", "besylate", "maleate",
    "succinate", "mesylate", "er", "xr", "sr", "cr", "dr", "odt", "ir",
}  # fmt: skip


def _file_text() -> str:
    return resources.files("imr_etl").joinpath("lexicon", "drugs.csv").read_text("utf-8")


def _rows() -> list[tuple[int, list[str]]]:
    reader = csv.reader(_file_text().splitlines())
    next(reader)
    return [
        (reader.line_num, row) for row in reader if row and not row[0].strip().startswith("#")
    ]


def _documented_classes() -> set[str]:
    """The drug classes the file's header lists, from 'drug_class ..., one of:' to the next key."""
    header = [line[1:].strip() for line in _file_text().splitlines() if line.startswith("#")]
    start = next(i for i, line in enumerate(header) if line.startswith("drug_class"))
    listed: list[str] = []
    for line in header[start + 1 :]:
        if re.match(r"[a-z_]+:", line):
            break
        # 'topical analgesic (one drug ...; ...),' -> 'topical analgesic'
        listed.extend(re.sub(r"\([^)]*\)", "", line).rstrip(".").split(","))
    return {part.strip() for part in listed if part.strip()}


def test_documented_drug_classes_are_the_ones_used() -> None:
    used = {row[2] for _, row in _rows()}
    assert used == _documented_classes() == set(ALLOWED_SUBCATEGORIES)


def test_every_row_uses_dwc_spellings_and_an_allowed_pairing() -> None:
    wrong = [
        (line, row)
        for line, row in _rows()
        if (row[3] or None) not in ALLOWED_SUBCATEGORIES.get(row[2], set())
        or (row[3] and row[3] not in DWC_DRUG_CLASSES)
    ]
    assert wrong == []


def _key(term: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", term.lower()))


def test_no_term_is_listed_twice() -> None:
    # Two rows with one term: the later silently wins, so a second row is always a mistake.
    keys = [_key(row[0]) for _, row in _rows()]
    assert sorted(k for k in set(keys) if keys.count(k) > 1) == []


def test_generic_names_are_lower_case_without_salt_or_release_form() -> None:
    wrong = [
        (line, row[1])
        for line, row in _rows()
        if row[1] != row[1].lower() or SALT_OR_FORM & set(re.findall(r"[a-z0-9]+", row[1]))
    ]
    assert wrong == []


def test_every_ingredient_of_a_named_compound_has_a_row() -> None:
    # A compound written out by its ingredients ('Methyl salicylate/Menthol cream') must resolve
    # to the same names as the product.
    rows = [row for _, row in _rows()]
    generics = {row[1] for row in rows}
    missing = [
        (row[0], ingredient)
        for row in rows
        if row[3] == "Topical Compounds"
        for ingredient in row[1].split("/")
        if ingredient not in generics
    ]
    assert missing == []
