"""The vault judges how sensitive a brand's question is: from its DPV concept, raised to
special when its words (English or Greek, label, choices and translations) name a special
category of GDPR Art. 9. Tested on realistic questions, and on the false positives that
decided each word list (vault/exchange/sensitive_words.py)."""

from __future__ import annotations

import pytest

from tests.vault.question_helpers import PD
from vault.exchange.question_sensitivity import declared, judge, topics_in
from vault.exchange.sensitive_words import Topic
from zpd.fieldtypes import Sensitivity
from zpd.questions import Choice, Question, QuestionType, Translation


def asked(label: str, category: str = PD + "Preference", *, choices: tuple[str, ...] = (),
          translations: tuple[tuple[str, Translation], ...] = ()) -> Question:
    return Question(
        key="q:x", label=label,
        type=QuestionType.CHOICE if choices else QuestionType.TEXT, category=category,
        choices=tuple(Choice(f"c{i}", c) for i, c in enumerate(choices)),
        translations=translations,
    )


@pytest.mark.parametrize(("sentence", "topic"), [
    ("Do you have any allergies or a medical condition we should know of?", Topic.HEALTH),
    ("Have you had a running injury in the last year?", Topic.HEALTH),
    ("What is your blood type?", Topic.HEALTH),
    ("Are you pregnant or planning a pregnancy?", Topic.HEALTH),
    ("Which religious holidays do you celebrate?", Topic.RELIGION),
    ("Do you keep kosher or eat halal?", Topic.RELIGION),
    ("Which political party is closest to your views? Politics matter to us", Topic.POLITICS),
    ("What is your ethnic background?", Topic.ETHNICITY),
    ("What is your sexual orientation?", Topic.SEXUALITY),
    ("Would you like to unlock the app with your fingerprint?", Topic.BIOMETRICS),
    ("May we use facial recognition at the checkout?", Topic.BIOMETRICS),
    ("Have you ever taken a DNA test?", Topic.GENETICS),
    ("Are you a member of a trade union?", Topic.TRADE_UNION),
    ("Έχετε κάποιο πρόβλημα υγείας;", Topic.HEALTH),
    ("Έχετε αλλεργίες σε κάποιο υλικό;", Topic.HEALTH),
    ("Ποια είναι η θρησκεία σας;", Topic.RELIGION),
    ("Ποιες είναι οι πολιτικές σας πεποιθήσεις;", Topic.POLITICS),
    ("Ποια είναι η εθνοτική σας ομάδα;", Topic.ETHNICITY),
    ("ΠΟΙΟΣ ΕΙΝΑΙ Ο ΣΕΞΟΥΑΛΙΚΟΣ ΣΑΣ ΠΡΟΣΑΝΑΤΟΛΙΣΜΟΣ;", Topic.SEXUALITY),
    ("Θα θέλατε είσοδο με δακτυλικό αποτύπωμα;", Topic.BIOMETRICS),
    ("Έχετε κάνει γενετικό τεστ;", Topic.GENETICS),
])
def test_realistic_questions_name_their_special_category(sentence: str, topic: Topic) -> None:
    assert topics_in([sentence]) == {topic}


@pytest.mark.parametrize("sentence", [
    "Running shoes for a healthy lifestyle: which do you like?",  # "healthy" does not count
    "Healthy snacks or sweet treats?",
    "Do you race on weekends?",
    "Vote for our next flavour!",
    "Which party games does your family play?",
    "Would you like a facial or a massage?",
    "Blood orange or lemon sorbet?",
    "Is shopping your favourite retail therapy?",
    "Sex: female, male, other",  # a form's gender question, not sex life
    "Which sole do you prefer for trail running?",
    "Διαβάσατε την πολιτική απορρήτου μας;",  # privacy policy, not politics
    "Ένα κομμάτι ή δύο;",  # a piece, not a party
    "Ψηφιακή ή έντυπη απόδειξη;",  # digital, not a vote
    "Ποια είναι η γενέτειρά σας;",  # birthplace, not genetics
    "Προτιμάτε προϊόντα ελληνικής καταγωγής;",  # products of Greek origin
    "Έχετε πιστωτική κάρτα;",  # credit, not faith
    "Θέλετε υγιεινά σνακ;",  # healthy snacks
    "Τρέχετε στο βουνό ή στον δρόμο;",
])
def test_everyday_questions_are_not_special(sentence: str) -> None:
    assert topics_in([sentence]) == set()


def test_the_dpv_concept_gives_what_the_brand_declared() -> None:
    assert declared(PD + "HealthHistory") == (Sensitivity.SPECIAL, Topic.HEALTH)
    assert declared(PD + "ReligiousBelief") == (Sensitivity.SPECIAL, Topic.RELIGION)
    assert declared(PD + "SexualOrientation") == (Sensitivity.SPECIAL, Topic.SEXUALITY)
    assert declared(PD + "Preference") == (Sensitivity.LOW, None)
    assert declared(PD + "FavouriteColour") == (Sensitivity.LOW, None)
    assert declared(PD + "EmailAddress") == (Sensitivity.PERSONAL, None)
    assert declared(PD + "SomethingNew") == (Sensitivity.PERSONAL, None)  # unknown


def test_a_health_question_the_brand_calls_low_is_judged_special_and_flagged() -> None:
    judgement = judge(asked("Do you suffer from any chronic illness?", PD + "Preference"))
    assert judgement.declared is Sensitivity.LOW
    assert judgement.judged is Sensitivity.SPECIAL
    assert judgement.topics == {Topic.HEALTH}
    assert judgement.mismatched


def test_greek_wording_is_caught_in_the_label_choices_and_translations() -> None:
    in_greek = judge(asked("Πώς είναι η υγεία σας;"))
    assert (in_greek.judged, in_greek.mismatched) == (Sensitivity.SPECIAL, True)
    by_choice = judge(asked("Τι σας ταιριάζει;", choices=("Τρέξιμο", "Διαβήτης τύπου 2")))
    assert by_choice.topics == {Topic.HEALTH}
    translated = judge(asked("Which shoes do you prefer?", translations=(
        ("el", Translation("Ποια είναι η θρησκεία σας;")),)))
    assert translated.topics == {Topic.RELIGION}


def test_an_honest_special_concept_is_special_without_a_mismatch() -> None:
    judgement = judge(asked("Any allergy to latex?", PD + "Health"))
    assert (judgement.declared, judgement.judged, judgement.mismatched) == (
        Sensitivity.SPECIAL, Sensitivity.SPECIAL, False)


def test_a_taste_stays_low_and_contact_data_personal() -> None:
    assert judge(asked("Where do you run most?")).judged is Sensitivity.LOW
    assert judge(asked("Your work email", PD + "EmailAddress")).judged is Sensitivity.PERSONAL
    assert not judge(asked("Where do you run most?")).mismatched
