"""The words of the complaint drafts, per language (the app's: English and Greek).

Letters, not interface strings: a draft is a document the person edits and sends, so its
text is kept whole here rather than in the UI's translation catalogue. Placeholders are
filled with `str.format`; what is filled in (a brand's name, a sender) is never read as a
template.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Words:
    months: tuple[str, ...]  # as they follow a day number: "12 March", "12 Μαρτίου"
    unknown_date: str
    unauthenticated: str  # the sender when nothing was authenticated
    signature_placeholder: str
    brand_subject: str
    brand_body: str
    authority_subject: str
    authority_body: str


ENGLISH = Words(
    months=("January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December"),
    unknown_date="an unknown date",
    unauthenticated="a sender whose domain was not authenticated",
    signature_placeholder="[your name]",
    brand_subject="My e-mail address was passed on without my consent ({brand})",
    brand_body="""\
To the data protection officer of {brand} ({origin}),

On {given} I gave you, and only you, the e-mail address {alias}, through a grant I
signed ({grant}) for this purpose: "{purpose}".

On {received}, mail to that address came from {sender} (From: {from_address}). That
sender is neither you nor a processor you declared to me. You have therefore disclosed
my personal data to a third party.

Under the General Data Protection Regulation I ask you, within one month (Art. 12(3)):
- to tell me every recipient to whom you disclosed my personal data (Art. 15(1)(c));
- to erase my personal data (Art. 17) and to tell each recipient to do the same (Art. 19);
- to tell me on what legal basis, if any, the disclosure was made (Art. 13 and 14).

The evidence is attached as a pack whose SHA-256 is {pack_sha256}: your signed request,
my signed grant and your receipts for it, and the header of the message.

{signature}
""",
    authority_subject="Complaint under Article 77 GDPR: {brand} disclosed my e-mail address",
    authority_body="""\
To the {authority},

I lodge a complaint under Article 77 of the General Data Protection Regulation against
{brand} ({origin}).

On {given} I gave {brand}, and only {brand}, the e-mail address {alias}, through a grant
I signed ({grant}) for this purpose: "{purpose}". The address was made for that brand
alone and was given to no one else.

On {received}, mail to that address came from {sender} (From: {from_address}), which is
neither {brand} nor a processor {brand} declared. My personal data was disclosed to a
third party without my consent and outside the purpose I agreed to (Art. 5(1)(b), Art. 6).

The evidence is attached as a pack whose SHA-256 is {pack_sha256}: the brand's signed
request (what it promised), my signed grant and the brand's signed receipts for it, and
the full header of the message. Each signature can be checked independently.

I ask you to investigate the disclosure and to order the brand to tell me its
recipients and to erase my data.

{signature}
""",
)

GREEK = Words(
    months=("Ιανουαρίου", "Φεβρουαρίου", "Μαρτίου", "Απριλίου", "Μαΐου", "Ιουνίου",
            "Ιουλίου", "Αυγούστου", "Σεπτεμβρίου", "Οκτωβρίου", "Νοεμβρίου", "Δεκεμβρίου"),
    unknown_date="άγνωστη ημερομηνία",
    unauthenticated="αποστολέα του οποίου ο τομέας δεν πιστοποιήθηκε",
    signature_placeholder="[το όνομά σας]",
    brand_subject="Η διεύθυνση email μου διαβιβάστηκε χωρίς τη συγκατάθεσή μου ({brand})",
    brand_body="""\
Προς τον υπεύθυνο προστασίας δεδομένων της εταιρείας {brand} ({origin}),

Στις {given} σας έδωσα, και μόνο σε εσάς, τη διεύθυνση email {alias}, με μια
συγκατάθεση που υπέγραψα ({grant}) για τον εξής σκοπό: «{purpose}».

Στις {received}, στη διεύθυνση αυτή ήρθε μήνυμα από {sender} (From: {from_address}).
Ο αποστολέας αυτός δεν είστε εσείς ούτε εκτελών την επεξεργασία που μου δηλώσατε.
Κοινοποιήσατε επομένως τα προσωπικά μου δεδομένα σε τρίτο.

Βάσει του Γενικού Κανονισμού για την Προστασία Δεδομένων σας ζητώ, εντός ενός μηνός
(άρθρο 12 παρ. 3):
- να μου γνωστοποιήσετε κάθε αποδέκτη στον οποίο κοινοποιήσατε τα δεδομένα μου
  (άρθρο 15 παρ. 1 στοιχ. γ');
- να διαγράψετε τα δεδομένα μου (άρθρο 17) και να ζητήσετε το ίδιο από κάθε αποδέκτη
  (άρθρο 19)·
- να μου πείτε σε ποια νομική βάση, αν υπάρχει, στηρίχθηκε η κοινοποίηση (άρθρα 13 και 14).

Επισυνάπτω τα αποδεικτικά σε ένα αρχείο με SHA-256 {pack_sha256}: το υπογεγραμμένο
αίτημά σας, την υπογεγραμμένη συγκατάθεσή μου και τις αποδείξεις παραλαβής σας, και την
κεφαλίδα του μηνύματος.

{signature}
""",
    authority_subject="Καταγγελία βάσει του άρθρου 77 ΓΚΠΔ: η εταιρεία {brand} "
                      "κοινοποίησε τη διεύθυνση email μου",
    authority_body="""\
Προς: {authority},

Υποβάλλω καταγγελία βάσει του άρθρου 77 του Γενικού Κανονισμού για την Προστασία
Δεδομένων κατά της εταιρείας {brand} ({origin}).

Στις {given} έδωσα στην εταιρεία {brand}, και μόνο σε αυτήν, τη διεύθυνση email {alias},
με μια συγκατάθεση που υπέγραψα ({grant}) για τον εξής σκοπό: «{purpose}». Η διεύθυνση
δημιουργήθηκε μόνο για αυτή την εταιρεία και δεν δόθηκε σε κανέναν άλλο.

Στις {received}, στη διεύθυνση αυτή ήρθε μήνυμα από {sender} (From: {from_address}), που
δεν είναι ούτε η εταιρεία {brand} ούτε εκτελών την επεξεργασία που δήλωσε. Τα προσωπικά
μου δεδομένα κοινοποιήθηκαν σε τρίτο χωρίς τη συγκατάθεσή μου και εκτός του σκοπού που
συμφώνησα (άρθρο 5 παρ. 1 στοιχ. β', άρθρο 6).

Επισυνάπτω τα αποδεικτικά σε ένα αρχείο με SHA-256 {pack_sha256}: το υπογεγραμμένο αίτημα
της εταιρείας (τι υποσχέθηκε), την υπογεγραμμένη συγκατάθεσή μου και τις υπογεγραμμένες
αποδείξεις παραλαβής της, και την πλήρη κεφαλίδα του μηνύματος. Κάθε υπογραφή μπορεί να
ελεγχθεί ανεξάρτητα.

Σας ζητώ να διερευνήσετε την κοινοποίηση και να υποχρεώσετε την εταιρεία να μου
γνωστοποιήσει τους αποδέκτες και να διαγράψει τα δεδομένα μου.

{signature}
""",
)

LANGUAGES = {"en": ENGLISH, "el": GREEK}
