"""Words that name a special category of personal data (GDPR Art. 9), in English and Greek.

Each entry is a word, a stem (ending in `*`: any word that starts with it) or a phrase
of such words, compared after folding case and accents (`fold`). An entry is kept only
when it almost never appears in a question about something else; `EXCLUDED` lists words
a stem would catch but that mean something else.

Chosen on purpose, with the sentence that decided it (tests/vault/test_sensitivity.py):

- "healthy", "healthier", "υγιεινός" do not count: "running shoes for a healthy
  lifestyle" describes a product, not the person's health. "health", "healthcare" and
  "υγεία" do.
- "race" does not count (a running brand asks "Do you race?"); "racial" does.
- "sex" does not count (a form's "Sex: female / male" asks for gender, not sex life);
  "sexual", "sexuality" and "σεξουαλικός" do.
- "party", "vote", "ψηφίζω" do not count ("Vote for our next flavour"), nor Greek
  "πολιτική" alone, which also means a policy ("πολιτική απορρήτου", privacy policy):
  only with beliefs, parties, opinions or ideology after it.
- "facial" does not count (a beauty treatment); "facial recognition" does.
- "therapy" does not count ("retail therapy"), nor Greek "θεραπεία" (also a beauty
  treatment); "physiotherapy", "psychotherapy", "ψυχοθεραπεία" do. "blood" counts only
  as a blood type, group, pressure or sugar ("blood orange" is a flavour).
- "καταγωγή" counts as "your origin" ("η καταγωγή σας") or "ethnic origin", not alone
  ("προϊόντα ελληνικής καταγωγής" are products of Greek origin).
- "γενέτειρα" (birthplace) is not genetic; "κομμάτι" (a piece) is not a party.
"""

from __future__ import annotations

from enum import StrEnum


class Topic(StrEnum):
    """What a special category is about (GDPR Art. 9(1), and Art. 10 with it)."""

    HEALTH = "health"
    RELIGION = "religion"
    POLITICS = "politics"
    ETHNICITY = "ethnicity"
    SEXUALITY = "sexuality"
    BIOMETRICS = "biometrics"
    GENETICS = "genetics"
    TRADE_UNION = "trade_union"
    CRIMINAL = "criminal"


ENGLISH: dict[Topic, tuple[str, ...]] = {
    Topic.HEALTH: (
        "health", "healthcare", "medical*", "medicine*", "medication*", "diagnos*",
        "illness*", "disease*", "disabilit*", "disabled", "pregnan*", "diabet*",
        "asthma*", "allerg*", "symptom*", "prescription*", "prescribed", "physiotherap*",
        "psychotherap*", "chemotherap*", "cancer*", "depression", "anxiety", "mental",
        "injury", "injuries", "injured", "surgery", "surgeries", "surgical", "chronic",
        "hospital*", "doctor*", "blood type*", "blood pressure", "blood sugar",
        "blood group*", "hiv", "covid*", "vaccin*", "epilep*", "arthritis", "migraine*",
        "intolerance*", "coeliac", "celiac", "menopaus*", "fertility", "ivf",
    ),
    Topic.RELIGION: (
        "religion*", "religious*", "faith", "church*", "mosque*", "synagogue*", "pray",
        "prayer*", "praying", "christian*", "muslim*", "islam*", "jewish", "judaism",
        "hindu*", "buddhis*", "atheis*", "atheist*", "kosher", "halal", "sikh*",
        "catholic*", "protestant*", "orthodox", "spiritual*",
    ),
    Topic.POLITICS: (
        "politic*", "election*", "elector*", "democrat*", "republican*", "socialis*",
        "communis*", "ideolog*", "partisan*",
    ),
    Topic.ETHNICITY: (
        "ethnic*", "racial*", "racis*", "ancestry", "ancestral", "indigenous",
    ),
    Topic.SEXUALITY: (
        "sexual*", "gay", "lesbian*", "bisexual*", "transgender*", "queer", "lgbt*",
        "heterosexual*", "homosexual*", "asexual*",
    ),
    Topic.BIOMETRICS: (
        "biometric*", "fingerprint*", "faceprint*", "voiceprint*", "retina*",
        "facial recognition", "face recognition", "face id", "face scan*", "iris scan*",
    ),
    Topic.GENETICS: (
        "genetic*", "gene", "genes", "genom*", "dna", "hereditary",
    ),
    Topic.TRADE_UNION: ("trade union*", "labour union*", "labor union*", "unionis*"),
    Topic.CRIMINAL: ("criminal*", "conviction*", "convicted", "offence*", "offense*"),
}

# Greek, folded: lower case, without accents (τόνος, διαλυτικά), final ς as σ.
GREEK: dict[Topic, tuple[str, ...]] = {
    Topic.HEALTH: (
        "υγεια*", "υγειον*", "ιατρ*", "γιατρ*", "ασθεν*", "νοσο*", "νοσημ*", "φαρμακ*",
        "διαβητ*", "αλλεργ*", "τραυματισμ*", "καρκιν*", "καταθλιψ*", "αγχωδ*", "αναπηρ*",
        "εγκυο*", "εγκυμοσ*", "ψυχοθεραπ*", "φυσικοθεραπ*", "χημειοθεραπ*", "συνταγογραφ*",
        "χειρουργ*",
        "νοσοκομει*", "διαγνωσ*", "συμπτωμ*", "χρονι* παθησ*", "παθησ*", "δυσανεξι*",
        "εμβολ*", "ορμον*",
    ),
    Topic.RELIGION: (
        "θρησκ*", "εκκλησ*", "ορθοδοξ*", "μουσουλμαν*", "εβραι*", "ιουδαι*", "βουδισ*",
        "αθεισ*", "αθεο*", "προσευχ*", "πνευματικοτ*",
    ),
    Topic.POLITICS: (
        "πολιτικ* πεποιθησ*", "πολιτικ* κομμ*", "πολιτικ* αποψ*", "πολιτικ* ιδεολογ*",
        "πολιτικ* τοποθετησ*", "πολιτικ* προτιμησ*", "κομματικ*", "εκλογεσ", "εκλογων",
        "εκλογικ*", "ιδεολογ*",
    ),
    Topic.ETHNICITY: (
        "εθνοτ*", "εθνικ* καταγωγ*", "φυλετικ*", "ρατσισ*", "καταγωγ* σασ",
    ),
    Topic.SEXUALITY: (
        "σεξουαλ*", "ομοφυλοφ*", "λεσβ*", "αμφιφυλοφ*", "ετεροφυλοφ*", "λοατκι*",
        "διεμφυλ*", "τρανσεξουαλ*",
    ),
    Topic.BIOMETRICS: (
        "βιομετρ*", "δακτυλικ* αποτυπ*", "αναγνωρισ* προσωπ*", "σαρωσ* ιριδ*",
        "αμφιβληστροειδ*",
    ),
    Topic.GENETICS: (
        "γενετ*", "γονιδ*", "dna", "κληρονομικ* νοσ*",
    ),
    Topic.TRADE_UNION: ("συνδικα*",),
    Topic.CRIMINAL: ("ποινικ*", "καταδικ*"),
}

# Words a stem above catches that mean something else (folded).
EXCLUDED = frozenset({
    "γενετειρα", "γενετειρασ",  # birthplace
    "φαρμακερ", "φαρμακερη", "φαρμακερο",  # venomous, figuratively "biting"
    "καταγωγιο",  # a dive bar
    "πιστωτικη", "πιστωτικο", "πιστωση",  # credit
    "εκλογικευση",  # rationalisation
    "genesis", "generous",
})
