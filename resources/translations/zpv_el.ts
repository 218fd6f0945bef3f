<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="el" sourcelanguage="en">
<context>
    <name>AboutDialog</name>
    <message>
        <source>About Zero-Party Vault</source>
        <translation>Σχετικά με το Zero-Party Vault</translation>
    </message>
    <message>
        <source>The Zero-Party Vault icon</source>
        <translation>Το εικονίδιο του Zero-Party Vault</translation>
    </message>
    <message>
        <source>Zero-Party Vault</source>
        <translation>Zero-Party Vault</translation>
    </message>
    <message>
        <source>Keep the preferences you give brands in a local encrypted vault, share them on your terms, and take them back.</source>
        <translation>Κρατήστε τις προτιμήσεις που δίνετε σε εταιρείες σε μια τοπική κρυπτογραφημένη κρύπτη, κοινοποιήστε τες με τους δικούς σας όρους και πάρτε τες πίσω.</translation>
    </message>
    <message>
        <source>Free software: you may share and change it under the terms of its licence. It comes with no warranty.</source>
        <translation>Ελεύθερο λογισμικό: μπορείτε να το διανέμετε και να το τροποποιείτε σύμφωνα με τους όρους της άδειας χρήσης του. Παρέχεται χωρίς καμία εγγύηση.</translation>
    </message>
    <message>
        <source>Version {0}</source>
        <translation>Έκδοση {0}</translation>
    </message>
    <message>
        <source>Qt {qt} (PySide6 {pyside}), SQLCipher {sqlcipher} (SQLite {sqlite})</source>
        <translation>Qt {qt} (PySide6 {pyside}), SQLCipher {sqlcipher} (SQLite {sqlite})</translation>
    </message>
    <message>
        <source>Licence: {0}</source>
        <translation>Άδεια χρήσης: {0}</translation>
    </message>
</context>
<context>
    <name>ActivityModel</name>
    <message>
        <source>When</source>
        <translation>Πότε</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Τι</translation>
    </message>
    <message>
        <source>Details</source>
        <translation>Λεπτομέρειες</translation>
    </message>
    <message>
        <source>Entry {0}, {1}</source>
        <translation>Καταχώριση {0}, {1}</translation>
    </message>
</context>
<context>
    <name>ActivityPage</name>
    <message>
        <source>&amp;Show:</source>
        <translation>&amp;Εμφάνιση:</translation>
    </message>
    <message>
        <source>Show activity of kind</source>
        <translation>Εμφάνιση δραστηριότητας του είδους</translation>
    </message>
    <message>
        <source>&amp;Check the log</source>
        <translation>Έ&amp;λεγχος ημερολογίου</translation>
    </message>
    <message>
        <source>Check the activity log</source>
        <translation>Έλεγχος του ημερολογίου δραστηριότητας</translation>
    </message>
    <message>
        <source>Check that no entry was changed, removed or reordered since it was written (each entry seals the one before it in a hash chain), and that the database itself is sound.</source>
        <translation>Ελέγχει ότι καμία καταχώριση δεν άλλαξε, δεν αφαιρέθηκε και δεν μετακινήθηκε από τότε που γράφτηκε (κάθε καταχώριση σφραγίζει την προηγούμενή της σε μια αλυσίδα κατακερματισμού, hash chain), και ότι η ίδια η βάση δεδομένων είναι ακέραιη.</translation>
    </message>
    <message>
        <source>Checking</source>
        <translation>Έλεγχος</translation>
    </message>
    <message>
        <source>Result of the check</source>
        <translation>Αποτέλεσμα του ελέγχου</translation>
    </message>
    <message>
        <source>Activity, newest first</source>
        <translation>Δραστηριότητα, πρώτα η πιο πρόσφατη</translation>
    </message>
    <message>
        <source>Nothing of this kind has happened yet.</source>
        <translation>Δεν έχει γίνει ακόμη τίποτα αυτού του είδους.</translation>
    </message>
    <message>
        <source>Activity</source>
        <translation>Δραστηριότητα</translation>
    </message>
    <message>
        <source>Checking every entry and the database…</source>
        <translation>Έλεγχος κάθε καταχώρισης και της βάσης δεδομένων…</translation>
    </message>
</context>
<context>
    <name>ActivityWords</name>
    <message>
        <source>All activity</source>
        <translation>Όλη η δραστηριότητα</translation>
    </message>
    <message>
        <source>My data</source>
        <translation>Τα δεδομένα μου</translation>
    </message>
    <message>
        <source>Brands</source>
        <translation>Εταιρείες</translation>
    </message>
    <message>
        <source>Deliveries</source>
        <translation>Παραδόσεις</translation>
    </message>
    <message>
        <source>Backups and exports</source>
        <translation>Αντίγραφα ασφαλείας και εξαγωγές</translation>
    </message>
    <message>
        <source>Vault created</source>
        <translation>Δημιουργία κρύπτης</translation>
    </message>
    <message>
        <source>Value changed</source>
        <translation>Αλλαγή τιμής</translation>
    </message>
    <message>
        <source>Value cleared</source>
        <translation>Διαγραφή τιμής</translation>
    </message>
    <message>
        <source>Field added</source>
        <translation>Προσθήκη πεδίου</translation>
    </message>
    <message>
        <source>Answer to a brand changed</source>
        <translation>Αλλαγή απάντησης σε εταιρεία</translation>
    </message>
    <message>
        <source>Answer to a brand forgotten</source>
        <translation>Διαγραφή απάντησης σε εταιρεία</translation>
    </message>
    <message>
        <source>Brand request imported</source>
        <translation>Εισαγωγή αιτήματος εταιρείας</translation>
    </message>
    <message>
        <source>Brand&apos;s keys replaced</source>
        <translation>Αντικατάσταση κλειδιών εταιρείας</translation>
    </message>
    <message>
        <source>Shared with a brand</source>
        <translation>Κοινοποίηση σε εταιρεία</translation>
    </message>
    <message>
        <source>Shared data updated</source>
        <translation>Ενημέρωση κοινοποιημένων δεδομένων</translation>
    </message>
    <message>
        <source>Data delivered to brand</source>
        <translation>Παράδοση δεδομένων στην εταιρεία</translation>
    </message>
    <message>
        <source>Revocation delivered</source>
        <translation>Παράδοση ανάκλησης</translation>
    </message>
    <message>
        <source>Pause delivered</source>
        <translation>Η παύση παραδόθηκε</translation>
    </message>
    <message>
        <source>Resume delivered</source>
        <translation>Η συνέχιση παραδόθηκε</translation>
    </message>
    <message>
        <source>Brand refused delivery</source>
        <translation>Άρνηση παράδοσης από την εταιρεία</translation>
    </message>
    <message>
        <source>Data exported</source>
        <translation>Εξαγωγή δεδομένων</translation>
    </message>
    <message>
        <source>Backup made</source>
        <translation>Δημιουργία αντιγράφου ασφαλείας</translation>
    </message>
    <message>
        <source>Restored from backup</source>
        <translation>Επαναφορά από αντίγραφο ασφαλείας</translation>
    </message>
    <message>
        <source>Older copy opened on purpose</source>
        <translation>Άνοιγμα παλαιότερου αντιγράφου εσκεμμένα</translation>
    </message>
    <message>
        <source>Passphrase changed; vault re-encrypted</source>
        <translation>Αλλαγή φράσης πρόσβασης· η κρύπτη κρυπτογραφήθηκε ξανά</translation>
    </message>
    <message>
        <source>New recovery code; vault re-encrypted</source>
        <translation>Νέος κωδικός ανάκτησης· η κρύπτη κρυπτογραφήθηκε ξανά</translation>
    </message>
    <message>
        <source>Email alias given</source>
        <translation>Δόθηκε ψευδώνυμο email</translation>
    </message>
    <message>
        <source>Email aliases on</source>
        <translation>Ψευδώνυμα email ενεργά</translation>
    </message>
    <message>
        <source>Email aliases off</source>
        <translation>Ψευδώνυμα email ανενεργά</translation>
    </message>
    <message>
        <source>Where aliases come from changed</source>
        <translation>Άλλαξε η πηγή των ψευδωνύμων email</translation>
    </message>
    <message>
        <source>Alias made at the alias service</source>
        <translation>Δημιουργήθηκε ψευδώνυμο στην υπηρεσία ψευδωνύμων</translation>
    </message>
    <message>
        <source>Alias turned off at the alias service</source>
        <translation>Απενεργοποιήθηκε ψευδώνυμο στην υπηρεσία ψευδωνύμων</translation>
    </message>
    <message>
        <source>Email alias closed</source>
        <translation>Το ψευδώνυμο email έκλεισε</translation>
    </message>
    <message>
        <source>Mailbox to watch set</source>
        <translation>Ορίστηκε το γραμματοκιβώτιο που παρακολουθείται</translation>
    </message>
    <message>
        <source>Mailbox forgotten</source>
        <translation>Αφαιρέθηκε το γραμματοκιβώτιο</translation>
    </message>
    <message>
        <source>Leak found</source>
        <translation>Βρέθηκε διαρροή</translation>
    </message>
    <message>
        <source>Leak marked expected</source>
        <translation>Η διαρροή σημειώθηκε ως αναμενόμενη</translation>
    </message>
    <message>
        <source>Sync through a folder set up</source>
        <translation>Ρυθμίστηκε συγχρονισμός μέσω φακέλου</translation>
    </message>
    <message>
        <source>Joined from a synced folder</source>
        <translation>Σύνδεση από συγχρονισμένο φάκελο</translation>
    </message>
    <message>
        <source>Changes from another device</source>
        <translation>Αλλαγές από άλλη συσκευή</translation>
    </message>
    <message>
        <source>A synced file refused</source>
        <translation>Απορρίφθηκε συγχρονισμένο αρχείο</translation>
    </message>
    <message>
        <source>Device removed</source>
        <translation>Η συσκευή αφαιρέθηκε</translation>
    </message>
    <message>
        <source>Older copy went on as a new device</source>
        <translation>Παλαιότερο αντίγραφο συνέχισε ως νέα συσκευή</translation>
    </message>
    <message>
        <source>Share id: {0}</source>
        <translation>Αναγνωριστικό κοινοποίησης: {0}</translation>
    </message>
    <message>
        <source>The details cannot be read.</source>
        <translation>Οι λεπτομέρειες δεν μπορούν να διαβαστούν.</translation>
    </message>
    <message>
        <source>{0}: its question {1}</source>
        <translation>{0}: η ερώτησή της {1}</translation>
    </message>
    <message>
        <source>{0}: {1}; for {2} days</source>
        <translation>{0}: {1}· για {2} ημέρες</translation>
    </message>
    <message>
        <source>{0}, updated to version {1}: what changed while it was paused</source>
        <translation>{0}, ενημέρωση στην έκδοση {1}: ό,τι άλλαξε όσο ήταν σε παύση</translation>
    </message>
    <message>
        <source>{0}, updated to version {1}: {2} changed</source>
        <translation>{0}, ενημέρωση στην έκδοση {1}: αλλαγή σε {2}</translation>
    </message>
    <message>
        <source>{0}; the brand&apos;s receipt says “{1}”</source>
        <translation>{0}· η απόδειξη της εταιρείας αναφέρει «{1}»</translation>
    </message>
    <message>
        <source>{0}; no receipt</source>
        <translation>{0}· χωρίς απόδειξη</translation>
    </message>
    <message>
        <source>{0}: {1}</source>
        <translation>{0}: {1}</translation>
    </message>
    <message>
        <source>The activity log is intact ({0} entries checked), but the database check found damage: {1}. Restore the vault from a backup.</source>
        <translation>Το ημερολόγιο δραστηριότητας είναι ακέραιο (ελέγχθηκαν {0} καταχωρίσεις), αλλά ο έλεγχος της βάσης δεδομένων βρήκε φθορά: {1}. Επαναφέρετε την κρύπτη από αντίγραφο ασφαλείας.</translation>
    </message>
    <message>
        <source>{0} ({1})</source>
        <translation>{0} ({1})</translation>
    </message>
    <message>
        <source>Shares</source>
        <translation>Κοινοποιήσεις</translation>
    </message>
    <message>
        <source>Share revoked</source>
        <translation>Ανάκληση κοινοποίησης</translation>
    </message>
    <message>
        <source>Share expired</source>
        <translation>Λήξη κοινοποίησης</translation>
    </message>
    <message>
        <source>Share paused</source>
        <translation>Η κοινοποίηση τέθηκε σε παύση</translation>
    </message>
    <message>
        <source>Share resumed</source>
        <translation>Η κοινοποίηση συνεχίστηκε</translation>
    </message>
    <message>
        <source>{0}: keys from a file or pasted text replaced by the ones its web address serves</source>
        <translation>{0}: τα κλειδιά από αρχείο ή επικολλημένο κείμενο αντικαταστάθηκαν από εκείνα που δίνει η διεύθυνση ιστού της</translation>
    </message>
    <message>
        <source>{0}: new keys accepted</source>
        <translation>{0}: τα νέα κλειδιά έγιναν δεκτά</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>Mail to the address you gave only to {0} came from {1}</source>
        <translation>Στη διεύθυνση που δώσατε μόνο σε {0} ήρθε μήνυμα από {1}</translation>
    </message>
    <message>
        <source>{0}: that message only</source>
        <translation>{0}: μόνο αυτό το μήνυμα</translation>
    </message>
    <message>
        <source>{0} may write to the address you gave {1}</source>
        <translation>Ο αποστολέας {0} μπορεί να γράφει στη διεύθυνση που δώσατε σε {1}</translation>
    </message>
    <message>
        <source>A share no longer in your vault</source>
        <translation>Κοινοποίηση που δεν υπάρχει πια στην κρύπτη σας</translation>
    </message>
    <message>
        <source>{0}, fetched from its website (domain verified)</source>
        <translation>{0}, λήψη από τον ιστότοπό της (επαληθευμένος τομέας)</translation>
    </message>
    <message>
        <source>{0}, from pasted text</source>
        <translation>{0}, από επικολλημένο κείμενο</translation>
    </message>
    <message>
        <source>{0}, from a file</source>
        <translation>{0}, από αρχείο</translation>
    </message>
    <message>
        <source>Intact: {0} entries checked, database sound.</source>
        <translation>Ακέραιη: ελέγχθηκαν {0} καταχωρίσεις, η βάση δεδομένων είναι σε καλή κατάσταση.</translation>
    </message>
    <message>
        <source>Broken at entry {0}: it was changed after it was written. The {1} entries before it are intact.</source>
        <translation>Σπάει στην καταχώριση {0}: άλλαξε αφού γράφτηκε. Οι {1} καταχωρίσεις πριν από αυτήν είναι ακέραιες.</translation>
    </message>
    <message>
        <source>Broken at entry {0}: the entry before it was removed, replaced or moved. The {1} entries before that are intact.</source>
        <translation>Σπάει στην καταχώριση {0}: η προηγούμενη καταχώριση αφαιρέθηκε, αντικαταστάθηκε ή μετακινήθηκε. Οι {1} καταχωρίσεις πριν από εκείνη είναι ακέραιες.</translation>
    </message>
    <message>
        <source>Broken at entry {0}: it is missing; entries were removed, or cut off the end of the log. The {1} entries before it are intact.</source>
        <translation>Σπάει στην καταχώριση {0}: λείπει· αφαιρέθηκαν καταχωρίσεις ή κόπηκε το τέλος του αρχείου καταγραφής. Οι {1} καταχωρίσεις πριν από αυτήν είναι ακέραιες.</translation>
    </message>
    <message>
        <source>Entry {0} now reads “{1}: {2}”, dated {3}.</source>
        <translation>Η καταχώριση {0} γράφει τώρα «{1}: {2}», με ημερομηνία {3}.</translation>
    </message>
    <message>
        <source>Entry {0} now reads “{1}”, dated {2}.</source>
        <translation>Η καταχώριση {0} γράφει τώρα «{1}», με ημερομηνία {2}.</translation>
    </message>
    <message>
        <source>The database check also found damage: {0}.</source>
        <translation>Ο έλεγχος της βάσης δεδομένων βρήκε επίσης φθορά: {0}.</translation>
    </message>
    <message>
        <source>Mail to the address you gave only to {0} came from {1} on {2}</source>
        <translation>Στη διεύθυνση που δώσατε μόνο σε {0} ήρθε μήνυμα από {1} στις {2}</translation>
    </message>
    <message>
        <source>a sender whose domain was not authenticated</source>
        <translation>αποστολέα του οποίου ο τομέας δεν πιστοποιήθηκε</translation>
    </message>
    <message>
        <source>an unknown date</source>
        <translation>άγνωστη ημερομηνία</translation>
    </message>
    <message>
        <source>Mail to {0}, an address given only to {1} ({2}), came from {3} (From: {4}) on {5}.
request.jwt is what the brand signed; grant/ holds what I signed; receipts/ the brand&apos;s signed acknowledgements; message.eml the message&apos;s header. manifest.json gives each file&apos;s SHA-256.
</source>
        <translation>Στη διεύθυνση {0}, που δόθηκε μόνο σε {1} ({2}), ήρθε μήνυμα από {3} (From: {4}) στις {5}.
Το request.jwt είναι ό,τι υπέγραψε η εταιρεία· ο φάκελος grant/ περιέχει ό,τι υπέγραψα εγώ· ο receipts/ τις υπογεγραμμένες βεβαιώσεις λήψης της εταιρείας· το message.eml την κεφαλίδα του μηνύματος. Το manifest.json δίνει το SHA-256 κάθε αρχείου.
</translation>
    </message>
</context>
<context>
    <name>AliasSourceSection</name>
    <message>
        <source>Where aliases come from</source>
        <translation>Από πού προέρχονται τα ψευδώνυμα</translation>
    </message>
    <message>
        <source>&amp;Source</source>
        <translation>&amp;Πηγή</translation>
    </message>
    <message>
        <source>Your domain</source>
        <translation>Ο τομέας σας</translation>
    </message>
    <message>
        <source>&amp;Domain</source>
        <translation>&amp;Τομέας</translation>
    </message>
    <message>
        <source>Your email address</source>
        <translation>Η διεύθυνση email σας</translation>
    </message>
    <message>
        <source>&amp;Address</source>
        <translation>&amp;Διεύθυνση</translation>
    </message>
    <message>
        <source>The service&apos;s API key</source>
        <translation>Το κλειδί API της υπηρεσίας</translation>
    </message>
    <message>
        <source>API &amp;key</source>
        <translation>&amp;Κλειδί API</translation>
    </message>
    <message>
        <source>The service&apos;s address</source>
        <translation>Η διεύθυνση της υπηρεσίας</translation>
    </message>
    <message>
        <source>the public service</source>
        <translation>η δημόσια υπηρεσία</translation>
    </message>
    <message>
        <source>Service&apos;s &amp;web address</source>
        <translation>Διεύθυνση &amp;ιστού της υπηρεσίας</translation>
    </message>
    <message>
        <source>The service&apos;s domain for aliases</source>
        <translation>Ο τομέας της υπηρεσίας για τα ψευδώνυμα</translation>
    </message>
    <message>
        <source>Alias d&amp;omain</source>
        <translation>Τομέας &amp;ψευδωνύμων</translation>
    </message>
    <message>
        <source>The service runs on this computer or my &amp;local network</source>
        <translation>Η υπηρεσία τρέχει σε αυτόν τον &amp;υπολογιστή ή στο τοπικό μου δίκτυο</translation>
    </message>
    <message>
        <source>The service runs on this computer or my local network</source>
        <translation>Η υπηρεσία τρέχει σε αυτόν τον υπολογιστή ή στο τοπικό μου δίκτυο</translation>
    </message>
    <message>
        <source>&amp;Check and save</source>
        <translation>&amp;Έλεγχος και αποθήκευση</translation>
    </message>
    <message>
        <source>Check and save where aliases come from</source>
        <translation>Έλεγχος και αποθήκευση της πηγής των ψευδωνύμων</translation>
    </message>
    <message>
        <source>A domain of mine with catch-all delivery (recommended)</source>
        <translation>Ένας τομέας μου που παραδίδει κάθε διεύθυνση (catch-all, συνιστάται)</translation>
    </message>
    <message>
        <source>Plus-addressing on my address</source>
        <translation>Διευθύνσεις με + στη διεύθυνσή μου</translation>
    </message>
    <message>
        <source>Each brand gets an address like megamart-k3x9@alex.example. Your domain must deliver mail for any name to you (catch-all).</source>
        <translation>Κάθε εταιρεία παίρνει μια διεύθυνση σαν megamart-k3x9@alex.example. Ο τομέας σας πρέπει να σας παραδίδει την αλληλογραφία για κάθε όνομα (catch-all).</translation>
    </message>
    <message>
        <source>Warning: plus-addressing is easy to strip. Advertisers often remove everything after the + sign, and the mail then reaches you with no sign of who passed it on. Use it only if you have no domain and no alias service.</source>
        <translation>Προσοχή: το μέρος μετά το + αφαιρείται εύκολα. Οι διαφημιστές συχνά σβήνουν ό,τι ακολουθεί το σύμβολο +, και τότε η αλληλογραφία σας φτάνει χωρίς κανένα ίχνος του ποιος έδωσε τη διεύθυνσή σας. Χρησιμοποιήστε το μόνο αν δεν έχετε τομέα ούτε υπηρεσία ψευδωνύμων.</translation>
    </message>
    <message>
        <source>The service makes each brand&apos;s alias when you share your email address. The API key is kept inside your vault and sent only to the service.</source>
        <translation>Η υπηρεσία φτιάχνει το ψευδώνυμο κάθε εταιρείας όταν κοινοποιείτε τη διεύθυνση email σας. Το κλειδί API φυλάσσεται μέσα στην κρύπτη σας και αποστέλλεται μόνο στην υπηρεσία.</translation>
    </message>
    <message>
        <source>No source chosen: brands get plus-addressed aliases.</source>
        <translation>Δεν έχει επιλεγεί πηγή: οι εταιρείες παίρνουν ψευδώνυμα με +.</translation>
    </message>
    <message>
        <source>kept in your vault</source>
        <translation>φυλάσσεται στην κρύπτη σας</translation>
    </message>
    <message>
        <source>In use: aliases at {0}.</source>
        <translation>Σε χρήση: ψευδώνυμα στο {0}.</translation>
    </message>
    <message>
        <source>In use: plus-addressing on {0} (easy to strip).</source>
        <translation>Σε χρήση: διευθύνσεις με + στη {0} (αφαιρούνται εύκολα).</translation>
    </message>
    <message>
        <source>In use: {0}, with its API key kept in your vault.</source>
        <translation>Σε χρήση: {0}, με το κλειδί API της φυλαγμένο στην κρύπτη σας.</translation>
    </message>
    <message>
        <source>Asking the service...</source>
        <translation>Ερώτηση στην υπηρεσία...</translation>
    </message>
    <message>
        <source>Saving...</source>
        <translation>Αποθήκευση...</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Αποθηκεύτηκε.</translation>
    </message>
</context>
<context>
    <name>AliasWords</name>
    <message>
        <source>{alias}: closed on {when}; mail to it now means a leak or an old list.</source>
        <translation>{alias}: έκλεισε στις {when}· αλληλογραφία προς αυτό σημαίνει πλέον διαρροή ή παλιά λίστα.</translation>
    </message>
    <message>
        <source>Closed on {0}: mail to it now means a leak or an old list.</source>
        <translation>Έκλεισε στις {0}: αλληλογραφία προς αυτό σημαίνει πλέον διαρροή ή παλιά λίστα.</translation>
    </message>
    <message>
        <source>{0}, after you closed it</source>
        <translation>{0}, αφού το κλείσατε</translation>
    </message>
    <message>
        <source>After you closed it on {0}: the brand was told to forget this address, so mail to it means a leak or an old list, whoever sends it.</source>
        <translation>Αφού το κλείσατε στις {0}: η εταιρεία ενημερώθηκε να ξεχάσει αυτή τη διεύθυνση, οπότε αλληλογραφία προς αυτήν σημαίνει διαρροή ή παλιά λίστα, όποιος κι αν τη στέλνει.</translation>
    </message>
</context>
<context>
    <name>AliasesModel</name>
    <message>
        <source>Brand</source>
        <translation>Εταιρεία</translation>
    </message>
    <message>
        <source>Alias</source>
        <translation>Ψευδώνυμο</translation>
    </message>
    <message>
        <source>Since</source>
        <translation>Από</translation>
    </message>
</context>
<context>
    <name>AliasesSection</name>
    <message>
        <source>Leak alerts</source>
        <translation>Ειδοποιήσεις διαρροής</translation>
    </message>
    <message>
        <source>Give each brand its own &amp;email alias</source>
        <translation>Δώστε σε κάθε εταιρεία δικό της &amp;ψευδώνυμο email</translation>
    </message>
    <message>
        <source>Give each brand its own email alias</source>
        <translation>Δώστε σε κάθε εταιρεία δικό της ψευδώνυμο email</translation>
    </message>
    <message>
        <source>A brand then gets your address with its own tag, like alex+brand-x7k2@example.org (mail to it still reaches you). If mail to that alias comes from anyone else, you know which brand passed your address on.</source>
        <translation>Τότε κάθε εταιρεία λαμβάνει τη διεύθυνσή σας με δική της ετικέτα, όπως alex+brand-x7k2@example.org (τα μηνύματα εξακολουθούν να φτάνουν σε εσάς). Αν σας γράψει σε αυτό το ψευδώνυμο οποιοσδήποτε άλλος, ξέρετε ποια εταιρεία έδωσε τη διεύθυνσή σας.</translation>
    </message>
    <message>
        <source>Which alias went to which brand</source>
        <translation>Ποιο ψευδώνυμο δόθηκε σε ποια εταιρεία</translation>
    </message>
    <message>
        <source>No alias given yet: the next share of your email address makes the brand&apos;s alias.</source>
        <translation>Δεν έχει δοθεί ακόμη ψευδώνυμο: η επόμενη κοινοποίηση της διεύθυνσης email σας θα δημιουργήσει το ψευδώνυμο της εταιρείας.</translation>
    </message>
    <message>
        <source>No alias given: brands that asked got your address.</source>
        <translation>Δεν δόθηκε ψευδώνυμο: οι εταιρείες που τη ζήτησαν πήραν τη διεύθυνσή σας.</translation>
    </message>
    <message>
        <source>From now on each brand gets its own alias, in new shares and in the next version of existing ones.</source>
        <translation>Από εδώ και πέρα κάθε εταιρεία παίρνει δικό της ψευδώνυμο, σε νέες κοινοποιήσεις και στην επόμενη έκδοση των υπαρχουσών.</translation>
    </message>
    <message>
        <source>From now on brands get your real address, in new shares and in the next version of existing ones.</source>
        <translation>Από εδώ και πέρα οι εταιρείες παίρνουν την πραγματική σας διεύθυνση, σε νέες κοινοποιήσεις και στην επόμενη έκδοση των υπαρχουσών.</translation>
    </message>
</context>
<context>
    <name>AnswerDialog</name>
    <message>
        <source>Your answer to {brand}</source>
        <translation>Η απάντησή σας στην {brand}</translation>
    </message>
    <message>
        <source>Also set “{field}” in My data to this</source>
        <translation>Ορισμός και του «{field}» στα Δεδομένα μου σε αυτή την τιμή</translation>
    </message>
    <message>
        <source>If you share this answer with {brand}, it gets the new one as the next version of what you share. No other brand sees it.</source>
        <translation>Αν κοινοποιείτε αυτή την απάντηση στην {brand}, θα λάβει τη νέα ως την επόμενη έκδοση όσων κοινοποιείτε. Καμία άλλη εταιρεία δεν τη βλέπει.</translation>
    </message>
</context>
<context>
    <name>AnswerHistoryDialog</name>
    <message>
        <source>History of your answer to {brand}</source>
        <translation>Ιστορικό της απάντησής σας στην {brand}</translation>
    </message>
    <message>
        <source>Every change to your answer to “{0}”, newest first. Only you can see this.</source>
        <translation>Κάθε αλλαγή στην απάντησή σας στο «{0}», πρώτα η πιο πρόσφατη. Μόνο εσείς το βλέπετε αυτό.</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Αλλαγές</translation>
    </message>
</context>
<context>
    <name>AnswerHistoryModel</name>
    <message>
        <source>When</source>
        <translation>Πότε</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Απάντηση</translation>
    </message>
    <message>
        <source>(forgotten)</source>
        <translation>(διαγράφηκε)</translation>
    </message>
</context>
<context>
    <name>AnswersModel</name>
    <message>
        <source>Brand</source>
        <translation>Εταιρεία</translation>
    </message>
    <message>
        <source>Their question</source>
        <translation>Η ερώτησή τους</translation>
    </message>
    <message>
        <source>Your answer</source>
        <translation>Η απάντησή σας</translation>
    </message>
    <message>
        <source>Sensitivity</source>
        <translation>Ευαισθησία</translation>
    </message>
</context>
<context>
    <name>AnswersPanel</name>
    <message>
        <source>Answers to brands</source>
        <translation>Απαντήσεις σε εταιρείες</translation>
    </message>
    <message>
        <source>Your answers to brands&apos; own questions. Each is kept for that brand only; changing one sends that brand the next version of what you share.</source>
        <translation>Οι απαντήσεις σας στις δικές τους ερωτήσεις των εταιρειών. Η καθεμία φυλάσσεται μόνο για εκείνη την εταιρεία· αν την αλλάξετε, η εταιρεία λαμβάνει την επόμενη έκδοση όσων κοινοποιείτε.</translation>
    </message>
    <message>
        <source>Your answers to brands</source>
        <translation>Οι απαντήσεις σας σε εταιρείες</translation>
    </message>
    <message>
        <source>Change &amp;answer…</source>
        <translation>&amp;Αλλαγή απάντησης…</translation>
    </message>
    <message>
        <source>Answer hi&amp;story…</source>
        <translation>Ιστορικό απ&amp;άντησης…</translation>
    </message>
    <message>
        <source>&amp;Forget answer</source>
        <translation>&amp;Διαγραφή απάντησης</translation>
    </message>
    <message>
        <source>Change the answer</source>
        <translation>Αλλαγή της απάντησης</translation>
    </message>
    <message>
        <source>Show the answer&apos;s history</source>
        <translation>Εμφάνιση του ιστορικού της απάντησης</translation>
    </message>
    <message>
        <source>Forget the answer</source>
        <translation>Διαγραφή της απάντησης</translation>
    </message>
    <message>
        <source>Update your answers too?</source>
        <translation>Να ενημερωθούν και οι απαντήσεις σας;</translation>
    </message>
    <message>
        <source>{brands} asked a question that means your “{field}”. Give them your new value as the answer too?</source>
        <translation>{brands}: ρώτησαν κάτι που σημαίνει το «{field}» σας. Να λάβουν και τη νέα σας τιμή ως απάντηση;</translation>
    </message>
    <message>
        <source>Update answers</source>
        <translation>Ενημέρωση απαντήσεων</translation>
    </message>
</context>
<context>
    <name>AsksModel</name>
    <message>
        <source>Purpose</source>
        <translation>Σκοπός</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>Πεδία</translation>
    </message>
    <message>
        <source>Offer</source>
        <translation>Προσφορά</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>Εκτίμηση</translation>
    </message>
    <message>
        <source>Lasts</source>
        <translation>Διάρκεια</translation>
    </message>
    <message>
        <source>Kept</source>
        <translation>Διατήρηση</translation>
    </message>
    <message>
        <source>The purpose, in the brand&apos;s words; hover for what it means in plain terms</source>
        <translation>Ο σκοπός, με τα λόγια της εταιρείας· κρατήστε τον δείκτη από πάνω για να δείτε τι σημαίνει με απλά λόγια</translation>
    </message>
    <message>
        <source>Whether what the brand asks is fair beside what it offers, and why not</source>
        <translation>Αν όσα ζητά η εταιρεία είναι δίκαια σε σχέση με όσα προσφέρει, και γιατί όχι</translation>
    </message>
    <message>
        <source>What the brand asks for; hover for why</source>
        <translation>Τι ζητά η εταιρεία· περάστε τον δείκτη από πάνω για να δείτε γιατί</translation>
    </message>
    <message>
        <source>What the brand gives in return</source>
        <translation>Τι δίνει η εταιρεία σε αντάλλαγμα</translation>
    </message>
    <message>
        <source>How long the share lasts (you may shorten it)</source>
        <translation>Πόσο διαρκεί η κοινοποίηση (μπορείτε να τη συντομεύσετε)</translation>
    </message>
    <message>
        <source>How long the brand keeps what you share</source>
        <translation>Πόσο καιρό κρατά η εταιρεία όσα κοινοποιείτε</translation>
    </message>
    <message>
        <source>{purpose}
What it is for, in plain terms: {concept}</source>
        <translation>{purpose}
Για ποιο λόγο, με απλά λόγια: {concept}</translation>
    </message>
    <message>
        <source>The brand keeps what you share for {0}.</source>
        <translation>Η εταιρεία κρατά όσα κοινοποιείτε για {0}.</translation>
    </message>
</context>
<context>
    <name>BackToBrandDialog</name>
    <message>
        <source>Back to {0}</source>
        <translation>Επιστροφή στην {0}</translation>
    </message>
    <message>
        <source>You shared your data with {0}.</source>
        <translation>Κοινοποιήσατε τα δεδομένα σας στην {0}.</translation>
    </message>
    <message>
        <source>You did not share anything with {0}.</source>
        <translation>Δεν κοινοποιήσατε τίποτα στην {0}.</translation>
    </message>
    <message>
        <source>Its page in your browser can continue from here: {0}</source>
        <translation>Η σελίδα της στο πρόγραμμα περιήγησης μπορεί να συνεχίσει από εδώ: {0}</translation>
    </message>
    <message>
        <source>Open {0}&apos;s page in your browser</source>
        <translation>Άνοιγμα της σελίδας της {0} στο πρόγραμμα περιήγησης</translation>
    </message>
</context>
<context>
    <name>BalanceChart</name>
    <message>
        <source>Value balance: what you give and what they offer</source>
        <translation>Ισοζύγιο αξίας: τι δίνετε και τι προσφέρουν</translation>
    </message>
</context>
<context>
    <name>BalanceView</name>
    <message>
        <source>Verdict</source>
        <translation>Εκτίμηση</translation>
    </message>
    <message>
        <source>Warnings</source>
        <translation>Προειδοποιήσεις</translation>
    </message>
</context>
<context>
    <name>BalanceWords</name>
    <message>
        <source>You give</source>
        <translation>Δίνετε</translation>
    </message>
    <message>
        <source>They offer</source>
        <translation>Προσφέρουν</translation>
    </message>
    <message>
        <source>offer</source>
        <translation>προσφορά</translation>
    </message>
    <message>
        <source>optional field (counts less)</source>
        <translation>προαιρετικό πεδίο (μετράει λιγότερο)</translation>
    </message>
    <message>
        <source>nothing</source>
        <translation>τίποτα</translation>
    </message>
    <message>
        <source>Nothing given.</source>
        <translation>Δεν δίνετε τίποτα.</translation>
    </message>
    <message>
        <source>Nothing is offered in return.</source>
        <translation>Δεν προσφέρεται τίποτα σε αντάλλαγμα.</translation>
    </message>
    <message>
        <source>They offer at least as much as you give.</source>
        <translation>Προσφέρουν τουλάχιστον όσα δίνετε.</translation>
    </message>
    <message>
        <source>Fair</source>
        <translation>Δίκαιη</translation>
    </message>
    <message>
        <source>Asks a lot</source>
        <translation>Ζητά πολλά</translation>
    </message>
    <message>
        <source>Greedy</source>
        <translation>Άπληστη</translation>
    </message>
    <message>
        <source>Special-category data (health, religion...: GDPR Art. 9)</source>
        <translation>Δεδομένα ειδικής κατηγορίας (υγεία, θρησκεία...: άρθρο 9 ΓΚΠΔ)</translation>
    </message>
    <message>
        <source>Vague purpose: it says little about what is done with it</source>
        <translation>Ασαφής σκοπός: λέει λίγα για το τι γίνεται με αυτά</translation>
    </message>
    <message>
        <source>Long retention: kept for more than a year</source>
        <translation>Μακρά διατήρηση: φυλάσσονται για πάνω από έναν χρόνο</translation>
    </message>
    <message>
        <source>Token offer: little or nothing in return</source>
        <translation>Συμβολική προσφορά: λίγα ή τίποτα σε αντάλλαγμα</translation>
    </message>
    <message>
        <source>Special-category data</source>
        <translation>Δεδομένα ειδικής κατηγορίας</translation>
    </message>
    <message>
        <source>Vague purpose</source>
        <translation>Ασαφής σκοπός</translation>
    </message>
    <message>
        <source>Kept over a year</source>
        <translation>Διατήρηση πάνω από έναν χρόνο</translation>
    </message>
    <message>
        <source>Token offer</source>
        <translation>Συμβολική προσφορά</translation>
    </message>
    <message>
        <source>⚠ {0}</source>
        <translation>⚠ {0}</translation>
    </message>
    <message>
        <source>{label}: weighs {weight}</source>
        <translation>{label}: βάρος {weight}</translation>
    </message>
    <message>
        <source>everyday</source>
        <translation>καθημερινό</translation>
    </message>
    <message>
        <source>personal</source>
        <translation>προσωπικό</translation>
    </message>
    <message>
        <source>special category</source>
        <translation>ειδικής κατηγορίας</translation>
    </message>
    <message>
        <source>You give {ratio} times what they offer.</source>
        <translation>Δίνετε {ratio} φορές όσα προσφέρουν.</translation>
    </message>
    <message>
        <source>What you give weighs {given}; what they offer weighs {offered}. {ratio}</source>
        <translation>Όσα δίνετε έχουν βάρος {given}· όσα προσφέρουν έχουν βάρος {offered}. {ratio}</translation>
    </message>
    <message>
        <source>Verdict: {verdict}. You give: {fields}; in all {given}. They offer: {offers}; in all {offered}.</source>
        <translation>Εκτίμηση: {verdict}. Δίνετε: {fields}· συνολικά {given}. Προσφέρουν: {offers}· συνολικά {offered}.</translation>
    </message>
    <message>
        <source>How it is weighed: each field by its sensitivity (everyday {low}, personal {personal}, special category {special}; before you share, an optional one counts {optional}% of that), each offer by its kind (points {points}, discount {discount}, access {access}, gift {gift}, service {service}). A rule of thumb to compare brands, not a legal judgement.</source>
        <translation>Πώς υπολογίζεται: κάθε πεδίο ανάλογα με την ευαισθησία του (καθημερινό {low}, προσωπικό {personal}, ειδικής κατηγορίας {special}· πριν κοινοποιήσετε, ένα προαιρετικό μετράει το {optional}% αυτού), κάθε προσφορά ανάλογα με το είδος της (πόντοι {points}, έκπτωση {discount}, πρόσβαση {access}, δώρο {gift}, υπηρεσία {service}). Ένας πρακτικός κανόνας για να συγκρίνετε εταιρείες, όχι νομική κρίση.</translation>
    </message>
    <message>
        <source>Warnings: {0}.</source>
        <translation>Προειδοποιήσεις: {0}.</translation>
    </message>
    <message>
        <source>{field} {weight} ({sensitivity}{optional})</source>
        <translation>{field} {weight} ({sensitivity}{optional})</translation>
    </message>
    <message>
        <source>{offer} {weight}</source>
        <translation>{offer} {weight}</translation>
    </message>
    <message>
        <source>, optional</source>
        <translation>, προαιρετικό</translation>
    </message>
</context>
<context>
    <name>BrandDetails</name>
    <message>
        <source>No brand yet. Import a brand&apos;s data request to see who it is, what it asks for and what it offers.</source>
        <translation>Δεν υπάρχει ακόμη εταιρεία. Εισαγάγετε το αίτημα δεδομένων μιας εταιρείας για να δείτε ποια είναι, τι ζητά και τι προσφέρει.</translation>
    </message>
    <message>
        <source>Choose a brand to see who it is and what it asks for.</source>
        <translation>Επιλέξτε μια εταιρεία για να δείτε ποια είναι και τι ζητά.</translation>
    </message>
</context>
<context>
    <name>BrandKeysChanged</name>
    <message>
        <source>Brand: {origin}

A brand may replace its keys, but someone pretending to be {origin} would also have other keys. Accept the new keys only if you are sure, for example because the brand told you about the change.

Trusted signing key: {old}
New signing key: {new}

Accept the new keys?</source>
        <translation>Εταιρεία: {origin}

Μια εταιρεία μπορεί να αντικαταστήσει τα κλειδιά της, αλλά και κάποιος που παριστάνει την {origin} θα είχε άλλα κλειδιά. Αποδεχτείτε τα νέα κλειδιά μόνο αν είστε σίγουροι, για παράδειγμα επειδή η εταιρεία σάς ενημέρωσε για την αλλαγή.

Αξιόπιστο κλειδί υπογραφής: {old}
Νέο κλειδί υπογραφής: {new}

Αποδοχή των νέων κλειδιών;</translation>
    </message>
    <message>
        <source>The brand&apos;s keys changed</source>
        <translation>Τα κλειδιά της εταιρείας άλλαξαν</translation>
    </message>
    <message>
        <source>The brand&apos;s keys changed since you first trusted it.</source>
        <translation>Τα κλειδιά της εταιρείας άλλαξαν από τότε που την εμπιστευτήκατε για πρώτη φορά.</translation>
    </message>
    <message>
        <source>Accept new keys</source>
        <translation>Αποδοχή νέων κλειδιών</translation>
    </message>
</context>
<context>
    <name>BrandModels</name>
    <message>
        <source>Fetched from this computer</source>
        <translation>Λήψη από αυτόν τον υπολογιστή</translation>
    </message>
    <message>
        <source>Domain verified</source>
        <translation>Επαληθευμένος τομέας</translation>
    </message>
    <message>
        <source>Not verified: imported from a file or text</source>
        <translation>Μη επαληθευμένη: εισαγωγή από αρχείο ή κείμενο</translation>
    </message>
    <message>
        <source>The request came from a file or pasted text: nothing proves it comes from {0}. Fetch it from the brand&apos;s web address to verify the domain.</source>
        <translation>Το αίτημα προήλθε από αρχείο ή επικολλημένο κείμενο: τίποτα δεν αποδεικνύει ότι προέρχεται από το {0}. Κάντε λήψη του από τη διεύθυνση ιστού της εταιρείας για να επαληθευτεί ο τομέας.</translation>
    </message>
    <message>
        <source>required</source>
        <translation>υποχρεωτικό</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>προαιρετικό</translation>
    </message>
    <message>
        <source>The request was fetched from {0}, a server on this computer (a demo or a test), not a brand&apos;s site on the internet.</source>
        <translation>Η λήψη του αιτήματος έγινε από το {0}, έναν διακομιστή σε αυτόν τον υπολογιστή (επίδειξη ή δοκιμή), όχι από ιστότοπο εταιρείας στο διαδίκτυο.</translation>
    </message>
    <message>
        <source>The request was fetched over a secure connection from {0}, so it really comes from that domain.</source>
        <translation>Η λήψη του αιτήματος έγινε μέσω ασφαλούς σύνδεσης από το {0}, άρα προέρχεται πράγματι από αυτόν τον τομέα.</translation>
    </message>
    <message>
        <source>{0}, special category</source>
        <translation>{0}, ειδική κατηγορία</translation>
    </message>
    <message>
        <source>{field} ({need})</source>
        <translation>{field} ({need})</translation>
    </message>
    <message>
        <source>{field}: {why}</source>
        <translation>{field}: {why}</translation>
    </message>
</context>
<context>
    <name>BrandPanel</name>
    <message>
        <source>Brand name</source>
        <translation>Όνομα εταιρείας</translation>
    </message>
    <message>
        <source>Domain verification</source>
        <translation>Επαλήθευση τομέα</translation>
    </message>
    <message>
        <source>Description, in the brand&apos;s words</source>
        <translation>Περιγραφή, με τα λόγια της εταιρείας</translation>
    </message>
    <message>
        <source>Web address</source>
        <translation>Διεύθυνση ιστού</translation>
    </message>
    <message>
        <source>Web address:</source>
        <translation>Διεύθυνση ιστού:</translation>
    </message>
    <message>
        <source>Privacy policy</source>
        <translation>Πολιτική απορρήτου</translation>
    </message>
    <message>
        <source>Privacy policy:</source>
        <translation>Πολιτική απορρήτου:</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Επικοινωνία</translation>
    </message>
    <message>
        <source>Contact:</source>
        <translation>Επικοινωνία:</translation>
    </message>
    <message>
        <source>Request:</source>
        <translation>Αίτημα:</translation>
    </message>
    <message>
        <source>What the brand asks for</source>
        <translation>Τι ζητά η εταιρεία</translation>
    </message>
    <message>
        <source>Transparency report...</source>
        <translation>Αναφορά διαφάνειας...</translation>
    </message>
    <message>
        <source>Export a transparency report on this brand</source>
        <translation>Εξαγωγή αναφοράς διαφάνειας για αυτή την εταιρεία</translation>
    </message>
    <message>
        <source>What this brand knows about you, why, until when, and what you got in return, as a PDF or HTML file.</source>
        <translation>Τι γνωρίζει για εσάς αυτή η εταιρεία, γιατί, μέχρι πότε και τι πήρατε σε αντάλλαγμα, σε αρχείο PDF ή HTML.</translation>
    </message>
    <message>
        <source>Re&amp;view and share...</source>
        <translation>Έλεγχος &amp;και κοινοποίηση...</translation>
    </message>
    <message>
        <source>Review and share the chosen request</source>
        <translation>Εξέταση και κοινοποίηση του επιλεγμένου αιτήματος</translation>
    </message>
    <message>
        <source>What you gave, over all your shares with it</source>
        <translation>Τι δώσατε, σε όλες τις κοινοποιήσεις σας προς αυτήν</translation>
    </message>
    <message>
        <source>The request from {brand} expired on {date}: import a fresh one from {brand} to share.</source>
        <translation>Το αίτημα από {brand} έληξε στις {date}: εισαγάγετε νέο από {brand} για να κοινοποιήσετε.</translation>
    </message>
    <message>
        <source>See each field, why the brand wants it and what it offers; nothing is shared until you confirm.</source>
        <translation>Δείτε κάθε πεδίο, γιατί το θέλει η εταιρεία και τι προσφέρει· τίποτα δεν κοινοποιείται πριν το επιβεβαιώσετε.</translation>
    </message>
    <message>
        <source>You have not shared anything with this brand yet.</source>
        <translation>Δεν έχετε κοινοποιήσει ακόμη τίποτα σε αυτή την εταιρεία.</translation>
    </message>
    <message>
        <source>not given</source>
        <translation>δεν δόθηκε</translation>
    </message>
    <message>
        <source>No request imported</source>
        <translation>Δεν έχει εισαχθεί αίτημα</translation>
    </message>
    <message>
        <source>{source} on {imported}; valid until {expires}</source>
        <translation>{source} στις {imported}· ισχύει έως {expires}</translation>
    </message>
    <message>
        <source>This brand asks for nothing at the moment.</source>
        <translation>Αυτή η εταιρεία δεν ζητά τίποτα αυτή τη στιγμή.</translation>
    </message>
</context>
<context>
    <name>BrandsModel</name>
    <message>
        <source>Brand</source>
        <translation>Εταιρεία</translation>
    </message>
    <message>
        <source>Web address</source>
        <translation>Διεύθυνση ιστού</translation>
    </message>
    <message>
        <source>Domain</source>
        <translation>Τομέας</translation>
    </message>
    <message>
        <source>Active shares</source>
        <translation>Ενεργές κοινοποιήσεις</translation>
    </message>
</context>
<context>
    <name>BrandsPage</name>
    <message>
        <source>Brands whose data requests you imported, and what they ask for.</source>
        <translation>Οι εταιρείες των οποίων τα αιτήματα δεδομένων εισαγάγατε, και τι ζητούν.</translation>
    </message>
    <message>
        <source>&amp;Import request...</source>
        <translation>&amp;Εισαγωγή αιτήματος...</translation>
    </message>
    <message>
        <source>Import a brand&apos;s data request</source>
        <translation>Εισαγωγή αιτήματος δεδομένων μιας εταιρείας</translation>
    </message>
    <message>
        <source>Imported brands</source>
        <translation>Εταιρείες που εισαγάγατε</translation>
    </message>
    <message>
        <source>Brands</source>
        <translation>Εταιρείες</translation>
    </message>
    <message>
        <source>You already had this request from {0}.</source>
        <translation>Είχατε ήδη αυτό το αίτημα από την {0}.</translation>
    </message>
    <message>
        <source>Imported from {name}: 1 request to review.</source>
        <translation>Εισήχθη από την {name}: 1 αίτημα για εξέταση.</translation>
    </message>
    <message>
        <source>Imported from {name}: {count} requests to review.</source>
        <translation>Εισήχθη από την {name}: {count} αιτήματα για εξέταση.</translation>
    </message>
    <message>
        <source>What you imported is older than what you already have from this brand: its requests do not replace the ones on offer.</source>
        <translation>Ό,τι εισαγάγατε είναι παλαιότερο από όσα έχετε ήδη από αυτή την εταιρεία: τα αιτήματά του δεν αντικαθιστούν όσα ισχύουν.</translation>
    </message>
    <message>
        <source>The keys trusted until now came from a file or pasted text; the ones its web address serves replace them.</source>
        <translation>Τα κλειδιά που θεωρούνταν αξιόπιστα ως τώρα προέρχονταν από αρχείο ή επικολλημένο κείμενο· τα αντικαθιστούν εκείνα που δίνει η διεύθυνση ιστού της.</translation>
    </message>
    <message>
        <source>Its new keys are trusted from now on.</source>
        <translation>Τα νέα της κλειδιά θεωρούνται πλέον αξιόπιστα.</translation>
    </message>
    <message>
        <source>Shared with {0}. Follow its delivery, or take it back, on the Shared page.</source>
        <translation>Κοινοποιήθηκε σε {0}. Παρακολουθήστε την παράδοση ή ανακαλέστε την στη σελίδα Κοινοποιήσεις.</translation>
    </message>
</context>
<context>
    <name>Confirmation</name>
    <message>
        <source>No</source>
        <translation>Όχι</translation>
    </message>
</context>
<context>
    <name>CreatePage</name>
    <message>
        <source>Create your vault</source>
        <translation>Δημιουργία της κρύπτης σας</translation>
    </message>
    <message>
        <source>Your preferences are kept on this computer, encrypted. Choose a passphrase you will remember: several unrelated words work well. Nobody can reset it for you.</source>
        <translation>Οι προτιμήσεις σας φυλάσσονται κρυπτογραφημένες σε αυτόν τον υπολογιστή. Επιλέξτε μια φράση πρόσβασης που θα θυμάστε: μερικές άσχετες μεταξύ τους λέξεις είναι καλή επιλογή. Κανείς δεν μπορεί να την επαναφέρει για εσάς.</translation>
    </message>
    <message>
        <source>Already use Zero-Party Vault on another computer?</source>
        <translation>Χρησιμοποιείτε ήδη το Zero-Party Vault σε άλλον υπολογιστή;</translation>
    </message>
    <message>
        <source>&amp;Use a vault from a synced folder...</source>
        <translation>&amp;Χρήση κρύπτης από συγχρονισμένο φάκελο...</translation>
    </message>
    <message>
        <source>Type the passphrase again under Repeat.</source>
        <translation>Πληκτρολογήστε ξανά τη φράση πρόσβασης στο πεδίο Επανάληψη.</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>Νέα φράση πρόσβασης</translation>
    </message>
    <message>
        <source>Repeat passphrase</source>
        <translation>Επανάληψη φράσης πρόσβασης</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Φράση πρόσβασης</translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation>Επανάληψη</translation>
    </message>
    <message>
        <source>Show the passphrase while typing</source>
        <translation>Εμφάνιση της φράσης πρόσβασης κατά την πληκτρολόγηση</translation>
    </message>
    <message>
        <source>Passphrase strength</source>
        <translation>Ισχύς φράσης πρόσβασης</translation>
    </message>
    <message>
        <source>S&amp;how passphrase</source>
        <translation>Εμ&amp;φάνιση φράσης πρόσβασης</translation>
    </message>
    <message>
        <source>Create vault</source>
        <translation>Δημιουργία κρύπτης</translation>
    </message>
    <message>
        <source>Good enough. Another word would make it stronger.</source>
        <translation>Αρκετά καλή. Μία ακόμη λέξη θα την έκανε ισχυρότερη.</translation>
    </message>
    <message>
        <source>Strong.</source>
        <translation>Ισχυρή.</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>Οι δύο φράσεις πρόσβασης διαφέρουν.</translation>
    </message>
</context>
<context>
    <name>CustomFieldDialog</name>
    <message>
        <source>Add a field of your own</source>
        <translation>Προσθήκη δικού σας πεδίου</translation>
    </message>
    <message>
        <source>For a preference the list does not have. You decide what it is called and how sensitive it is; brands can ask for it by its key.</source>
        <translation>Για μια προτίμηση που δεν υπάρχει στη λίστα. Εσείς αποφασίζετε πώς λέγεται και πόσο ευαίσθητη είναι· οι εταιρείες μπορούν να τη ζητήσουν με το κλειδί της.</translation>
    </message>
    <message>
        <source>e.g. Favourite tea</source>
        <translation>π.χ. Αγαπημένο τσάι</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Όνομα</translation>
    </message>
    <message>
        <source>Key</source>
        <translation>Κλειδί</translation>
    </message>
    <message>
        <source>Lowercase letters, digits and underscores</source>
        <translation>Πεζά λατινικά γράμματα, ψηφία και κάτω παύλες</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Τύπος</translation>
    </message>
    <message>
        <source>Sensitivity</source>
        <translation>Ευαισθησία</translation>
    </message>
    <message>
        <source>Choices, one per line</source>
        <translation>Επιλογές, μία ανά γραμμή</translation>
    </message>
    <message>
        <source>One choice per line</source>
        <translation>Μία επιλογή ανά γραμμή</translation>
    </message>
    <message>
        <source>&amp;Name:</source>
        <translation>&amp;Όνομα:</translation>
    </message>
    <message>
        <source>&amp;Key:</source>
        <translation>&amp;Κλειδί:</translation>
    </message>
    <message>
        <source>&amp;Type:</source>
        <translation>&amp;Τύπος:</translation>
    </message>
    <message>
        <source>&amp;Sensitivity:</source>
        <translation>&amp;Ευαισθησία:</translation>
    </message>
    <message>
        <source>&amp;Choices:</source>
        <translation>Ε&amp;πιλογές:</translation>
    </message>
    <message>
        <source>Add field</source>
        <translation>Προσθήκη πεδίου</translation>
    </message>
    <message>
        <source>Give the field a name and a key.</source>
        <translation>Δώστε στο πεδίο όνομα και κλειδί.</translation>
    </message>
</context>
<context>
    <name>DeliveryProblemLabel</name>
    <message>
        <source>Delivery problem</source>
        <translation>Πρόβλημα παράδοσης</translation>
    </message>
    <message>
        <source>Could not deliver to brands: {0} Trying again every few seconds.</source>
        <translation>Η παράδοση στις εταιρείες απέτυχε: {0} Νέα προσπάθεια κάθε λίγα δευτερόλεπτα.</translation>
    </message>
    <message>
        <source>Some messages were not delivered because of an error in this app. They will be tried again.</source>
        <translation>Ορισμένα μηνύματα δεν παραδόθηκαν λόγω σφάλματος αυτής της εφαρμογής. Θα σταλούν ξανά.</translation>
    </message>
</context>
<context>
    <name>DeliveryWaitingLabel</name>
    <message>
        <source>Waiting to be delivered</source>
        <translation>Σε αναμονή παράδοσης</translation>
    </message>
    <message>
        <source>1 message waiting to be delivered to a brand</source>
        <translation>1 μήνυμα περιμένει να παραδοθεί σε εταιρεία</translation>
    </message>
    <message>
        <source>{0} messages waiting to be delivered to brands</source>
        <translation>{0} μηνύματα περιμένουν να παραδοθούν σε εταιρείες</translation>
    </message>
    <message>
        <source>Shared &gt; Delivery says why each one waits.</source>
        <translation>Στις Κοινοποιήσεις, η στήλη Παράδοση λέει γιατί περιμένει το καθένα.</translation>
    </message>
</context>
<context>
    <name>DevicesSection</name>
    <message>
        <source>in step</source>
        <translation>συγχρονισμένη</translation>
    </message>
    <message>
        <source>Device</source>
        <translation>Συσκευή</translation>
    </message>
    <message>
        <source>Last seen</source>
        <translation>Τελευταία επαφή</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Κατάσταση</translation>
    </message>
    <message>
        <source>removed: its later files are refused</source>
        <translation>αφαιρέθηκε: τα μεταγενέστερα αρχεία της απορρίπτονται</translation>
    </message>
    <message>
        <source>a newer file of it is on its way</source>
        <translation>έρχεται νεότερο αρχείο της</translation>
    </message>
    <message>
        <source>Devices</source>
        <translation>Συσκευές</translation>
    </message>
    <message>
        <source>Use this vault on your other computers too, through a folder that a sync program (Syncthing, Nextcloud, Dropbox, OneDrive, a network share) keeps the same on each. Everything the vault writes there is encrypted.</source>
        <translation>Χρησιμοποιήστε αυτή την κρύπτη και στους άλλους υπολογιστές σας, μέσω ενός φακέλου που ένα πρόγραμμα συγχρονισμού (Syncthing, Nextcloud, Dropbox, OneDrive, κοινόχρηστος φάκελος δικτύου) κρατά ίδιο σε όλους. Ό,τι γράφει εκεί η κρύπτη είναι κρυπτογραφημένο.</translation>
    </message>
    <message>
        <source>This device&apos;s name</source>
        <translation>Όνομα αυτής της συσκευής</translation>
    </message>
    <message>
        <source>This device</source>
        <translation>Αυτή η συσκευή</translation>
    </message>
    <message>
        <source>Synced folder</source>
        <translation>Συγχρονισμένος φάκελος</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Φάκελος</translation>
    </message>
    <message>
        <source>Where sync stands</source>
        <translation>Πώς πάει ο συγχρονισμός</translation>
    </message>
    <message>
        <source>Sync</source>
        <translation>Συγχρονισμός</translation>
    </message>
    <message>
        <source>Your other devices</source>
        <translation>Οι άλλες συσκευές σας</translation>
    </message>
    <message>
        <source>Set up sync through a folder</source>
        <translation>Ρύθμιση συγχρονισμού μέσω φακέλου</translation>
    </message>
    <message>
        <source>Sync now</source>
        <translation>Συγχρονισμός τώρα</translation>
    </message>
    <message>
        <source>Remove the chosen device</source>
        <translation>Αφαίρεση της επιλεγμένης συσκευής</translation>
    </message>
    <message>
        <source>Setting up sync: writing this vault into the folder...</source>
        <translation>Ρύθμιση συγχρονισμού: η κρύπτη γράφεται στον φάκελο...</translation>
    </message>
    <message>
        <source>Set up s&amp;ync...</source>
        <translation>Ρύθμιση &amp;συγχρονισμού...</translation>
    </message>
    <message>
        <source>S&amp;ync now</source>
        <translation>Συγχ&amp;ρονισμός τώρα</translation>
    </message>
    <message>
        <source>&amp;Remove device...</source>
        <translation>&amp;Αφαίρεση συσκευής...</translation>
    </message>
    <message>
        <source>This vault now syncs through {0}. On your other computer, choose “Use a vault from a synced folder” on the welcome screen.</source>
        <translation>Αυτή η κρύπτη συγχρονίζεται πλέον μέσω του {0}. Στον άλλο υπολογιστή σας, επιλέξτε «Χρήση κρύπτης από συγχρονισμένο φάκελο» στην αρχική οθόνη.</translation>
    </message>
    <message>
        <source>Removed “{0}”. If someone may know its passphrase or your recovery code, change the passphrase on each remaining device and make a new recovery code.</source>
        <translation>Η συσκευή «{0}» αφαιρέθηκε. Αν κάποιος ίσως γνωρίζει τη φράση πρόσβασής της ή τον κωδικό ανάκτησής σας, αλλάξτε τη φράση πρόσβασης σε κάθε συσκευή που απομένει και δημιουργήστε νέο κωδικό ανάκτησης.</translation>
    </message>
    <message>
        <source>Its files written after the last one this computer applied are refused from now on, on every device, and what your devices write next is sealed with a new key it does not have. Changes it made and did not sync yet are lost. It cannot be undone: to use that computer again, join it from the welcome screen as a new device.

If someone may know that device&apos;s passphrase or your recovery code, change the passphrase on each remaining device and make a new recovery code.</source>
        <translation>Τα αρχεία της που γράφτηκαν μετά το τελευταίο που εφάρμοσε αυτός ο υπολογιστής θα απορρίπτονται από εδώ και πέρα, σε κάθε συσκευή, και ό,τι γράψουν στη συνέχεια οι συσκευές σας θα κρυπτογραφείται με νέο κλειδί που εκείνη δεν έχει. Οι αλλαγές που έκανε και δεν έχουν συγχρονιστεί ακόμη θα χαθούν. Αυτό δεν μπορεί να αναιρεθεί: για να χρησιμοποιήσετε ξανά εκείνον τον υπολογιστή, συνδέστε τον από την αρχική οθόνη ως νέα συσκευή.

Αν κάποιος ίσως γνωρίζει τη φράση πρόσβασης εκείνης της συσκευής ή τον κωδικό ανάκτησής σας, αλλάξτε τη φράση πρόσβασης σε κάθε συσκευή που απομένει και δημιουργήστε νέο κωδικό ανάκτησης.</translation>
    </message>
    <message>
        <source>Remove a device</source>
        <translation>Αφαίρεση συσκευής</translation>
    </message>
    <message>
        <source>Remove device</source>
        <translation>Αφαίρεση συσκευής</translation>
    </message>
    <message>
        <source>Set up sync</source>
        <translation>Ρύθμιση συγχρονισμού</translation>
    </message>
    <message>
        <source>Choose the synced folder</source>
        <translation>Επιλογή συγχρονισμένου φακέλου</translation>
    </message>
    <message>
        <source>&amp;Folder</source>
        <translation>&amp;Φάκελος</translation>
    </message>
    <message>
        <source>the computer&apos;s name</source>
        <translation>το όνομα του υπολογιστή</translation>
    </message>
    <message>
        <source>This device&apos;s &amp;name</source>
        <translation>&amp;Όνομα αυτής της συσκευής</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Φράση πρόσβασης</translation>
    </message>
    <message>
        <source>&amp;Passphrase</source>
        <translation>Φράση &amp;πρόσβασης</translation>
    </message>
    <message>
        <source>&amp;Start syncing</source>
        <translation>&amp;Έναρξη συγχρονισμού</translation>
    </message>
    <message>
        <source>Choose an empty folder that a sync program keeps in step between your computers (Syncthing, Nextcloud, Dropbox, OneDrive, a network share). The vault writes only sealed files into it: nothing there is readable without your passphrase or recovery code.</source>
        <translation>Επιλέξτε έναν κενό φάκελο που ένα πρόγραμμα συγχρονισμού κρατά ίδιο σε όλους τους υπολογιστές σας (Syncthing, Nextcloud, Dropbox, OneDrive, κοινόχρηστος φάκελος δικτύου). Η κρύπτη γράφει εκεί μόνο κρυπτογραφημένα αρχεία: τίποτα εκεί δεν διαβάζεται χωρίς τη φράση πρόσβασης ή τον κωδικό ανάκτησής σας.</translation>
    </message>
    <message>
        <source>&amp;Browse...</source>
        <translation>Α&amp;ναζήτηση...</translation>
    </message>
    <message>
        <source>Choose the folder first.</source>
        <translation>Επιλέξτε πρώτα τον φάκελο.</translation>
    </message>
    <message>
        <source>Enter your passphrase: it seals the folder&apos;s key file.</source>
        <translation>Πληκτρολογήστε τη φράση πρόσβασης: με αυτήν κρυπτογραφείται το αρχείο κλειδιών του φακέλου.</translation>
    </message>
    <message>
        <source>Remove the device “{0}” from this vault?</source>
        <translation>Να αφαιρεθεί η συσκευή «{0}» από αυτή την κρύπτη;</translation>
    </message>
</context>
<context>
    <name>DpvConcepts</name>
    <message>
        <source>Advertising</source>
        <translation>Διαφήμιση</translation>
    </message>
    <message>
        <source>Commercial purpose</source>
        <translation>Εμπορικός σκοπός</translation>
    </message>
    <message>
        <source>Communication for customer care</source>
        <translation>Επικοινωνία για την εξυπηρέτηση πελατών</translation>
    </message>
    <message>
        <source>Customer care</source>
        <translation>Εξυπηρέτηση πελατών</translation>
    </message>
    <message>
        <source>Customer relationship management</source>
        <translation>Διαχείριση σχέσεων με πελάτες</translation>
    </message>
    <message>
        <source>Direct marketing</source>
        <translation>Άμεσο μάρκετινγκ</translation>
    </message>
    <message>
        <source>Marketing</source>
        <translation>Μάρκετινγκ</translation>
    </message>
    <message>
        <source>Personalisation</source>
        <translation>Εξατομίκευση</translation>
    </message>
    <message>
        <source>Personalised advertising</source>
        <translation>Εξατομικευμένη διαφήμιση</translation>
    </message>
    <message>
        <source>Personalised benefits</source>
        <translation>Εξατομικευμένα οφέλη</translation>
    </message>
    <message>
        <source>Provide personalised recommendations</source>
        <translation>Παροχή εξατομικευμένων προτάσεων</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Σκοπός</translation>
    </message>
    <message>
        <source>Research and development</source>
        <translation>Έρευνα και ανάπτυξη</translation>
    </message>
    <message>
        <source>Rewards and loyalty</source>
        <translation>Ανταμοιβές και επιβράβευση</translation>
    </message>
    <message>
        <source>Service optimisation</source>
        <translation>Βελτιστοποίηση υπηρεσίας</translation>
    </message>
    <message>
        <source>Service personalisation</source>
        <translation>Εξατομίκευση υπηρεσίας</translation>
    </message>
    <message>
        <source>Service provision</source>
        <translation>Παροχή υπηρεσίας</translation>
    </message>
    <message>
        <source>Enforce security</source>
        <translation>Επιβολή ασφάλειας</translation>
    </message>
</context>
<context>
    <name>ExchangeWords</name>
    <message>
        <source>Personalising the service for you</source>
        <translation>Προσαρμογή της υπηρεσίας σε εσάς</translation>
    </message>
    <message>
        <source>Advertising chosen for you</source>
        <translation>Διαφημίσεις επιλεγμένες για εσάς</translation>
    </message>
    <message>
        <source>Sending you marketing</source>
        <translation>Αποστολή προωθητικού υλικού</translation>
    </message>
    <message>
        <source>Marketing (a broad purpose)</source>
        <translation>Μάρκετινγκ (ευρύς σκοπός)</translation>
    </message>
    <message>
        <source>Advertising</source>
        <translation>Διαφήμιση</translation>
    </message>
    <message>
        <source>Looking after you as a customer</source>
        <translation>Εξυπηρέτηση πελατών</translation>
    </message>
    <message>
        <source>Providing the service (a broad purpose)</source>
        <translation>Παροχή της υπηρεσίας (ευρύς σκοπός)</translation>
    </message>
    <message>
        <source>Improving the service</source>
        <translation>Βελτίωση της υπηρεσίας</translation>
    </message>
    <message>
        <source>Recommendations chosen for you</source>
        <translation>Προτάσεις επιλεγμένες για εσάς</translation>
    </message>
    <message>
        <source>Benefits chosen for you</source>
        <translation>Οφέλη επιλεγμένα για εσάς</translation>
    </message>
    <message>
        <source>Rewards and loyalty</source>
        <translation>Ανταμοιβές και επιβράβευση</translation>
    </message>
    <message>
        <source>Managing your relationship with the brand</source>
        <translation>Διαχείριση της σχέσης σας με την εταιρεία</translation>
    </message>
    <message>
        <source>Research and development (a broad purpose)</source>
        <translation>Έρευνα και ανάπτυξη (ευρύς σκοπός)</translation>
    </message>
    <message>
        <source>Personalisation</source>
        <translation>Εξατομίκευση</translation>
    </message>
    <message>
        <source>Commercial purposes (a broad purpose)</source>
        <translation>Εμπορικοί σκοποί (ευρύς σκοπός)</translation>
    </message>
    <message>
        <source>Unspecified purpose (a broad purpose)</source>
        <translation>Απροσδιόριστος σκοπός (ευρύς σκοπός)</translation>
    </message>
    <message>
        <source>Never sent</source>
        <translation>Δεν στάλθηκε ποτέ</translation>
    </message>
    <message>
        <source>the brand&apos;s server did not take it this time</source>
        <translation>ο διακομιστής της εταιρείας δεν το δέχτηκε αυτή τη φορά</translation>
    </message>
    <message>
        <source>Fetched from the brand&apos;s web address</source>
        <translation>Λήψη από τη διεύθυνση ιστού της εταιρείας</translation>
    </message>
    <message>
        <source>Imported from a file</source>
        <translation>Εισαγωγή από αρχείο</translation>
    </message>
    <message>
        <source>Imported from pasted text</source>
        <translation>Εισαγωγή από επικολλημένο κείμενο</translation>
    </message>
    <message>
        <source>Deleted by the brand, its other systems still deleting</source>
        <translation>Διαγράφηκαν από την εταιρεία, τα άλλα συστήματά της διαγράφουν ακόμη</translation>
    </message>
    <message>
        <source>Deletion failed in one of the brand&apos;s systems</source>
        <translation>Η διαγραφή απέτυχε σε ένα από τα συστήματα της εταιρείας</translation>
    </message>
    <message>
        <source>could not reach the brand</source>
        <translation>η εταιρεία δεν ήταν προσβάσιμη</translation>
    </message>
    <message>
        <source>the secure connection failed</source>
        <translation>η ασφαλής σύνδεση απέτυχε</translation>
    </message>
    <message>
        <source>the brand did not answer in time</source>
        <translation>η εταιρεία δεν απάντησε εγκαίρως</translation>
    </message>
    <message>
        <source>the brand&apos;s answer was too large</source>
        <translation>η απάντηση της εταιρείας ήταν πολύ μεγάλη</translation>
    </message>
    <message>
        <source>the brand&apos;s answer was not usable</source>
        <translation>η απάντηση της εταιρείας δεν ήταν αξιοποιήσιμη</translation>
    </message>
    <message>
        <source>the brand&apos;s address is refused</source>
        <translation>η διεύθυνση της εταιρείας απορρίπτεται</translation>
    </message>
    <message>
        <source>the vault does not go where the brand&apos;s address leads: this computer only as localhost or 127.0.0.1 and the local network only over https, both only for a brand whose request was fetched from its own address; special-purpose addresses never</source>
        <translation>η κρύπτη δεν πηγαίνει εκεί όπου οδηγεί η διεύθυνση της εταιρείας: σε αυτόν τον υπολογιστή μόνο ως localhost ή 127.0.0.1 και στο τοπικό δίκτυο μόνο μέσω https, και στις δύο περιπτώσεις μόνο για εταιρεία της οποίας το αίτημα λήφθηκε από τη δική της διεύθυνση· σε διευθύνσεις ειδικής χρήσης ποτέ</translation>
    </message>
    <message>
        <source>an error in this app</source>
        <translation>σφάλμα αυτής της εφαρμογής</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ναι</translation>
    </message>
    <message>
        <source>no</source>
        <translation>όχι</translation>
    </message>
    <message>
        <source>{words} (dpv:{concept})</source>
        <translation>{words} (dpv:{concept})</translation>
    </message>
    <message>
        <source>{kind}: {description}</source>
        <translation>{kind}: {description}</translation>
    </message>
    <message>
        <source>Active</source>
        <translation>Ενεργή</translation>
    </message>
    <message>
        <source>Expired</source>
        <translation>Έληξε</translation>
    </message>
    <message>
        <source>Revoked</source>
        <translation>Ανακλήθηκε</translation>
    </message>
    <message>
        <source>Revoked on {0}: the brand was told to delete it</source>
        <translation>Ανακλήθηκε στις {0}: η εταιρεία ενημερώθηκε να τα διαγράψει</translation>
    </message>
    <message>
        <source>Queued</source>
        <translation>Σε αναμονή</translation>
    </message>
    <message>
        <source>Delivered</source>
        <translation>Παραδόθηκε</translation>
    </message>
    <message>
        <source>Confirmed by the brand</source>
        <translation>Επιβεβαιώθηκε από την εταιρεία</translation>
    </message>
    <message>
        <source>Revocation waiting</source>
        <translation>Η ανάκληση εκκρεμεί</translation>
    </message>
    <message>
        <source>Deletion confirmed</source>
        <translation>Η διαγραφή επιβεβαιώθηκε</translation>
    </message>
    <message>
        <source>Revocation delivered, deletion not confirmed</source>
        <translation>Η ανάκληση παραδόθηκε, η διαγραφή δεν επιβεβαιώθηκε</translation>
    </message>
    <message>
        <source>something went wrong on the way</source>
        <translation>κάτι πήγε στραβά στη διαδρομή</translation>
    </message>
    <message>
        <source>{0} (a broad purpose)</source>
        <translation>{0} (ευρύς σκοπός)</translation>
    </message>
    <message>
        <source>Discount</source>
        <translation>Έκπτωση</translation>
    </message>
    <message>
        <source>Gift</source>
        <translation>Δώρο</translation>
    </message>
    <message>
        <source>Service</source>
        <translation>Υπηρεσία</translation>
    </message>
    <message>
        <source>Points</source>
        <translation>Πόντοι</translation>
    </message>
    <message>
        <source>Access</source>
        <translation>Πρόσβαση</translation>
    </message>
    <message>
        <source>Nothing in return</source>
        <translation>Τίποτα σε αντάλλαγμα</translation>
    </message>
    <message>
        <source>Signed receipt: deleted by the brand, still deleting elsewhere</source>
        <translation>Υπογεγραμμένη απόδειξη: η εταιρεία τα διέγραψε, η διαγραφή συνεχίζεται αλλού</translation>
    </message>
    <message>
        <source>Signed receipt: deletion failed in one of the brand&apos;s systems</source>
        <translation>Υπογεγραμμένη απόδειξη: η διαγραφή απέτυχε σε ένα από τα συστήματα της εταιρείας</translation>
    </message>
    <message>
        <source>Signed receipt: the brand paused its use</source>
        <translation>Υπογεγραμμένη απόδειξη: η εταιρεία σταμάτησε τη χρήση</translation>
    </message>
    <message>
        <source>Signed receipt: the brand may use it again</source>
        <translation>Υπογεγραμμένη απόδειξη: η εταιρεία μπορεί να τα χρησιμοποιεί ξανά</translation>
    </message>
    <message>
        <source>Active until {0}</source>
        <translation>Ενεργή έως {0}</translation>
    </message>
    <message>
        <source>Expired on {0}: the brand must delete it</source>
        <translation>Έληξε στις {0}: η εταιρεία πρέπει να τα διαγράψει</translation>
    </message>
    <message>
        <source>Refused</source>
        <translation>Απορρίφθηκε</translation>
    </message>
    <message>
        <source>Signed receipt: the brand stored it</source>
        <translation>Υπογεγραμμένη απόδειξη: η εταιρεία τα αποθήκευσε</translation>
    </message>
    <message>
        <source>Signed receipt: the brand deleted it</source>
        <translation>Υπογεγραμμένη απόδειξη: η εταιρεία τα διέγραψε</translation>
    </message>
    <message>
        <source>Queued, will retry: {0}</source>
        <translation>Σε αναμονή για νέα προσπάθεια: {0}</translation>
    </message>
    <message>
        <source>Refused: {0}</source>
        <translation>Απορρίφθηκε: {0}</translation>
    </message>
</context>
<context>
    <name>FieldChoices</name>
    <message>
        <source>email</source>
        <translation>email</translation>
    </message>
    <message>
        <source>SMS</source>
        <translation>SMS</translation>
    </message>
    <message>
        <source>post</source>
        <translation>ταχυδρομείο</translation>
    </message>
    <message>
        <source>phone</source>
        <translation>τηλέφωνο</translation>
    </message>
    <message>
        <source>push</source>
        <translation>ειδοποιήσεις push</translation>
    </message>
    <message>
        <source>messaging app</source>
        <translation>εφαρμογή μηνυμάτων</translation>
    </message>
    <message>
        <source>daily</source>
        <translation>καθημερινά</translation>
    </message>
    <message>
        <source>weekly</source>
        <translation>κάθε εβδομάδα</translation>
    </message>
    <message>
        <source>fortnightly</source>
        <translation>κάθε δύο εβδομάδες</translation>
    </message>
    <message>
        <source>monthly</source>
        <translation>κάθε μήνα</translation>
    </message>
    <message>
        <source>quarterly</source>
        <translation>κάθε τρίμηνο</translation>
    </message>
    <message>
        <source>never</source>
        <translation>ποτέ</translation>
    </message>
    <message>
        <source>new arrivals</source>
        <translation>νέες αφίξεις</translation>
    </message>
    <message>
        <source>offers</source>
        <translation>προσφορές</translation>
    </message>
    <message>
        <source>events</source>
        <translation>εκδηλώσεις</translation>
    </message>
    <message>
        <source>tips</source>
        <translation>συμβουλές</translation>
    </message>
    <message>
        <source>newsletter</source>
        <translation>ενημερωτικό δελτίο</translation>
    </message>
    <message>
        <source>surveys</source>
        <translation>έρευνες</translation>
    </message>
    <message>
        <source>loyalty</source>
        <translation>επιβράβευση</translation>
    </message>
    <message>
        <source>English</source>
        <translation>Αγγλικά</translation>
    </message>
    <message>
        <source>Greek</source>
        <translation>Ελληνικά</translation>
    </message>
    <message>
        <source>German</source>
        <translation>Γερμανικά</translation>
    </message>
    <message>
        <source>French</source>
        <translation>Γαλλικά</translation>
    </message>
    <message>
        <source>Spanish</source>
        <translation>Ισπανικά</translation>
    </message>
    <message>
        <source>Italian</source>
        <translation>Ιταλικά</translation>
    </message>
    <message>
        <source>Portuguese</source>
        <translation>Πορτογαλικά</translation>
    </message>
    <message>
        <source>Dutch</source>
        <translation>Ολλανδικά</translation>
    </message>
    <message>
        <source>Polish</source>
        <translation>Πολωνικά</translation>
    </message>
    <message>
        <source>Swedish</source>
        <translation>Σουηδικά</translation>
    </message>
    <message>
        <source>Danish</source>
        <translation>Δανικά</translation>
    </message>
    <message>
        <source>Finnish</source>
        <translation>Φινλανδικά</translation>
    </message>
    <message>
        <source>Czech</source>
        <translation>Τσεχικά</translation>
    </message>
    <message>
        <source>Romanian</source>
        <translation>Ρουμανικά</translation>
    </message>
    <message>
        <source>Hungarian</source>
        <translation>Ουγγρικά</translation>
    </message>
    <message>
        <source>Bulgarian</source>
        <translation>Βουλγαρικά</translation>
    </message>
    <message>
        <source>Croatian</source>
        <translation>Κροατικά</translation>
    </message>
    <message>
        <source>Slovak</source>
        <translation>Σλοβακικά</translation>
    </message>
    <message>
        <source>Slovenian</source>
        <translation>Σλοβενικά</translation>
    </message>
    <message>
        <source>Estonian</source>
        <translation>Εσθονικά</translation>
    </message>
    <message>
        <source>Latvian</source>
        <translation>Λετονικά</translation>
    </message>
    <message>
        <source>Lithuanian</source>
        <translation>Λιθουανικά</translation>
    </message>
    <message>
        <source>Irish</source>
        <translation>Ιρλανδικά</translation>
    </message>
    <message>
        <source>Maltese</source>
        <translation>Μαλτεζικά</translation>
    </message>
    <message>
        <source>Turkish</source>
        <translation>Τουρκικά</translation>
    </message>
    <message>
        <source>Arabic</source>
        <translation>Αραβικά</translation>
    </message>
    <message>
        <source>Chinese</source>
        <translation>Κινεζικά</translation>
    </message>
    <message>
        <source>Japanese</source>
        <translation>Ιαπωνικά</translation>
    </message>
    <message>
        <source>Korean</source>
        <translation>Κορεατικά</translation>
    </message>
    <message>
        <source>Hindi</source>
        <translation>Χίντι</translation>
    </message>
    <message>
        <source>Russian</source>
        <translation>Ρωσικά</translation>
    </message>
    <message>
        <source>Ukrainian</source>
        <translation>Ουκρανικά</translation>
    </message>
    <message>
        <source>morning</source>
        <translation>πρωί</translation>
    </message>
    <message>
        <source>afternoon</source>
        <translation>απόγευμα</translation>
    </message>
    <message>
        <source>evening</source>
        <translation>βράδυ</translation>
    </message>
    <message>
        <source>weekends</source>
        <translation>Σαββατοκύριακα</translation>
    </message>
    <message>
        <source>any</source>
        <translation>οποιαδήποτε</translation>
    </message>
    <message>
        <source>she/her</source>
        <translation>θηλυκές (αυτή)</translation>
    </message>
    <message>
        <source>he/him</source>
        <translation>αρσενικές (αυτός)</translation>
    </message>
    <message>
        <source>they/them</source>
        <translation>ουδέτερες (αυτό)</translation>
    </message>
    <message>
        <source>other</source>
        <translation>άλλο</translation>
    </message>
    <message>
        <source>prefer not to say</source>
        <translation>προτιμώ να μην το πω</translation>
    </message>
    <message>
        <source>under 18</source>
        <translation>κάτω των 18</translation>
    </message>
    <message>
        <source>18–24</source>
        <translation>18–24</translation>
    </message>
    <message>
        <source>25–34</source>
        <translation>25–34</translation>
    </message>
    <message>
        <source>35–44</source>
        <translation>35–44</translation>
    </message>
    <message>
        <source>45–54</source>
        <translation>45–54</translation>
    </message>
    <message>
        <source>55–64</source>
        <translation>55–64</translation>
    </message>
    <message>
        <source>65 or over</source>
        <translation>65 και άνω</translation>
    </message>
    <message>
        <source>woman</source>
        <translation>γυναίκα</translation>
    </message>
    <message>
        <source>man</source>
        <translation>άνδρας</translation>
    </message>
    <message>
        <source>non-binary</source>
        <translation>μη δυαδικό</translation>
    </message>
    <message>
        <source>XXS</source>
        <translation>XXS</translation>
    </message>
    <message>
        <source>XS</source>
        <translation>XS</translation>
    </message>
    <message>
        <source>S</source>
        <translation>S</translation>
    </message>
    <message>
        <source>M</source>
        <translation>M</translation>
    </message>
    <message>
        <source>L</source>
        <translation>L</translation>
    </message>
    <message>
        <source>XL</source>
        <translation>XL</translation>
    </message>
    <message>
        <source>XXL</source>
        <translation>XXL</translation>
    </message>
    <message>
        <source>XXXL</source>
        <translation>XXXL</translation>
    </message>
    <message>
        <source>slim</source>
        <translation>στενή</translation>
    </message>
    <message>
        <source>regular</source>
        <translation>κανονική</translation>
    </message>
    <message>
        <source>relaxed</source>
        <translation>χαλαρή</translation>
    </message>
    <message>
        <source>oversized</source>
        <translation>φαρδιά</translation>
    </message>
    <message>
        <source>black</source>
        <translation>μαύρο</translation>
    </message>
    <message>
        <source>white</source>
        <translation>λευκό</translation>
    </message>
    <message>
        <source>grey</source>
        <translation>γκρι</translation>
    </message>
    <message>
        <source>navy</source>
        <translation>σκούρο μπλε</translation>
    </message>
    <message>
        <source>blue</source>
        <translation>μπλε</translation>
    </message>
    <message>
        <source>green</source>
        <translation>πράσινο</translation>
    </message>
    <message>
        <source>red</source>
        <translation>κόκκινο</translation>
    </message>
    <message>
        <source>pink</source>
        <translation>ροζ</translation>
    </message>
    <message>
        <source>purple</source>
        <translation>μωβ</translation>
    </message>
    <message>
        <source>yellow</source>
        <translation>κίτρινο</translation>
    </message>
    <message>
        <source>orange</source>
        <translation>πορτοκαλί</translation>
    </message>
    <message>
        <source>brown</source>
        <translation>καφέ</translation>
    </message>
    <message>
        <source>beige</source>
        <translation>μπεζ</translation>
    </message>
    <message>
        <source>pastels</source>
        <translation>παστέλ</translation>
    </message>
    <message>
        <source>neutrals</source>
        <translation>ουδέτερα</translation>
    </message>
    <message>
        <source>bright</source>
        <translation>έντονα</translation>
    </message>
    <message>
        <source>budget</source>
        <translation>οικονομικός</translation>
    </message>
    <message>
        <source>mid-range</source>
        <translation>μεσαίος</translation>
    </message>
    <message>
        <source>premium</source>
        <translation>υψηλός</translation>
    </message>
    <message>
        <source>luxury</source>
        <translation>πολυτελείας</translation>
    </message>
    <message>
        <source>clothing</source>
        <translation>ρούχα</translation>
    </message>
    <message>
        <source>shoes</source>
        <translation>παπούτσια</translation>
    </message>
    <message>
        <source>accessories</source>
        <translation>αξεσουάρ</translation>
    </message>
    <message>
        <source>beauty</source>
        <translation>ομορφιά</translation>
    </message>
    <message>
        <source>home</source>
        <translation>είδη σπιτιού</translation>
    </message>
    <message>
        <source>electronics</source>
        <translation>ηλεκτρονικά</translation>
    </message>
    <message>
        <source>sports</source>
        <translation>αθλητικά</translation>
    </message>
    <message>
        <source>books</source>
        <translation>βιβλία</translation>
    </message>
    <message>
        <source>food</source>
        <translation>τρόφιμα</translation>
    </message>
    <message>
        <source>toys</source>
        <translation>παιχνίδια</translation>
    </message>
    <message>
        <source>garden</source>
        <translation>κήπος</translation>
    </message>
    <message>
        <source>organic</source>
        <translation>βιολογικά</translation>
    </message>
    <message>
        <source>recycled</source>
        <translation>ανακυκλωμένα</translation>
    </message>
    <message>
        <source>local</source>
        <translation>τοπικά</translation>
    </message>
    <message>
        <source>fair trade</source>
        <translation>δίκαιο εμπόριο</translation>
    </message>
    <message>
        <source>second-hand</source>
        <translation>μεταχειρισμένα</translation>
    </message>
    <message>
        <source>repairable</source>
        <translation>επισκευάσιμα</translation>
    </message>
    <message>
        <source>low packaging</source>
        <translation>λίγη συσκευασία</translation>
    </message>
    <message>
        <source>vegan materials</source>
        <translation>vegan υλικά</translation>
    </message>
    <message>
        <source>classic</source>
        <translation>κλασικό</translation>
    </message>
    <message>
        <source>casual</source>
        <translation>καθημερινό</translation>
    </message>
    <message>
        <source>sporty</source>
        <translation>σπορ</translation>
    </message>
    <message>
        <source>formal</source>
        <translation>επίσημο</translation>
    </message>
    <message>
        <source>streetwear</source>
        <translation>streetwear</translation>
    </message>
    <message>
        <source>minimalist</source>
        <translation>μινιμαλιστικό</translation>
    </message>
    <message>
        <source>bohemian</source>
        <translation>μποέμ</translation>
    </message>
    <message>
        <source>online</source>
        <translation>διαδικτυακά</translation>
    </message>
    <message>
        <source>in store</source>
        <translation>στο κατάστημα</translation>
    </message>
    <message>
        <source>both</source>
        <translation>και τα δύο</translation>
    </message>
    <message>
        <source>omnivore</source>
        <translation>παμφάγος</translation>
    </message>
    <message>
        <source>flexitarian</source>
        <translation>ευέλικτη χορτοφαγία</translation>
    </message>
    <message>
        <source>pescatarian</source>
        <translation>πεσκετάριος</translation>
    </message>
    <message>
        <source>vegetarian</source>
        <translation>χορτοφάγος</translation>
    </message>
    <message>
        <source>vegan</source>
        <translation>vegan</translation>
    </message>
    <message>
        <source>halal</source>
        <translation>χαλάλ</translation>
    </message>
    <message>
        <source>kosher</source>
        <translation>κόσερ</translation>
    </message>
    <message>
        <source>hindu vegetarian</source>
        <translation>ινδουιστική χορτοφαγία</translation>
    </message>
    <message>
        <source>jain</source>
        <translation>τζαϊνιστική</translation>
    </message>
    <message>
        <source>no pork</source>
        <translation>χωρίς χοιρινό</translation>
    </message>
    <message>
        <source>no beef</source>
        <translation>χωρίς μοσχάρι</translation>
    </message>
    <message>
        <source>peanuts</source>
        <translation>αράπικα φιστίκια</translation>
    </message>
    <message>
        <source>tree nuts</source>
        <translation>ξηροί καρποί</translation>
    </message>
    <message>
        <source>milk</source>
        <translation>γάλα</translation>
    </message>
    <message>
        <source>eggs</source>
        <translation>αυγά</translation>
    </message>
    <message>
        <source>fish</source>
        <translation>ψάρια</translation>
    </message>
    <message>
        <source>shellfish</source>
        <translation>οστρακοειδή</translation>
    </message>
    <message>
        <source>soy</source>
        <translation>σόγια</translation>
    </message>
    <message>
        <source>wheat</source>
        <translation>σιτάρι</translation>
    </message>
    <message>
        <source>sesame</source>
        <translation>σουσάμι</translation>
    </message>
    <message>
        <source>mustard</source>
        <translation>μουστάρδα</translation>
    </message>
    <message>
        <source>celery</source>
        <translation>σέλινο</translation>
    </message>
    <message>
        <source>lupin</source>
        <translation>λούπινο</translation>
    </message>
    <message>
        <source>sulphites</source>
        <translation>θειώδη</translation>
    </message>
    <message>
        <source>lactose</source>
        <translation>λακτόζη</translation>
    </message>
    <message>
        <source>gluten</source>
        <translation>γλουτένη</translation>
    </message>
    <message>
        <source>fructose</source>
        <translation>φρουκτόζη</translation>
    </message>
    <message>
        <source>histamine</source>
        <translation>ισταμίνη</translation>
    </message>
    <message>
        <source>caffeine</source>
        <translation>καφεΐνη</translation>
    </message>
    <message>
        <source>greek</source>
        <translation>ελληνική</translation>
    </message>
    <message>
        <source>italian</source>
        <translation>ιταλική</translation>
    </message>
    <message>
        <source>french</source>
        <translation>γαλλική</translation>
    </message>
    <message>
        <source>spanish</source>
        <translation>ισπανική</translation>
    </message>
    <message>
        <source>indian</source>
        <translation>ινδική</translation>
    </message>
    <message>
        <source>chinese</source>
        <translation>κινέζικη</translation>
    </message>
    <message>
        <source>japanese</source>
        <translation>ιαπωνική</translation>
    </message>
    <message>
        <source>thai</source>
        <translation>ταϊλανδέζικη</translation>
    </message>
    <message>
        <source>mexican</source>
        <translation>μεξικάνικη</translation>
    </message>
    <message>
        <source>middle eastern</source>
        <translation>μεσανατολίτικη</translation>
    </message>
    <message>
        <source>korean</source>
        <translation>κορεατική</translation>
    </message>
    <message>
        <source>vietnamese</source>
        <translation>βιετναμέζικη</translation>
    </message>
    <message>
        <source>american</source>
        <translation>αμερικάνικη</translation>
    </message>
    <message>
        <source>a few times a week</source>
        <translation>μερικές φορές την εβδομάδα</translation>
    </message>
    <message>
        <source>rarely</source>
        <translation>σπάνια</translation>
    </message>
    <message>
        <source>dry</source>
        <translation>ξηρό</translation>
    </message>
    <message>
        <source>oily</source>
        <translation>λιπαρό</translation>
    </message>
    <message>
        <source>combination</source>
        <translation>μικτό</translation>
    </message>
    <message>
        <source>normal</source>
        <translation>κανονικό</translation>
    </message>
    <message>
        <source>sensitive</source>
        <translation>ευαίσθητο</translation>
    </message>
    <message>
        <source>acne</source>
        <translation>ακμή</translation>
    </message>
    <message>
        <source>eczema</source>
        <translation>έκζεμα</translation>
    </message>
    <message>
        <source>rosacea</source>
        <translation>ροδόχρους νόσος</translation>
    </message>
    <message>
        <source>psoriasis</source>
        <translation>ψωρίαση</translation>
    </message>
    <message>
        <source>pigmentation</source>
        <translation>δυσχρωμίες</translation>
    </message>
    <message>
        <source>ageing</source>
        <translation>γήρανση</translation>
    </message>
    <message>
        <source>straight</source>
        <translation>ίσια</translation>
    </message>
    <message>
        <source>wavy</source>
        <translation>κυματιστά</translation>
    </message>
    <message>
        <source>curly</source>
        <translation>σγουρά</translation>
    </message>
    <message>
        <source>coily</source>
        <translation>πολύ σγουρά</translation>
    </message>
    <message>
        <source>fine</source>
        <translation>λεπτά</translation>
    </message>
    <message>
        <source>thick</source>
        <translation>πυκνά</translation>
    </message>
    <message>
        <source>floral</source>
        <translation>λουλουδένια</translation>
    </message>
    <message>
        <source>woody</source>
        <translation>ξυλώδη</translation>
    </message>
    <message>
        <source>fresh</source>
        <translation>δροσερά</translation>
    </message>
    <message>
        <source>citrus</source>
        <translation>εσπεριδοειδή</translation>
    </message>
    <message>
        <source>oriental</source>
        <translation>οριεντάλ</translation>
    </message>
    <message>
        <source>gourmand</source>
        <translation>γλυκά (gourmand)</translation>
    </message>
    <message>
        <source>none</source>
        <translation>κανένα</translation>
    </message>
    <message>
        <source>cruelty free</source>
        <translation>χωρίς δοκιμές σε ζώα</translation>
    </message>
    <message>
        <source>fragrance free</source>
        <translation>χωρίς άρωμα</translation>
    </message>
    <message>
        <source>refillable</source>
        <translation>επαναπληρώσιμα</translation>
    </message>
    <message>
        <source>natural</source>
        <translation>φυσικά</translation>
    </message>
    <message>
        <source>baby</source>
        <translation>βρέφος</translation>
    </message>
    <message>
        <source>toddler</source>
        <translation>νήπιο</translation>
    </message>
    <message>
        <source>primary</source>
        <translation>δημοτικό</translation>
    </message>
    <message>
        <source>teen</source>
        <translation>έφηβος</translation>
    </message>
    <message>
        <source>dog</source>
        <translation>σκύλος</translation>
    </message>
    <message>
        <source>cat</source>
        <translation>γάτα</translation>
    </message>
    <message>
        <source>bird</source>
        <translation>πουλί</translation>
    </message>
    <message>
        <source>rabbit</source>
        <translation>κουνέλι</translation>
    </message>
    <message>
        <source>reptile</source>
        <translation>ερπετό</translation>
    </message>
    <message>
        <source>flat</source>
        <translation>διαμέρισμα</translation>
    </message>
    <message>
        <source>house</source>
        <translation>μονοκατοικία</translation>
    </message>
    <message>
        <source>shared</source>
        <translation>συγκατοίκηση</translation>
    </message>
    <message>
        <source>yearly</source>
        <translation>μία φορά τον χρόνο</translation>
    </message>
    <message>
        <source>a few times a year</source>
        <translation>μερικές φορές τον χρόνο</translation>
    </message>
    <message>
        <source>city</source>
        <translation>πόλη</translation>
    </message>
    <message>
        <source>beach</source>
        <translation>παραλία</translation>
    </message>
    <message>
        <source>mountains</source>
        <translation>βουνό</translation>
    </message>
    <message>
        <source>adventure</source>
        <translation>περιπέτεια</translation>
    </message>
    <message>
        <source>cultural</source>
        <translation>πολιτιστικά</translation>
    </message>
    <message>
        <source>family</source>
        <translation>οικογενειακά</translation>
    </message>
    <message>
        <source>business</source>
        <translation>επαγγελματικά</translation>
    </message>
    <message>
        <source>europe</source>
        <translation>Ευρώπη</translation>
    </message>
    <message>
        <source>africa</source>
        <translation>Αφρική</translation>
    </message>
    <message>
        <source>asia</source>
        <translation>Ασία</translation>
    </message>
    <message>
        <source>north america</source>
        <translation>Βόρεια Αμερική</translation>
    </message>
    <message>
        <source>south america</source>
        <translation>Νότια Αμερική</translation>
    </message>
    <message>
        <source>oceania</source>
        <translation>Ωκεανία</translation>
    </message>
    <message>
        <source>window</source>
        <translation>παράθυρο</translation>
    </message>
    <message>
        <source>aisle</source>
        <translation>διάδρομος</translation>
    </message>
    <message>
        <source>reading</source>
        <translation>διάβασμα</translation>
    </message>
    <message>
        <source>gaming</source>
        <translation>βιντεοπαιχνίδια</translation>
    </message>
    <message>
        <source>cooking</source>
        <translation>μαγειρική</translation>
    </message>
    <message>
        <source>gardening</source>
        <translation>κηπουρική</translation>
    </message>
    <message>
        <source>photography</source>
        <translation>φωτογραφία</translation>
    </message>
    <message>
        <source>crafts</source>
        <translation>χειροτεχνία</translation>
    </message>
    <message>
        <source>music</source>
        <translation>μουσική</translation>
    </message>
    <message>
        <source>film</source>
        <translation>κινηματογράφος</translation>
    </message>
    <message>
        <source>hiking</source>
        <translation>πεζοπορία</translation>
    </message>
    <message>
        <source>DIY</source>
        <translation>μαστορέματα (DIY)</translation>
    </message>
    <message>
        <source>running</source>
        <translation>τρέξιμο</translation>
    </message>
    <message>
        <source>cycling</source>
        <translation>ποδηλασία</translation>
    </message>
    <message>
        <source>football</source>
        <translation>ποδόσφαιρο</translation>
    </message>
    <message>
        <source>basketball</source>
        <translation>μπάσκετ</translation>
    </message>
    <message>
        <source>tennis</source>
        <translation>τένις</translation>
    </message>
    <message>
        <source>swimming</source>
        <translation>κολύμβηση</translation>
    </message>
    <message>
        <source>yoga</source>
        <translation>γιόγκα</translation>
    </message>
    <message>
        <source>gym</source>
        <translation>γυμναστήριο</translation>
    </message>
    <message>
        <source>climbing</source>
        <translation>αναρρίχηση</translation>
    </message>
    <message>
        <source>skiing</source>
        <translation>σκι</translation>
    </message>
    <message>
        <source>pop</source>
        <translation>ποπ</translation>
    </message>
    <message>
        <source>rock</source>
        <translation>ροκ</translation>
    </message>
    <message>
        <source>jazz</source>
        <translation>τζαζ</translation>
    </message>
    <message>
        <source>classical</source>
        <translation>κλασική</translation>
    </message>
    <message>
        <source>electronic</source>
        <translation>ηλεκτρονική</translation>
    </message>
    <message>
        <source>hip hop</source>
        <translation>χιπ χοπ</translation>
    </message>
    <message>
        <source>folk</source>
        <translation>παραδοσιακή</translation>
    </message>
    <message>
        <source>metal</source>
        <translation>μέταλ</translation>
    </message>
    <message>
        <source>fiction</source>
        <translation>λογοτεχνία</translation>
    </message>
    <message>
        <source>crime</source>
        <translation>αστυνομικά</translation>
    </message>
    <message>
        <source>science fiction</source>
        <translation>επιστημονική φαντασία</translation>
    </message>
    <message>
        <source>fantasy</source>
        <translation>φαντασία</translation>
    </message>
    <message>
        <source>history</source>
        <translation>ιστορία</translation>
    </message>
    <message>
        <source>biography</source>
        <translation>βιογραφίες</translation>
    </message>
    <message>
        <source>science</source>
        <translation>επιστήμη</translation>
    </message>
    <message>
        <source>poetry</source>
        <translation>ποίηση</translation>
    </message>
    <message>
        <source>environment</source>
        <translation>περιβάλλον</translation>
    </message>
    <message>
        <source>animal welfare</source>
        <translation>προστασία των ζώων</translation>
    </message>
    <message>
        <source>education</source>
        <translation>εκπαίδευση</translation>
    </message>
    <message>
        <source>health research</source>
        <translation>έρευνα για την υγεία</translation>
    </message>
    <message>
        <source>poverty</source>
        <translation>φτώχεια</translation>
    </message>
    <message>
        <source>human rights</source>
        <translation>ανθρώπινα δικαιώματα</translation>
    </message>
</context>
<context>
    <name>FieldEditors</name>
    <message>
        <source>Not set</source>
        <translation>Δεν έχει οριστεί</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Επιλέξτε…</translation>
    </message>
    <message>
        <source>name@example.org</source>
        <translation>name@example.org</translation>
    </message>
    <message>
        <source>Two letters, like GR</source>
        <translation>Δύο γράμματα, π.χ. GR</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ναι</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Όχι</translation>
    </message>
    <message>
        <source>Value of {0}</source>
        <translation>Τιμή του πεδίου {0}</translation>
    </message>
</context>
<context>
    <name>FieldLabels</name>
    <message>
        <source>How to contact me</source>
        <translation>Πώς να επικοινωνείτε μαζί μου</translation>
    </message>
    <message>
        <source>How often</source>
        <translation>Πόσο συχνά</translation>
    </message>
    <message>
        <source>Topics I want to hear about</source>
        <translation>Θέματα που με ενδιαφέρουν</translation>
    </message>
    <message>
        <source>Preferred language</source>
        <translation>Προτιμώμενη γλώσσα</translation>
    </message>
    <message>
        <source>Best time to contact me</source>
        <translation>Καλύτερη ώρα επικοινωνίας</translation>
    </message>
    <message>
        <source>Email address</source>
        <translation>Διεύθυνση email</translation>
    </message>
    <message>
        <source>Preferred name</source>
        <translation>Προτιμώμενο όνομα</translation>
    </message>
    <message>
        <source>Pronouns</source>
        <translation>Αντωνυμίες</translation>
    </message>
    <message>
        <source>Country</source>
        <translation>Χώρα</translation>
    </message>
    <message>
        <source>Birthday (month and day)</source>
        <translation>Γενέθλια (μήνας και ημέρα)</translation>
    </message>
    <message>
        <source>Age range</source>
        <translation>Ηλικιακή ομάδα</translation>
    </message>
    <message>
        <source>Gender</source>
        <translation>Φύλο</translation>
    </message>
    <message>
        <source>Clothing size (tops)</source>
        <translation>Μέγεθος ρούχων (πάνω μέρος)</translation>
    </message>
    <message>
        <source>Clothing size (bottoms)</source>
        <translation>Μέγεθος ρούχων (κάτω μέρος)</translation>
    </message>
    <message>
        <source>Shoe size (EU)</source>
        <translation>Νούμερο παπουτσιών (EU)</translation>
    </message>
    <message>
        <source>Preferred fit</source>
        <translation>Προτιμώμενη εφαρμογή</translation>
    </message>
    <message>
        <source>Favourite colours</source>
        <translation>Αγαπημένα χρώματα</translation>
    </message>
    <message>
        <source>Typical budget</source>
        <translation>Συνήθης προϋπολογισμός</translation>
    </message>
    <message>
        <source>What I shop for</source>
        <translation>Τι ψωνίζω</translation>
    </message>
    <message>
        <source>Sustainability matters to me</source>
        <translation>Με ενδιαφέρει η βιωσιμότητα</translation>
    </message>
    <message>
        <source>My style</source>
        <translation>Το στυλ μου</translation>
    </message>
    <message>
        <source>Where I like to shop</source>
        <translation>Πού μου αρέσει να ψωνίζω</translation>
    </message>
    <message>
        <source>Diet</source>
        <translation>Διατροφή</translation>
    </message>
    <message>
        <source>Religious dietary rules</source>
        <translation>Θρησκευτικοί διατροφικοί κανόνες</translation>
    </message>
    <message>
        <source>Food allergies</source>
        <translation>Τροφικές αλλεργίες</translation>
    </message>
    <message>
        <source>Food intolerances</source>
        <translation>Τροφικές δυσανεξίες</translation>
    </message>
    <message>
        <source>Favourite cuisines</source>
        <translation>Αγαπημένες κουζίνες</translation>
    </message>
    <message>
        <source>How often I cook</source>
        <translation>Πόσο συχνά μαγειρεύω</translation>
    </message>
    <message>
        <source>Skin type</source>
        <translation>Τύπος δέρματος</translation>
    </message>
    <message>
        <source>Skin conditions</source>
        <translation>Δερματικές παθήσεις</translation>
    </message>
    <message>
        <source>Hair type</source>
        <translation>Τύπος μαλλιών</translation>
    </message>
    <message>
        <source>Fragrances I like</source>
        <translation>Αρώματα που μου αρέσουν</translation>
    </message>
    <message>
        <source>Beauty values</source>
        <translation>Αξίες στην ομορφιά</translation>
    </message>
    <message>
        <source>People in my household</source>
        <translation>Άτομα στο νοικοκυριό μου</translation>
    </message>
    <message>
        <source>Ages of children at home</source>
        <translation>Ηλικίες παιδιών στο σπίτι</translation>
    </message>
    <message>
        <source>Pets</source>
        <translation>Κατοικίδια</translation>
    </message>
    <message>
        <source>Type of home</source>
        <translation>Είδος κατοικίας</translation>
    </message>
    <message>
        <source>I have a garden or balcony</source>
        <translation>Έχω κήπο ή μπαλκόνι</translation>
    </message>
    <message>
        <source>How often I travel</source>
        <translation>Πόσο συχνά ταξιδεύω</translation>
    </message>
    <message>
        <source>How I like to travel</source>
        <translation>Πώς μου αρέσει να ταξιδεύω</translation>
    </message>
    <message>
        <source>Where I like to go</source>
        <translation>Πού μου αρέσει να πηγαίνω</translation>
    </message>
    <message>
        <source>Seat preference</source>
        <translation>Προτίμηση θέσης</translation>
    </message>
    <message>
        <source>Accessibility needs</source>
        <translation>Ανάγκες προσβασιμότητας</translation>
    </message>
    <message>
        <source>Hobbies</source>
        <translation>Χόμπι</translation>
    </message>
    <message>
        <source>Sports</source>
        <translation>Αθλήματα</translation>
    </message>
    <message>
        <source>Music</source>
        <translation>Μουσική</translation>
    </message>
    <message>
        <source>Books</source>
        <translation>Βιβλία</translation>
    </message>
    <message>
        <source>Causes I support</source>
        <translation>Σκοποί που υποστηρίζω</translation>
    </message>
    <message>
        <source>Religion or belief</source>
        <translation>Θρησκεία ή πεποιθήσεις</translation>
    </message>
    <message>
        <source>Political views</source>
        <translation>Πολιτικές απόψεις</translation>
    </message>
</context>
<context>
    <name>FieldRow</name>
    <message>
        <source>⚠ Special category</source>
        <translation>⚠ Ειδική κατηγορία</translation>
    </message>
    <message>
        <source>Health, religion or other special-category data (GDPR Art. 9). Share it only if you are sure.</source>
        <translation>Υγεία, θρησκεία ή άλλα δεδομένα ειδικής κατηγορίας (άρθρο 9 ΓΚΠΔ). Κοινοποιήστε τα μόνο αν είστε σίγουροι.</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Υποχρεωτικό</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Προαιρετικό</translation>
    </message>
    <message>
        <source>Your value: {value}</source>
        <translation>Η τιμή σας: {value}</translation>
    </message>
    <message>
        <source>No value: set it in My data</source>
        <translation>Χωρίς τιμή: ορίστε την στα Δεδομένα μου</translation>
    </message>
    <message>
        <source>The brand gets your alias for it: {alias}</source>
        <translation>Η εταιρεία λαμβάνει το ψευδώνυμό σας γι’ αυτό: {alias}</translation>
    </message>
    <message>
        <source>Why they ask: {why}</source>
        <translation>Γιατί το ζητούν: {why}</translation>
    </message>
    <message>
        <source>Required.</source>
        <translation>Υποχρεωτικό.</translation>
    </message>
    <message>
        <source>Optional.</source>
        <translation>Προαιρετικό.</translation>
    </message>
    <message>
        <source>Special-category data (GDPR Art. 9).</source>
        <translation>Δεδομένα ειδικής κατηγορίας (άρθρο 9 ΓΚΠΔ).</translation>
    </message>
    <message>
        <source>Share {field}</source>
        <translation>Κοινοποίηση: {field}</translation>
    </message>
    <message>
        <source>Required: the brand needs this one to accept a share.</source>
        <translation>Υποχρεωτικό: η εταιρεία το χρειάζεται για να δεχτεί την κοινοποίηση.</translation>
    </message>
    <message>
        <source>Nothing to share yet: set a value in My data.</source>
        <translation>Τίποτα για κοινοποίηση ακόμη: ορίστε μια τιμή στα Δεδομένα μου.</translation>
    </message>
</context>
<context>
    <name>FieldWords</name>
    <message>
        <source>Contact</source>
        <translation>Επικοινωνία</translation>
    </message>
    <message>
        <source>About me</source>
        <translation>Σχετικά με εμένα</translation>
    </message>
    <message>
        <source>Shopping</source>
        <translation>Αγορές</translation>
    </message>
    <message>
        <source>Food</source>
        <translation>Φαγητό</translation>
    </message>
    <message>
        <source>Beauty</source>
        <translation>Ομορφιά</translation>
    </message>
    <message>
        <source>Home</source>
        <translation>Σπίτι</translation>
    </message>
    <message>
        <source>Travel</source>
        <translation>Ταξίδια</translation>
    </message>
    <message>
        <source>Interests</source>
        <translation>Ενδιαφέροντα</translation>
    </message>
    <message>
        <source>My own fields</source>
        <translation>Τα δικά μου πεδία</translation>
    </message>
    <message>
        <source>Special category</source>
        <translation>Ειδική κατηγορία</translation>
    </message>
    <message>
        <source>Personal</source>
        <translation>Προσωπική</translation>
    </message>
    <message>
        <source>Everyday</source>
        <translation>Καθημερινή</translation>
    </message>
    <message>
        <source>Special category data (GDPR Article 9): health, religion or belief, ethnicity, biometrics, sex life or sexual orientation, political opinions. The law protects it more strongly, and this app always warns you before sharing it.</source>
        <translation>Δεδομένα ειδικής κατηγορίας (άρθρο 9 ΓΚΠΔ): υγεία, θρησκεία ή πεποιθήσεις, εθνοτική καταγωγή, βιομετρικά στοιχεία, σεξουαλική ζωή ή σεξουαλικός προσανατολισμός, πολιτικά φρονήματα. Ο νόμος τα προστατεύει αυστηρότερα, και αυτή η εφαρμογή σάς προειδοποιεί πάντα πριν τα κοινοποιήσετε.</translation>
    </message>
    <message>
        <source>Personal: says something about who you are; share it with care.</source>
        <translation>Προσωπική: λέει κάτι για το ποιος είστε· κοινοποιήστε το με προσοχή.</translation>
    </message>
    <message>
        <source>Low: a preference that says little about you on its own.</source>
        <translation>Χαμηλή: μια προτίμηση που από μόνη της λέει λίγα για εσάς.</translation>
    </message>
    <message>
        <source>Text</source>
        <translation>Κείμενο</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Αριθμός</translation>
    </message>
    <message>
        <source>One of a list</source>
        <translation>Ένα από λίστα</translation>
    </message>
    <message>
        <source>Several of a list</source>
        <translation>Πολλά από λίστα</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Ημερομηνία</translation>
    </message>
    <message>
        <source>Yes or no</source>
        <translation>Ναι ή όχι</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ναι</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Όχι</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>This needs text.</source>
        <translation>Εδώ χρειάζεται κείμενο.</translation>
    </message>
    <message>
        <source>This cannot be empty; use Clear to remove the value.</source>
        <translation>Δεν μπορεί να είναι κενό· χρησιμοποιήστε την Απαλοιφή για να αφαιρέσετε την τιμή.</translation>
    </message>
    <message>
        <source>This is too long: at most {0} characters.</source>
        <translation>Είναι πολύ μεγάλο: έως {0} χαρακτήρες.</translation>
    </message>
    <message>
        <source>This contains invisible control characters; retype it.</source>
        <translation>Περιέχει αόρατους χαρακτήρες ελέγχου· πληκτρολογήστε το ξανά.</translation>
    </message>
    <message>
        <source>This is not an email address (like name@example.org).</source>
        <translation>Δεν είναι διεύθυνση email (όπως name@example.org).</translation>
    </message>
    <message>
        <source>Use the two-letter country code, like GR or DE.</source>
        <translation>Χρησιμοποιήστε τον διψήφιο κωδικό χώρας, όπως GR ή DE.</translation>
    </message>
    <message>
        <source>This needs a number.</source>
        <translation>Εδώ χρειάζεται αριθμός.</translation>
    </message>
    <message>
        <source>The smallest value allowed is {0}.</source>
        <translation>Η μικρότερη επιτρεπτή τιμή είναι {0}.</translation>
    </message>
    <message>
        <source>The largest value allowed is {0}.</source>
        <translation>Η μεγαλύτερη επιτρεπτή τιμή είναι {0}.</translation>
    </message>
    <message>
        <source>Use steps of {0}.</source>
        <translation>Χρησιμοποιήστε βήματα του {0}.</translation>
    </message>
    <message>
        <source>Pick one of the choices offered.</source>
        <translation>Διαλέξτε μία από τις διαθέσιμες επιλογές.</translation>
    </message>
    <message>
        <source>This needs a month and a day (MM-DD) that exist.</source>
        <translation>Εδώ χρειάζεται υπαρκτός μήνας και ημέρα (MM-DD).</translation>
    </message>
    <message>
        <source>This needs a date that exists (YYYY-MM-DD).</source>
        <translation>Εδώ χρειάζεται υπαρκτή ημερομηνία (YYYY-MM-DD).</translation>
    </message>
    <message>
        <source>This needs yes or no.</source>
        <translation>Εδώ χρειάζεται ναι ή όχι.</translation>
    </message>
    <message>
        <source>This number is too large: at most {0} either way.</source>
        <translation>Ο αριθμός είναι πολύ μεγάλος: το πολύ {0}, θετικός ή αρνητικός.</translation>
    </message>
    <message>
        <source>Pick each choice only once.</source>
        <translation>Επιλέξτε κάθε επιλογή μόνο μία φορά.</translation>
    </message>
    <message>
        <source>This value does not fit the field ({0}).</source>
        <translation>Αυτή η τιμή δεν ταιριάζει στο πεδίο ({0}).</translation>
    </message>
    <message>
        <source>The key must be 1 to 40 lowercase letters, digits or underscores.</source>
        <translation>Το κλειδί πρέπει να έχει 1 έως 40 πεζά λατινικά γράμματα, ψηφία ή κάτω παύλες.</translation>
    </message>
    <message>
        <source>The name must be 1 to 80 characters, without control characters.</source>
        <translation>Το όνομα πρέπει να έχει 1 έως 80 χαρακτήρες, χωρίς χαρακτήρες ελέγχου.</translation>
    </message>
    <message>
        <source>A list field needs 1 to 50 choices, one per line; other types take none.</source>
        <translation>Ένα πεδίο λίστας χρειάζεται 1 έως 50 επιλογές, μία ανά γραμμή· οι άλλοι τύποι δεν έχουν επιλογές.</translation>
    </message>
    <message>
        <source>You already have a field with this key: choose another.</source>
        <translation>Έχετε ήδη πεδίο με αυτό το κλειδί: επιλέξτε άλλο.</translation>
    </message>
</context>
<context>
    <name>FieldsDelegate</name>
    <message>
        <source>Not set</source>
        <translation>Δεν έχει οριστεί</translation>
    </message>
</context>
<context>
    <name>FieldsModel</name>
    <message>
        <source>Category</source>
        <translation>Κατηγορία</translation>
    </message>
    <message>
        <source>Field</source>
        <translation>Πεδίο</translation>
    </message>
    <message>
        <source>Sensitivity</source>
        <translation>Ευαισθησία</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Τιμή</translation>
    </message>
    <message>
        <source>Not set</source>
        <translation>Δεν έχει οριστεί</translation>
    </message>
    <message>
        <source>{0}; shared with {1}</source>
        <translation>{0}· κοινοποιήθηκε σε {1}</translation>
    </message>
    <message>
        <source>{0} ({1}), key: {2}</source>
        <translation>{0} ({1}), κλειδί: {2}</translation>
    </message>
    <message>
        <source>Not set: double-click or press Enter to fill in.</source>
        <translation>Δεν έχει οριστεί: κάντε διπλό κλικ ή πατήστε Enter για να τη συμπληρώσετε.</translation>
    </message>
    <message>
        <source>Shared with {0}: a change is sent to them.</source>
        <translation>Κοινοποιήθηκε σε {0}: μια αλλαγή τους στέλνεται.</translation>
    </message>
</context>
<context>
    <name>GrantModels</name>
    <message>
        <source>required</source>
        <translation>υποχρεωτικό</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>προαιρετικό</translation>
    </message>
    <message>
        <source>{field} ({need})</source>
        <translation>{field} ({need})</translation>
    </message>
    <message>
        <source>Your email went as the alias {0}, given only to this brand.</source>
        <translation>Το email σας δόθηκε ως το ψευδώνυμο {0}, μόνο σε αυτή την εταιρεία.</translation>
    </message>
</context>
<context>
    <name>GrantsModel</name>
    <message>
        <source>Brand</source>
        <translation>Εταιρεία</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Σκοπός</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>Πεδία</translation>
    </message>
    <message>
        <source>Offer</source>
        <translation>Προσφορά</translation>
    </message>
    <message>
        <source>Until</source>
        <translation>Έως</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Κατάσταση</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Παράδοση</translation>
    </message>
    <message>
        <source>1 attempt</source>
        <translation>1 προσπάθεια</translation>
    </message>
    <message>
        <source>{0} attempts</source>
        <translation>{0} προσπάθειες</translation>
    </message>
    <message>
        <source>ended
{0}</source>
        <translation>τερματίστηκε
{0}</translation>
    </message>
</context>
<context>
    <name>HistoryDialog</name>
    <message>
        <source>History of {0}</source>
        <translation>Ιστορικό: {0}</translation>
    </message>
    <message>
        <source>Every change to “{0}”, newest first. Only you can see this.</source>
        <translation>Κάθε αλλαγή στο «{0}», πρώτα η πιο πρόσφατη. Μόνο εσείς το βλέπετε αυτό.</translation>
    </message>
    <message>
        <source>“{0}” has never been set.</source>
        <translation>Το «{0}» δεν έχει οριστεί ποτέ.</translation>
    </message>
    <message>
        <source>Changes</source>
        <translation>Αλλαγές</translation>
    </message>
</context>
<context>
    <name>HistoryModel</name>
    <message>
        <source>When</source>
        <translation>Πότε</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Τιμή</translation>
    </message>
    <message>
        <source>(cleared)</source>
        <translation>(διαγράφηκε)</translation>
    </message>
</context>
<context>
    <name>ImportRequestDialog</name>
    <message>
        <source>Choose a data request</source>
        <translation>Επιλογή αιτήματος δεδομένων</translation>
    </message>
    <message>
        <source>Data requests (*.jwt *.jws *.txt);;All files (*)</source>
        <translation>Αιτήματα δεδομένων (*.jwt *.jws *.txt);;Όλα τα αρχεία (*)</translation>
    </message>
    <message>
        <source>Import a data request</source>
        <translation>Εισαγωγή αιτήματος δεδομένων</translation>
    </message>
    <message>
        <source>A brand&apos;s data request says who the brand is, what it asks for and what it offers in return. Importing it shares nothing.</source>
        <translation>Το αίτημα δεδομένων μιας εταιρείας λέει ποια είναι, τι ζητά και τι προσφέρει σε αντάλλαγμα. Η εισαγωγή του δεν κοινοποιεί τίποτα.</translation>
    </message>
    <message>
        <source>Ways to import a request</source>
        <translation>Τρόποι εισαγωγής αιτήματος</translation>
    </message>
    <message>
        <source>&amp;Web address</source>
        <translation>&amp;Διεύθυνση ιστού</translation>
    </message>
    <message>
        <source>&amp;Pasted text</source>
        <translation>&amp;Επικολλημένο κείμενο</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Αρχείο</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>Σε εξέλιξη</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Άκυρο</translation>
    </message>
    <message>
        <source>Stop waiting</source>
        <translation>Διακοπή αναμονής</translation>
    </message>
    <message>
        <source>Why the request was not imported</source>
        <translation>Γιατί δεν έγινε η εισαγωγή του αιτήματος</translation>
    </message>
    <message>
        <source>Fetched over a secure connection from the brand&apos;s own site, which proves the request comes from that domain.</source>
        <translation>Λήψη μέσω ασφαλούς σύνδεσης από τον ιστότοπο της ίδιας της εταιρείας, που αποδεικνύει ότι το αίτημα προέρχεται από αυτόν τον τομέα.</translation>
    </message>
    <message>
        <source>shoes.example or https://shoes.example</source>
        <translation>shoes.example ή https://shoes.example</translation>
    </message>
    <message>
        <source>The brand&apos;s web address</source>
        <translation>Η διεύθυνση ιστού της εταιρείας</translation>
    </message>
    <message>
        <source>Fetch</source>
        <translation>Λήψη</translation>
    </message>
    <message>
        <source>Fetch the request from this address</source>
        <translation>Λήψη του αιτήματος από αυτή τη διεύθυνση</translation>
    </message>
    <message>
        <source>The vault asks the brand&apos;s site for {0} over https and checks the brand&apos;s signature. Redirects are not followed; plain http is allowed only on this computer.</source>
        <translation>Η κρύπτη ζητά από τον ιστότοπο της εταιρείας το {0} μέσω https και ελέγχει την υπογραφή της εταιρείας. Οι ανακατευθύνσεις δεν ακολουθούνται· το απλό http επιτρέπεται μόνο σε αυτόν τον υπολογιστή.</translation>
    </message>
    <message>
        <source>Paste the request the brand gave you. Nothing proves where pasted text comes from, so the brand is shown as not verified.</source>
        <translation>Επικολλήστε το αίτημα που σας έδωσε η εταιρεία. Τίποτα δεν αποδεικνύει από πού προέρχεται ένα επικολλημένο κείμενο, γι’ αυτό η εταιρεία εμφανίζεται ως μη επαληθευμένη.</translation>
    </message>
    <message>
        <source>The request, pasted</source>
        <translation>Το αίτημα, επικολλημένο</translation>
    </message>
    <message>
        <source>eyJhbGciOiJFZERTQSIs...</source>
        <translation>eyJhbGciOiJFZERTQSIs...</translation>
    </message>
    <message>
        <source>Import text</source>
        <translation>Εισαγωγή κειμένου</translation>
    </message>
    <message>
        <source>Import the pasted request</source>
        <translation>Εισαγωγή του επικολλημένου αιτήματος</translation>
    </message>
    <message>
        <source>Choose a request file the brand gave you. Nothing proves where a file comes from, so the brand is shown as not verified.</source>
        <translation>Επιλέξτε ένα αρχείο αιτήματος που σας έδωσε η εταιρεία. Τίποτα δεν αποδεικνύει από πού προέρχεται ένα αρχείο, γι’ αυτό η εταιρεία εμφανίζεται ως μη επαληθευμένη.</translation>
    </message>
    <message>
        <source>Choose a file...</source>
        <translation>Επιλογή αρχείου...</translation>
    </message>
    <message>
        <source>Choose a request file and import it</source>
        <translation>Επιλογή αρχείου αιτήματος και εισαγωγή του</translation>
    </message>
    <message>
        <source>Type the brand&apos;s web address, for example shoes.example.</source>
        <translation>Πληκτρολογήστε τη διεύθυνση ιστού της εταιρείας, για παράδειγμα shoes.example.</translation>
    </message>
    <message>
        <source>Fetching the request from {0}...</source>
        <translation>Λήψη του αιτήματος από {0}...</translation>
    </message>
    <message>
        <source>Paste the request first.</source>
        <translation>Επικολλήστε πρώτα το αίτημα.</translation>
    </message>
    <message>
        <source>Checking the request...</source>
        <translation>Έλεγχος του αιτήματος...</translation>
    </message>
    <message>
        <source>Reading and checking the request...</source>
        <translation>Ανάγνωση και έλεγχος του αιτήματος...</translation>
    </message>
    <message>
        <source>Stopped waiting for the brand.</source>
        <translation>Η αναμονή για την εταιρεία διακόπηκε.</translation>
    </message>
</context>
<context>
    <name>JoinPage</name>
    <message>
        <source>Use a vault from a synced folder</source>
        <translation>Χρήση κρύπτης από συγχρονισμένο φάκελο</translation>
    </message>
    <message>
        <source>Your vault already syncs through a folder on another computer? Let the sync program bring that folder here, then choose it. Your passphrase or your recovery code opens it; the folder alone does not.</source>
        <translation>Η κρύπτη σας συγχρονίζεται ήδη μέσω ενός φακέλου σε άλλον υπολογιστή; Αφήστε το πρόγραμμα συγχρονισμού να φέρει εκείνον τον φάκελο εδώ και έπειτα επιλέξτε τον. Η κρύπτη ανοίγει με τη φράση πρόσβασης ή τον κωδικό ανάκτησής σας· ο φάκελος από μόνος του δεν αρκεί.</translation>
    </message>
    <message>
        <source>Synced folder</source>
        <translation>Συγχρονισμένος φάκελος</translation>
    </message>
    <message>
        <source>&amp;Folder</source>
        <translation>Φάκε&amp;λος</translation>
    </message>
    <message>
        <source>B&amp;rowse...</source>
        <translation>Α&amp;ναζήτηση...</translation>
    </message>
    <message>
        <source>Choose the synced folder</source>
        <translation>Επιλογή συγχρονισμένου φακέλου</translation>
    </message>
    <message>
        <source>With my &amp;passphrase</source>
        <translation>Με τη φράση &amp;πρόσβασής μου</translation>
    </message>
    <message>
        <source>With my recovery &amp;code</source>
        <translation>Με τον &amp;κωδικό ανάκτησής μου</translation>
    </message>
    <message>
        <source>Open it</source>
        <translation>Άνοιγμα</translation>
    </message>
    <message>
        <source>P&amp;assphrase</source>
        <translation>Φράση πρόσ&amp;βασης</translation>
    </message>
    <message>
        <source>Where this computer&apos;s copy is kept</source>
        <translation>Πού φυλάσσεται το αντίγραφο αυτού του υπολογιστή</translation>
    </message>
    <message>
        <source>Keep &amp;this copy in</source>
        <translation>Φύλαξη αυ&amp;τού του αντιγράφου στο</translation>
    </message>
    <message>
        <source>Bro&amp;wse...</source>
        <translation>Ανα&amp;ζήτηση...</translation>
    </message>
    <message>
        <source>Choose where this computer&apos;s copy is kept</source>
        <translation>Επιλογή θέσης για το αντίγραφο αυτού του υπολογιστή</translation>
    </message>
    <message>
        <source>Choose this computer&apos;s passphrase:</source>
        <translation>Επιλέξτε φράση πρόσβασης για αυτόν τον υπολογιστή:</translation>
    </message>
    <message>
        <source>Joining</source>
        <translation>Σύνδεση σε εξέλιξη</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Επιστροφή</translation>
    </message>
    <message>
        <source>&amp;Join</source>
        <translation>&amp;Σύνδεση</translation>
    </message>
    <message>
        <source>Recovery c&amp;ode</source>
        <translation>Κωδικός &amp;ανάκτησης</translation>
    </message>
    <message>
        <source>Recovery code</source>
        <translation>Κωδικός ανάκτησης</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Φράση πρόσβασης</translation>
    </message>
    <message>
        <source>Recovery code, e.g. ABCDE-12345-...</source>
        <translation>Κωδικός ανάκτησης, π.χ. ABCDE-12345-...</translation>
    </message>
    <message>
        <source>Choose the synced folder first.</source>
        <translation>Επιλέξτε πρώτα τον συγχρονισμένο φάκελο.</translation>
    </message>
    <message>
        <source>Enter your recovery code.</source>
        <translation>Πληκτρολογήστε τον κωδικό ανάκτησης.</translation>
    </message>
    <message>
        <source>Enter your passphrase.</source>
        <translation>Πληκτρολογήστε τη φράση πρόσβασης.</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>Οι δύο φράσεις πρόσβασης διαφέρουν.</translation>
    </message>
    <message>
        <source>Opening the folder&apos;s key file, then bringing in your other devices&apos; changes. This can take a while on a large vault...</source>
        <translation>Άνοιγμα του αρχείου κλειδιών του φακέλου και έπειτα μεταφορά των αλλαγών από τις άλλες συσκευές σας. Σε μεγάλη κρύπτη αυτό μπορεί να πάρει αρκετή ώρα...</translation>
    </message>
</context>
<context>
    <name>KnowsDialog</name>
    <message>
        <source>What {0} knows about you</source>
        <translation>Τι γνωρίζει για εσάς η {0}</translation>
    </message>
    <message>
        <source>Loading...</source>
        <translation>Φόρτωση...</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Τι</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Τιμή</translation>
    </message>
    <message>
        <source>{0} holds nothing of yours now.</source>
        <translation>Η {0} δεν κατέχει πλέον τίποτα δικό σας.</translation>
    </message>
    <message>
        <source>What the brand holds, per share</source>
        <translation>Τι κατέχει η εταιρεία, ανά κοινοποίηση</translation>
    </message>
    <message>
        <source>{brand} holds {values} of your values through 1 active share.</source>
        <translation>Η {brand} κατέχει {values} από τις τιμές σας μέσω 1 ενεργής κοινοποίησης.</translation>
    </message>
    <message>
        <source>{brand} holds {values} of your values through {grants} active shares.</source>
        <translation>Η {brand} κατέχει {values} από τις τιμές σας μέσω {grants} ενεργών κοινοποιήσεων.</translation>
    </message>
    <message>
        <source>Ended shares are listed too: the brand was told to delete their data, or had to when they expired.</source>
        <translation>Εμφανίζονται και οι κοινοποιήσεις που τερματίστηκαν: η εταιρεία ενημερώθηκε να διαγράψει τα δεδομένα τους ή όφειλε να το κάνει όταν έληξαν.</translation>
    </message>
    <message>
        <source>{0} (special category)</source>
        <translation>{0} (ειδική κατηγορία)</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Σκοπός</translation>
    </message>
    <message>
        <source>In return</source>
        <translation>Σε αντάλλαγμα</translation>
    </message>
    <message>
        <source>Shared</source>
        <translation>Κοινοποιήθηκε</translation>
    </message>
    <message>
        <source>{date}, version {version}; the brand keeps it {days}</source>
        <translation>{date}, έκδοση {version}· η εταιρεία τα κρατά {days}</translation>
    </message>
    <message>
        <source>Proof</source>
        <translation>Τεκμήριο</translation>
    </message>
    <message>
        <source>No signed receipt from the brand yet</source>
        <translation>Δεν υπάρχει ακόμη υπογεγραμμένη απόδειξη από την εταιρεία</translation>
    </message>
    <message>
        <source>{words}: a receipt signed with the brand&apos;s key, for message {message}.</source>
        <translation>{words}: απόδειξη υπογεγραμμένη με το κλειδί της εταιρείας, για το μήνυμα {message}.</translation>
    </message>
    <message>
        <source>Deletion in the brand&apos;s systems</source>
        <translation>Διαγραφή στα συστήματα της εταιρείας</translation>
    </message>
</context>
<context>
    <name>LeakDialog</name>
    <message>
        <source>Save the evidence pack</source>
        <translation>Αποθήκευση του φακέλου αποδείξεων</translation>
    </message>
    <message>
        <source>Zip files (*.zip)</source>
        <translation>Αρχεία zip (*.zip)</translation>
    </message>
    <message>
        <source>A leak</source>
        <translation>Μια διαρροή</translation>
    </message>
    <message>
        <source>&amp;Mark expected</source>
        <translation>Σήμανση ως &amp;αναμενόμενο</translation>
    </message>
    <message>
        <source>The sender works for the brand (a processor it did not declare): its mail to this alias is no leak.</source>
        <translation>Ο αποστολέας εργάζεται για την εταιρεία (εκτελών την επεξεργασία που δεν δήλωσε): τα μηνύματά του σε αυτό το ψευδώνυμο δεν είναι διαρροή.</translation>
    </message>
    <message>
        <source>&amp;Save evidence pack...</source>
        <translation>Α&amp;ποθήκευση φακέλου αποδείξεων...</translation>
    </message>
    <message>
        <source>Stop sharing with this brand; it is told to delete your data</source>
        <translation>Σταματήστε να κοινοποιείτε σε αυτή την εταιρεία· ενημερώνεται να διαγράψει τα δεδομένα σας</translation>
    </message>
    <message>
        <source>Complain to</source>
        <translation>Καταγγελία σε</translation>
    </message>
    <message>
        <source>The brand&apos;s data protection officer</source>
        <translation>Τον υπεύθυνο προστασίας δεδομένων της εταιρείας</translation>
    </message>
    <message>
        <source>A data protection authority (GDPR Art. 77)</source>
        <translation>Μια αρχή προστασίας δεδομένων (ΓΚΠΔ άρθ. 77)</translation>
    </message>
    <message>
        <source>Complain &amp;to</source>
        <translation>Καταγγελία σ&amp;ε</translation>
    </message>
    <message>
        <source>Your country&apos;s authority</source>
        <translation>Η αρχή της χώρας σας</translation>
    </message>
    <message>
        <source>A&amp;uthority</source>
        <translation>Α&amp;ρχή</translation>
    </message>
    <message>
        <source>Your name, to sign with</source>
        <translation>Το όνομά σας, για την υπογραφή</translation>
    </message>
    <message>
        <source>Your &amp;name</source>
        <translation>Το &amp;όνομά σας</translation>
    </message>
    <message>
        <source>&amp;Draft complaint</source>
        <translation>&amp;Σύνταξη καταγγελίας</translation>
    </message>
    <message>
        <source>The complaint&apos;s draft: edit it, copy it and send it yourself</source>
        <translation>Το σχέδιο της καταγγελίας: διορθώστε το, αντιγράψτε το και στείλτε το εσείς</translation>
    </message>
    <message>
        <source>not authenticated: judged on the From field alone</source>
        <translation>δεν πιστοποιήθηκε: κρίθηκε μόνο από το πεδίο From</translation>
    </message>
    <message>
        <source>Brand</source>
        <translation>Εταιρεία</translation>
    </message>
    <message>
        <source>Alias</source>
        <translation>Ψευδώνυμο</translation>
    </message>
    <message>
        <source>From</source>
        <translation>Από</translation>
    </message>
    <message>
        <source>Authenticated sender</source>
        <translation>Πιστοποιημένος αποστολέας</translation>
    </message>
    <message>
        <source>Received</source>
        <translation>Παραλήφθηκε</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>Θέμα</translation>
    </message>
    <message>
        <source>Marked expected on {0}.</source>
        <translation>Σημειώθηκε ως αναμενόμενο στις {0}.</translation>
    </message>
    <message>
        <source>Marked expected: mail from {0} to this brand&apos;s alias is no leak from now on.</source>
        <translation>Σημειώθηκε ως αναμενόμενο: από εδώ και πέρα τα μηνύματα από {0} στο ψευδώνυμο αυτής της εταιρείας δεν είναι διαρροή.</translation>
    </message>
    <message>
        <source>Marked expected. The sender was not authenticated, so only this message is.</source>
        <translation>Σημειώθηκε ως αναμενόμενο. Ο αποστολέας δεν πιστοποιήθηκε, οπότε ισχύει μόνο για αυτό το μήνυμα.</translation>
    </message>
    <message>
        <source>Evidence pack saved to {0}.</source>
        <translation>Ο φάκελος αποδείξεων αποθηκεύτηκε στο {0}.</translation>
    </message>
    <message>
        <source>To: {0}
Subject: {1}

{2}</source>
        <translation>Προς: {0}
Θέμα: {1}

{2}</translation>
    </message>
    <message>
        <source>Nothing was sent: copy the draft into your email or the authority&apos;s form, and attach the evidence pack.</source>
        <translation>Δεν στάλθηκε τίποτα: αντιγράψτε το σχέδιο στο email σας ή στη φόρμα της αρχής και επισυνάψτε τον φάκελο αποδείξεων.</translation>
    </message>
    <message>
        <source>Revoke what you share with {0}?</source>
        <translation>Ανάκληση όσων κοινοποιείτε στην {0};</translation>
    </message>
    <message>
        <source>{0} will be told to delete your data, and its alias is closed: turned off at your alias service if one made it, otherwise any mail to it from now on is shown as a leak. You cannot undo this.</source>
        <translation>Η {0} θα ενημερωθεί να διαγράψει τα δεδομένα σας, και το ψευδώνυμό της κλείνει: απενεργοποιείται στην υπηρεσία ψευδωνύμων σας αν το έφτιαξε εκείνη, αλλιώς κάθε αλληλογραφία προς αυτό από εδώ και πέρα εμφανίζεται ως διαρροή. Δεν μπορείτε να το αναιρέσετε.</translation>
    </message>
    <message>
        <source>Closed: {0}. Mail to it now means a leak or an old list.</source>
        <translation>Έκλεισε: {0}. Αλληλογραφία προς αυτό σημαίνει πλέον διαρροή ή παλιά λίστα.</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Ανάκληση</translation>
    </message>
    <message>
        <source>&amp;Revoke the share...</source>
        <translation>Ανά&amp;κληση της κοινοποίησης...</translation>
    </message>
    <message>
        <source>Revoke share</source>
        <translation>Ανάκληση κοινοποίησης</translation>
    </message>
    <message>
        <source>Revoked. {0} is being told to delete your data.</source>
        <translation>Ανακλήθηκε. Η {0} ενημερώνεται να διαγράψει τα δεδομένα σας.</translation>
    </message>
    <message>
        <source>Turned off at your alias service: {0}.</source>
        <translation>Απενεργοποιήθηκε στην υπηρεσία ψευδωνύμων σας: {0}.</translation>
    </message>
</context>
<context>
    <name>LeakNotice</name>
    <message>
        <source>{0} (and {1} more leaks: see Activity)</source>
        <translation>{0} (και {1} ακόμη διαρροές: δείτε τη Δραστηριότητα)</translation>
    </message>
    <message>
        <source>Show this leak, its evidence and what you can do</source>
        <translation>Δείτε αυτή τη διαρροή, τις αποδείξεις της και τι μπορείτε να κάνετε</translation>
    </message>
    <message>
        <source>Leak found: {0}</source>
        <translation>Βρέθηκε διαρροή: {0}</translation>
    </message>
</context>
<context>
    <name>LinkOpener</name>
    <message>
        <source>This link was not opened</source>
        <translation>Ο σύνδεσμος δεν άνοιξε</translation>
    </message>
    <message>
        <source>Nothing was fetched or shared.</source>
        <translation>Τίποτα δεν λήφθηκε ούτε κοινοποιήθηκε.</translation>
    </message>
    <message>
        <source>Unlock the vault to continue with the link from {0}.</source>
        <translation>Ξεκλειδώστε την κρύπτη για να συνεχίσετε με τον σύνδεσμο από {0}.</translation>
    </message>
</context>
<context>
    <name>MailboxSection</name>
    <message>
        <source>The mailbox watched</source>
        <translation>Το γραμματοκιβώτιο που παρακολουθείται</translation>
    </message>
    <message>
        <source>The app reads the headers of new mail in this mailbox while your vault is open, read-only: it never deletes, moves or marks mail. Mail to a brand&apos;s alias from anyone but the brand and the processors it declared is a leak.</source>
        <translation>Όσο η κρύπτη σας είναι ανοιχτή, η εφαρμογή διαβάζει τις κεφαλίδες των νέων μηνυμάτων σε αυτό το γραμματοκιβώτιο, μόνο για ανάγνωση: δεν διαγράφει, δεν μετακινεί και δεν σημαδεύει ποτέ μηνύματα. Μήνυμα στο ψευδώνυμο μιας εταιρείας από οποιονδήποτε άλλο εκτός από την εταιρεία και όσους εκτελούν την επεξεργασία που δήλωσε είναι διαρροή.</translation>
    </message>
    <message>
        <source>Mail server (IMAP)</source>
        <translation>Διακομιστής αλληλογραφίας (IMAP)</translation>
    </message>
    <message>
        <source>&amp;IMAP server</source>
        <translation>Διακομιστής &amp;IMAP</translation>
    </message>
    <message>
        <source>Port (IMAP over TLS)</source>
        <translation>Θύρα (IMAP με TLS)</translation>
    </message>
    <message>
        <source>Por&amp;t</source>
        <translation>&amp;Θύρα</translation>
    </message>
    <message>
        <source>User name</source>
        <translation>Όνομα χρήστη</translation>
    </message>
    <message>
        <source>&amp;User name</source>
        <translation>Όνομα &amp;χρήστη</translation>
    </message>
    <message>
        <source>Password</source>
        <translation>Κωδικός πρόσβασης</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>&amp;Κωδικός πρόσβασης</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Φάκελος</translation>
    </message>
    <message>
        <source>&amp;Folder</source>
        <translation>&amp;Φάκελος</translation>
    </message>
    <message>
        <source>Your mail server&apos;s name in Authentication-Results</source>
        <translation>Το όνομα του διακομιστή σας στο Authentication-Results</translation>
    </message>
    <message>
        <source>optional, like mx.mail.example</source>
        <translation>προαιρετικό, π.χ. mx.mail.example</translation>
    </message>
    <message>
        <source>Server&apos;s &amp;name</source>
        <translation>Ό&amp;νομα διακομιστή</translation>
    </message>
    <message>
        <source>C&amp;heck and save</source>
        <translation>&amp;Έλεγχος και αποθήκευση</translation>
    </message>
    <message>
        <source>Check and save the mailbox</source>
        <translation>Έλεγχος και αποθήκευση του γραμματοκιβωτίου</translation>
    </message>
    <message>
        <source>Forget this mailbox</source>
        <translation>Διαγραφή αυτού του γραμματοκιβωτίου</translation>
    </message>
    <message>
        <source>How watching the mailbox goes</source>
        <translation>Πώς πάει η παρακολούθηση του γραμματοκιβωτίου</translation>
    </message>
    <message>
        <source>No mailbox is watched.</source>
        <translation>Δεν παρακολουθείται κανένα γραμματοκιβώτιο.</translation>
    </message>
    <message>
        <source>kept in your vault</source>
        <translation>φυλάσσεται στην κρύπτη σας</translation>
    </message>
    <message>
        <source>Watching {0} of {1} at {2} (read-only, headers only).</source>
        <translation>Παρακολούθηση του {0} του {1} στο {2} (μόνο ανάγνωση, μόνο κεφαλίδες).</translation>
    </message>
    <message>
        <source>Logging in to the mail server...</source>
        <translation>Σύνδεση στον διακομιστή αλληλογραφίας...</translation>
    </message>
    <message>
        <source>Forgetting the mailbox...</source>
        <translation>Διαγραφή του γραμματοκιβωτίου...</translation>
    </message>
    <message>
        <source>Forgotten, with its password.</source>
        <translation>Διαγράφηκε, μαζί με τον κωδικό του.</translation>
    </message>
    <message>
        <source>Saved.</source>
        <translation>Αποθηκεύτηκε.</translation>
    </message>
</context>
<context>
    <name>MainArea</name>
    <message>
        <source>Sections</source>
        <translation>Ενότητες</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Zero-Party Vault</source>
        <translation>Zero-Party Vault</translation>
    </message>
    <message>
        <source>Vault</source>
        <translation>Κρύπτη</translation>
    </message>
    <message>
        <source>Lock</source>
        <translation>Κλείδωμα</translation>
    </message>
    <message>
        <source>Lock the vault (Ctrl+L)</source>
        <translation>Κλείδωμα της κρύπτης (Ctrl+L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Βοήθεια</translation>
    </message>
    <message>
        <source>&amp;About Zero-Party Vault</source>
        <translation>&amp;Σχετικά με το Zero-Party Vault</translation>
    </message>
    <message>
        <source>&amp;Keyboard shortcuts</source>
        <translation>Συντομεύσεις &amp;πληκτρολογίου</translation>
    </message>
    <message>
        <source>Unlocked</source>
        <translation>Ξεκλείδωτη</translation>
    </message>
    <message>
        <source>Locked</source>
        <translation>Κλειδωμένη</translation>
    </message>
</context>
<context>
    <name>MultiChoiceEditor</name>
    <message>
        <source>Space ticks or unticks; Enter saves; Escape cancels.</source>
        <translation>Το Space επιλέγει ή αποεπιλέγει· το Enter αποθηκεύει· το Escape ακυρώνει.</translation>
    </message>
</context>
<context>
    <name>MyDataPage</name>
    <message>
        <source>Search fields and values (Ctrl+F)</source>
        <translation>Αναζήτηση σε πεδία και τιμές (Ctrl+F)</translation>
    </message>
    <message>
        <source>Search fields</source>
        <translation>Αναζήτηση πεδίων</translation>
    </message>
    <message>
        <source>Show category</source>
        <translation>Εμφάνιση κατηγορίας</translation>
    </message>
    <message>
        <source>All categories</source>
        <translation>Όλες οι κατηγορίες</translation>
    </message>
    <message>
        <source>&amp;Add field…</source>
        <translation>&amp;Προσθήκη πεδίου…</translation>
    </message>
    <message>
        <source>Add a field of your own</source>
        <translation>Προσθήκη δικού σας πεδίου</translation>
    </message>
    <message>
        <source>Welcome. Start with what you would like brands to know: choose a field and press Enter, or double-click its value. Nothing leaves your vault until you review a brand&apos;s request and choose what to share.</source>
        <translation>Καλώς ήρθατε. Ξεκινήστε με όσα θα θέλατε να ξέρουν οι εταιρείες: επιλέξτε ένα πεδίο και πατήστε Enter ή κάντε διπλό κλικ στην τιμή του. Τίποτα δεν φεύγει από την κρύπτη σας πριν ελέγξετε το αίτημα μιας εταιρείας και επιλέξετε τι θα κοινοποιήσετε.</translation>
    </message>
    <message>
        <source>Your fields</source>
        <translation>Τα πεδία σας</translation>
    </message>
    <message>
        <source>Double-click a value, or press Enter, to change it.</source>
        <translation>Κάντε διπλό κλικ σε μια τιμή ή πατήστε Enter για να την αλλάξετε.</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>&amp;Επεξεργασία</translation>
    </message>
    <message>
        <source>&amp;History…</source>
        <translation>&amp;Ιστορικό…</translation>
    </message>
    <message>
        <source>C&amp;lear</source>
        <translation>Απα&amp;λοιφή</translation>
    </message>
    <message>
        <source>Edit the value</source>
        <translation>Επεξεργασία της τιμής</translation>
    </message>
    <message>
        <source>Show the value&apos;s history</source>
        <translation>Εμφάνιση του ιστορικού της τιμής</translation>
    </message>
    <message>
        <source>Clear the value</source>
        <translation>Απαλοιφή της τιμής</translation>
    </message>
    <message>
        <source>Edit</source>
        <translation>Επεξεργασία</translation>
    </message>
    <message>
        <source>History…</source>
        <translation>Ιστορικό…</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>Απαλοιφή</translation>
    </message>
    <message>
        <source>My data</source>
        <translation>Τα δεδομένα μου</translation>
    </message>
    <message>
        <source>No field or value matches “{0}”.</source>
        <translation>Κανένα πεδίο ή τιμή δεν ταιριάζει με «{0}».</translation>
    </message>
</context>
<context>
    <name>NewPassphrasePage</name>
    <message>
        <source>Choose a new passphrase</source>
        <translation>Επιλέξτε νέα φράση πρόσβασης</translation>
    </message>
    <message>
        <source>You opened your vault with its recovery code. Choose a new passphrase now: your vault is re-encrypted under a new key, and the old passphrase stops opening it. Your recovery code keeps working.</source>
        <translation>Ανοίξατε την κρύπτη σας με τον κωδικό ανάκτησης. Επιλέξτε τώρα νέα φράση πρόσβασης: η κρύπτη σας κρυπτογραφείται ξανά με νέο κλειδί και η παλιά φράση πρόσβασης παύει να την ανοίγει. Ο κωδικός ανάκτησης εξακολουθεί να λειτουργεί.</translation>
    </message>
    <message>
        <source>Re-encrypting your vault</source>
        <translation>Νέα κρυπτογράφηση της κρύπτης σας</translation>
    </message>
    <message>
        <source>Lock instead</source>
        <translation>Κλείδωμα τώρα</translation>
    </message>
    <message>
        <source>Set passphrase</source>
        <translation>Ορισμός φράσης πρόσβασης</translation>
    </message>
    <message>
        <source>Type the passphrase again under Repeat.</source>
        <translation>Πληκτρολογήστε ξανά τη φράση πρόσβασης στο πεδίο Επανάληψη.</translation>
    </message>
    <message>
        <source>The two passphrases differ.</source>
        <translation>Οι δύο φράσεις πρόσβασης διαφέρουν.</translation>
    </message>
    <message>
        <source>Re-encrypting your vault under a new key...</source>
        <translation>Η κρύπτη σας κρυπτογραφείται ξανά με νέο κλειδί...</translation>
    </message>
</context>
<context>
    <name>NewsWords</name>
    <message>
        <source>{0} refused the revocation</source>
        <translation>Η εταιρεία {0} αρνήθηκε την ανάκληση</translation>
    </message>
    <message>
        <source>{0} confirmed deletion</source>
        <translation>Η εταιρεία {0} επιβεβαίωσε τη διαγραφή</translation>
    </message>
    <message>
        <source>{0} deleted your data; its other systems are still deleting it</source>
        <translation>Η εταιρεία {0} διέγραψε τα δεδομένα σας· τα άλλα συστήματά της τα διαγράφουν ακόμη</translation>
    </message>
    <message>
        <source>Deletion failed in one of the systems of {0}</source>
        <translation>Η διαγραφή απέτυχε σε ένα από τα συστήματα της εταιρείας {0}</translation>
    </message>
    <message>
        <source>{0} received the revocation without confirming deletion</source>
        <translation>Η εταιρεία {0} έλαβε την ανάκληση χωρίς να επιβεβαιώσει τη διαγραφή</translation>
    </message>
    <message>
        <source>{0} and {1} more</source>
        <translation>{0} και {1} ακόμη</translation>
    </message>
    <message>
        <source>{0} refused the share</source>
        <translation>Η εταιρεία {0} αρνήθηκε την κοινοποίηση</translation>
    </message>
    <message>
        <source>Delivered to {0}</source>
        <translation>Παραδόθηκε στην εταιρεία {0}</translation>
    </message>
</context>
<context>
    <name>OpenLinkDialog</name>
    <message>
        <source>Opening a link from {0}</source>
        <translation>Άνοιγμα συνδέσμου από {0}</translation>
    </message>
    <message>
        <source>{0} asks for some of your data. The vault fetches the brand&apos;s signed request from its site and shows you what it asks for: nothing is shared unless you choose to.</source>
        <translation>Η {0} ζητά κάποια από τα δεδομένα σας. Η κρύπτη λαμβάνει το υπογεγραμμένο αίτημα της εταιρείας από τον ιστότοπό της και σας δείχνει τι ζητά: τίποτα δεν κοινοποιείται αν δεν το επιλέξετε.</translation>
    </message>
    <message>
        <source>Working</source>
        <translation>Σε εξέλιξη</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>Άκυρο</translation>
    </message>
    <message>
        <source>Stop waiting for the brand</source>
        <translation>Διακοπή της αναμονής για την εταιρεία</translation>
    </message>
    <message>
        <source>Why the link was not opened</source>
        <translation>Γιατί δεν άνοιξε ο σύνδεσμος</translation>
    </message>
    <message>
        <source>Fetching the request from {0}...</source>
        <translation>Λήψη του αιτήματος από {0}...</translation>
    </message>
    <message>
        <source>Stopped waiting for the brand. Nothing was shared.</source>
        <translation>Η αναμονή για την εταιρεία διακόπηκε. Τίποτα δεν κοινοποιήθηκε.</translation>
    </message>
</context>
<context>
    <name>PauseButton</name>
    <message>
        <source>Res&amp;ume</source>
        <translation>&amp;Συνέχιση</translation>
    </message>
    <message>
        <source>P&amp;ause</source>
        <translation>&amp;Παύση</translation>
    </message>
    <message>
        <source>Resume the chosen share: the brand may use your data again</source>
        <translation>Συνέχιση της επιλεγμένης κοινοποίησης: η εταιρεία μπορεί να χρησιμοποιεί ξανά τα δεδομένα σας</translation>
    </message>
    <message>
        <source>Pause the chosen share: the brand keeps your data but must not use it</source>
        <translation>Παύση της επιλεγμένης κοινοποίησης: η εταιρεία κρατά τα δεδομένα σας αλλά δεν πρέπει να τα χρησιμοποιεί</translation>
    </message>
    <message>
        <source>Resumed. {0} may use your data again.</source>
        <translation>Συνεχίστηκε. Η {0} μπορεί να χρησιμοποιεί ξανά τα δεδομένα σας.</translation>
    </message>
    <message>
        <source>Paused. {0} is being told not to use your data until you resume.</source>
        <translation>Σε παύση. Η {0} ενημερώνεται να μη χρησιμοποιεί τα δεδομένα σας μέχρι να τη συνεχίσετε.</translation>
    </message>
</context>
<context>
    <name>PauseWords</name>
    <message>
        <source>Paused</source>
        <translation>Σε παύση</translation>
    </message>
    <message>
        <source>This share is revoked: there is nothing to pause or resume.</source>
        <translation>Αυτή η κοινοποίηση έχει ανακληθεί: δεν υπάρχει τίποτα για παύση ή συνέχιση.</translation>
    </message>
    <message>
        <source>This share has ended: there is nothing to pause or resume.</source>
        <translation>Αυτή η κοινοποίηση έχει λήξει: δεν υπάρχει τίποτα για παύση ή συνέχιση.</translation>
    </message>
    <message>
        <source>This share is paused already.</source>
        <translation>Αυτή η κοινοποίηση είναι ήδη σε παύση.</translation>
    </message>
    <message>
        <source>This share is not paused.</source>
        <translation>Αυτή η κοινοποίηση δεν είναι σε παύση.</translation>
    </message>
    <message>
        <source>Paused since {0}: the brand must not use it</source>
        <translation>Σε παύση από {0}: η εταιρεία δεν πρέπει να τα χρησιμοποιεί</translation>
    </message>
    <message>
        <source>{0}: deleted on {1}</source>
        <translation>{0}: διαγράφηκαν στις {1}</translation>
    </message>
    <message>
        <source>{0}: deleted</source>
        <translation>{0}: διαγράφηκαν</translation>
    </message>
    <message>
        <source>{0}: pending</source>
        <translation>{0}: σε αναμονή</translation>
    </message>
    <message>
        <source>{0}: failed</source>
        <translation>{0}: απέτυχε</translation>
    </message>
    <message>
        <source>{0}: did not hold it</source>
        <translation>{0}: δεν τα είχε</translation>
    </message>
</context>
<context>
    <name>QrDialog</name>
    <message>
        <source>Your signed share with {0} as a QR code</source>
        <translation>Η υπογεγραμμένη κοινοποίησή σας προς την {0} ως κωδικός QR</translation>
    </message>
    <message>
        <source>{brand}: {fields}, version {version}</source>
        <translation>{brand}: {fields}, έκδοση {version}</translation>
    </message>
    <message>
        <source>Making the code…</source>
        <translation>Δημιουργία του κωδικού…</translation>
    </message>
    <message>
        <source>QR code of your signed share</source>
        <translation>Κωδικός QR της υπογεγραμμένης κοινοποίησής σας</translation>
    </message>
    <message>
        <source>The share token: signed by you, encrypted to the brand (a JWE), exactly as delivered.</source>
        <translation>Το διακριτικό κοινοποίησης (share token): υπογεγραμμένο από εσάς, κρυπτογραφημένο για την εταιρεία (JWE), ακριβώς όπως παραδόθηκε.</translation>
    </message>
    <message>
        <source>For a handover in a shop: the brand scans it and verifies it with zpv-brand verify. It carries exactly the signed share sent to {brand}, which only the brand&apos;s key can read.</source>
        <translation>Για παράδοση σε κατάστημα: η εταιρεία τον σαρώνει και τον επαληθεύει με το zpv-brand verify. Περιέχει ακριβώς την υπογεγραμμένη κοινοποίηση που στάλθηκε στην {brand}, την οποία μπορεί να διαβάσει μόνο το κλειδί της εταιρείας.</translation>
    </message>
    <message>
        <source>This share is too long for a QR code: {length} bytes, and one code holds at most {limit}. The brand gets it over the network as usual; share fewer fields for a code you can hand over.</source>
        <translation>Αυτή η κοινοποίηση είναι πολύ μεγάλη για κωδικό QR: {length} byte, ενώ ένας κωδικός χωράει έως {limit}. Η εταιρεία τη λαμβάνει κανονικά μέσω δικτύου· κοινοποιήστε λιγότερα πεδία για κωδικό που μπορείτε να δώσετε επιτόπου.</translation>
    </message>
    <message>
        <source>A QR code of {modules} by {modules} modules.</source>
        <translation>Κωδικός QR {modules} επί {modules} στοιχείων.</translation>
    </message>
</context>
<context>
    <name>QuestionInput</name>
    <message>
        <source>Choose…</source>
        <translation>Επιλέξτε…</translation>
    </message>
    <message>
        <source>Yes</source>
        <translation>Ναι</translation>
    </message>
    <message>
        <source>No</source>
        <translation>Όχι</translation>
    </message>
    <message>
        <source>Your answer: {question}</source>
        <translation>Η απάντησή σας: {question}</translation>
    </message>
    <message>
        <source>Your answers: {question}</source>
        <translation>Οι απαντήσεις σας: {question}</translation>
    </message>
    <message>
        <source>A number</source>
        <translation>Ένας αριθμός</translation>
    </message>
    <message>
        <source>YYYY-MM-DD</source>
        <translation>ΕΕΕΕ-ΜΜ-ΗΗ</translation>
    </message>
    <message>
        <source>Your answer</source>
        <translation>Η απάντησή σας</translation>
    </message>
</context>
<context>
    <name>QuestionRow</name>
    <message>
        <source>Filled in from your value in My data; change it if this brand means something else.</source>
        <translation>Συμπληρώθηκε από την τιμή σας στα Δεδομένα μου· αλλάξτε την αν η εταιρεία εννοεί κάτι άλλο.</translation>
    </message>
    <message>
        <source>Why they ask: {why}</source>
        <translation>Γιατί το ζητούν: {why}</translation>
    </message>
    <message>
        <source>Required.</source>
        <translation>Υποχρεωτικό.</translation>
    </message>
    <message>
        <source>Optional.</source>
        <translation>Προαιρετικό.</translation>
    </message>
    <message>
        <source>Special-category data (GDPR Art. 9).</source>
        <translation>Δεδομένα ειδικής κατηγορίας (άρθρο 9 ΓΚΠΔ).</translation>
    </message>
    <message>
        <source>Share your answer to {question}</source>
        <translation>Κοινοποίηση της απάντησής σας: {question}</translation>
    </message>
    <message>
        <source>⚠ Special category</source>
        <translation>⚠ Ειδική κατηγορία</translation>
    </message>
    <message>
        <source>Their question</source>
        <translation>Δική τους ερώτηση</translation>
    </message>
    <message>
        <source>Required</source>
        <translation>Υποχρεωτικό</translation>
    </message>
    <message>
        <source>Optional</source>
        <translation>Προαιρετικό</translation>
    </message>
</context>
<context>
    <name>RecoveryCodeDialog</name>
    <message>
        <source>New recovery code</source>
        <translation>Νέος κωδικός ανάκτησης</translation>
    </message>
</context>
<context>
    <name>RecoveryCodePage</name>
    <message>
        <source>Your new recovery code</source>
        <translation>Ο νέος κωδικός ανάκτησής σας</translation>
    </message>
    <message>
        <source>Your old recovery code no longer opens your vault; this one does. Write it down or print it, and keep it somewhere safe, away from this computer. It is shown only now.</source>
        <translation>Ο παλιός κωδικός ανάκτησης δεν ανοίγει πια την κρύπτη σας· αυτός την ανοίγει. Σημειώστε τον ή εκτυπώστε τον και φυλάξτε τον σε ασφαλές μέρος, μακριά από αυτόν τον υπολογιστή. Εμφανίζεται μόνο τώρα.</translation>
    </message>
    <message>
        <source>Your recovery code</source>
        <translation>Ο κωδικός ανάκτησής σας</translation>
    </message>
    <message>
        <source>If you forget your passphrase, this code is the only way back into your vault. Write it down or print it, and keep it somewhere safe, away from this computer. It is shown only now.</source>
        <translation>Αν ξεχάσετε τη φράση πρόσβασης, αυτός ο κωδικός είναι ο μόνος τρόπος να μπείτε ξανά στην κρύπτη σας. Σημειώστε τον ή εκτυπώστε τον και φυλάξτε τον σε ασφαλές μέρος, μακριά από αυτόν τον υπολογιστή. Εμφανίζεται μόνο τώρα.</translation>
    </message>
    <message>
        <source>Recovery code</source>
        <translation>Κωδικός ανάκτησης</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>Αντιγραφή</translation>
    </message>
    <message>
        <source>Save...</source>
        <translation>Αποθήκευση...</translation>
    </message>
    <message>
        <source>Print...</source>
        <translation>Εκτύπωση...</translation>
    </message>
    <message>
        <source>Group of the recovery code, typed back</source>
        <translation>Ομάδα του κωδικού ανάκτησης, πληκτρολογημένη ξανά</translation>
    </message>
    <message>
        <source>Open my vault</source>
        <translation>Άνοιγμα της κρύπτης μου</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Τέλος</translation>
    </message>
    <message>
        <source>To check that you have it, type group {0} of {1} of your code:</source>
        <translation>Για να βεβαιωθείτε ότι τον έχετε, πληκτρολογήστε την ομάδα {0} από τις {1} του κωδικού σας:</translation>
    </message>
    <message>
        <source>Copied. The clipboard is cleared in {0} seconds.</source>
        <translation>Αντιγράφηκε. Το πρόχειρο θα καθαριστεί σε {0} δευτερόλεπτα.</translation>
    </message>
    <message>
        <source>Copied. The clipboard is cleared when the vault locks.</source>
        <translation>Αντιγράφηκε. Το πρόχειρο θα καθαριστεί όταν κλειδώσει η κρύπτη.</translation>
    </message>
    <message>
        <source>Zero-Party Vault recovery code

{0}

With this code you can open your vault if you forget your passphrase.
Keep it somewhere safe, away from your computer.</source>
        <translation>Κωδικός ανάκτησης Zero-Party Vault

{0}

Με αυτόν τον κωδικό μπορείτε να ανοίξετε την κρύπτη σας αν ξεχάσετε τη φράση πρόσβασης.
Φυλάξτε τον σε ασφαλές μέρος, μακριά από τον υπολογιστή σας.</translation>
    </message>
    <message>
        <source>Save the recovery code</source>
        <translation>Αποθήκευση του κωδικού ανάκτησης</translation>
    </message>
    <message>
        <source>Text files (*.txt)</source>
        <translation>Αρχεία κειμένου (*.txt)</translation>
    </message>
    <message>
        <source>Saved. Move it off this computer, e.g. to a USB stick you keep safe.</source>
        <translation>Αποθηκεύτηκε. Μεταφέρετέ τον εκτός αυτού του υπολογιστή, π.χ. σε ένα USB stick που φυλάτε σε ασφαλές μέρος.</translation>
    </message>
    <message>
        <source>Could not save: {0}</source>
        <translation>Η αποθήκευση απέτυχε: {0}</translation>
    </message>
    <message>
        <source>Sent to the printer.</source>
        <translation>Στάλθηκε στον εκτυπωτή.</translation>
    </message>
</context>
<context>
    <name>ReportDialog</name>
    <message>
        <source>Transparency report</source>
        <translation>Αναφορά διαφάνειας</translation>
    </message>
    <message>
        <source>A transparency report on every brand</source>
        <translation>Αναφορά διαφάνειας για κάθε εταιρεία</translation>
    </message>
    <message>
        <source>A transparency report on {0}</source>
        <translation>Αναφορά διαφάνειας για την {0}</translation>
    </message>
    <message>
        <source>Who knows what about you, why, until when, what you got in return, and the receipts the brands signed; a page per brand.</source>
        <translation>Ποιος γνωρίζει τι για εσάς, γιατί, μέχρι πότε, τι πήρατε σε αντάλλαγμα και οι αποδείξεις που υπέγραψαν οι εταιρείες· μία σελίδα ανά εταιρεία.</translation>
    </message>
    <message>
        <source>What {0} knows about you, why, until when, what you got in return, and the receipts it signed.</source>
        <translation>Τι γνωρίζει για εσάς η {0}, γιατί, μέχρι πότε, τι πήρατε σε αντάλλαγμα και οι αποδείξεις που υπέγραψε.</translation>
    </message>
    <message>
        <source>&amp;PDF: to print or keep</source>
        <translation>&amp;PDF: για εκτύπωση ή φύλαξη</translation>
    </message>
    <message>
        <source>&amp;HTML: a web page, with the signed receipts in full</source>
        <translation>&amp;HTML: ιστοσελίδα, με τις υπογεγραμμένες αποδείξεις ολόκληρες</translation>
    </message>
    <message>
        <source>&amp;File:</source>
        <translation>&amp;Αρχείο:</translation>
    </message>
    <message>
        <source>File to write the report to</source>
        <translation>Αρχείο όπου θα γραφτεί η αναφορά</translation>
    </message>
    <message>
        <source>&amp;Choose...</source>
        <translation>Επι&amp;λογή...</translation>
    </message>
    <message>
        <source>Choose the file</source>
        <translation>Επιλογή του αρχείου</translation>
    </message>
    <message>
        <source>The file is not encrypted: it holds what you shared.</source>
        <translation>Το αρχείο δεν είναι κρυπτογραφημένο: περιέχει όσα κοινοποιήσατε.</translation>
    </message>
    <message>
        <source>Writing the report</source>
        <translation>Εγγραφή της αναφοράς</translation>
    </message>
    <message>
        <source>&amp;Open it</source>
        <translation>Ά&amp;νοιγμα</translation>
    </message>
    <message>
        <source>Open the report just written</source>
        <translation>Άνοιγμα της αναφοράς που μόλις γράφτηκε</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Κλείσιμο</translation>
    </message>
    <message>
        <source>&amp;Export</source>
        <translation>&amp;Εξαγωγή</translation>
    </message>
    <message>
        <source>Write the report</source>
        <translation>Εγγραφή της αναφοράς</translation>
    </message>
    <message>
        <source>Save the transparency report</source>
        <translation>Αποθήκευση της αναφοράς διαφάνειας</translation>
    </message>
    <message>
        <source>PDF documents (*.pdf)</source>
        <translation>Έγγραφα PDF (*.pdf)</translation>
    </message>
    <message>
        <source>Web pages (*.html)</source>
        <translation>Ιστοσελίδες (*.html)</translation>
    </message>
    <message>
        <source>The vault locked while your transparency report was being exported, so the export stopped and nothing was written. Unlock, then export it again.</source>
        <translation>Η κρύπτη κλειδώθηκε ενώ γινόταν η εξαγωγή της αναφοράς διαφάνειας, οπότε η εξαγωγή σταμάτησε και δεν γράφτηκε τίποτα. Ξεκλειδώστε και κάντε ξανά την εξαγωγή.</translation>
    </message>
    <message>
        <source>Written to {0}.</source>
        <translation>Γράφτηκε στο {0}.</translation>
    </message>
    <message>
        <source>Replace the file?</source>
        <translation>Αντικατάσταση του αρχείου;</translation>
    </message>
    <message>
        <source>{0} already exists. Replace it?</source>
        <translation>Το {0} υπάρχει ήδη. Να αντικατασταθεί;</translation>
    </message>
    <message>
        <source>Replace</source>
        <translation>Αντικατάσταση</translation>
    </message>
    <message>
        <source>Could not write {path}: {reason}</source>
        <translation>Δεν ήταν δυνατή η εγγραφή στο {path}: {reason}</translation>
    </message>
</context>
<context>
    <name>ReportHtml</name>
    <message>
        <source>fair</source>
        <translation>δίκαιη</translation>
    </message>
    <message>
        <source>asks a lot</source>
        <translation>ζητά πολλά</translation>
    </message>
    <message>
        <source>greedy</source>
        <translation>άπληστη</translation>
    </message>
    <message>
        <source>special-category data (GDPR Art. 9)</source>
        <translation>δεδομένα ειδικής κατηγορίας (άρθρο 9 ΓΚΠΔ)</translation>
    </message>
    <message>
        <source>vague purpose</source>
        <translation>ασαφής σκοπός</translation>
    </message>
    <message>
        <source>kept more than a year</source>
        <translation>διατήρηση πάνω από έναν χρόνο</translation>
    </message>
    <message>
        <source>little or nothing offered</source>
        <translation>λίγα ή τίποτα σε αντάλλαγμα</translation>
    </message>
    <message>
        <source>active</source>
        <translation>ενεργή</translation>
    </message>
    <message>
        <source>expired: the brand must have deleted it</source>
        <translation>έληξε: η εταιρεία πρέπει να τα έχει διαγράψει</translation>
    </message>
    <message>
        <source>revoked: the brand was told to delete it</source>
        <translation>ανακλήθηκε: η εταιρεία ενημερώθηκε να τα διαγράψει</translation>
    </message>
    <message>
        <source>waiting to be sent</source>
        <translation>σε αναμονή για αποστολή</translation>
    </message>
    <message>
        <source>delivered, no receipt</source>
        <translation>παραδόθηκε, χωρίς απόδειξη</translation>
    </message>
    <message>
        <source>delivered, the brand confirmed it stored it</source>
        <translation>παραδόθηκε, η εταιρεία επιβεβαίωσε ότι τα αποθήκευσε</translation>
    </message>
    <message>
        <source>refused by the brand</source>
        <translation>απορρίφθηκε από την εταιρεία</translation>
    </message>
    <message>
        <source>revocation waiting to be sent</source>
        <translation>η ανάκληση περιμένει να σταλεί</translation>
    </message>
    <message>
        <source>the brand confirmed deletion</source>
        <translation>η εταιρεία επιβεβαίωσε τη διαγραφή</translation>
    </message>
    <message>
        <source>revocation delivered, no receipt</source>
        <translation>η ανάκληση παραδόθηκε, χωρίς απόδειξη</translation>
    </message>
    <message>
        <source>the brand deleted it; its other systems have not all confirmed yet</source>
        <translation>η εταιρεία τα διέγραψε· δεν έχουν επιβεβαιώσει ακόμη όλα τα άλλα συστήματά της</translation>
    </message>
    <message>
        <source>the brand reports that deletion failed in one of its systems</source>
        <translation>η εταιρεία αναφέρει ότι η διαγραφή απέτυχε σε ένα από τα συστήματά της</translation>
    </message>
    <message>
        <source>never sent</source>
        <translation>δεν στάλθηκε ποτέ</translation>
    </message>
    <message>
        <source>en</source>
        <translation>el</translation>
    </message>
    <message>
        <source>Transparency report</source>
        <translation>Αναφορά διαφάνειας</translation>
    </message>
    <message>
        <source>Who knows what about you</source>
        <translation>Ποιος γνωρίζει τι για εσάς</translation>
    </message>
    <message>
        <source>Generated {when} by Zero-Party Vault, from what you shared and the receipts brands signed. The balance is a rule of thumb to help you compare, not a legal judgement.</source>
        <translation>Δημιουργήθηκε στις {when} από το Zero-Party Vault, με βάση όσα κοινοποιήσατε και τις αποδείξεις που υπέγραψαν οι εταιρείες. Το ισοζύγιο είναι ένας πρακτικός κανόνας που σας βοηθά να συγκρίνετε, όχι νομική κρίση.</translation>
    </message>
    <message>
        <source>How the balance is weighed: each field given by its sensitivity ({fields}); each offer by its kind ({offers}). Up to {fair} given per unit offered, with no warning, is fair; over {greedy} is greedy, and so is special-category data for a vague purpose or for a token offer, at any ratio.</source>
        <translation>Πώς υπολογίζεται το ισοζύγιο: κάθε πεδίο που δίνετε ανάλογα με την ευαισθησία του ({fields})· κάθε προσφορά ανάλογα με το είδος της ({offers}). Έως {fair} όσα δίνετε ανά μονάδα προσφοράς, χωρίς προειδοποίηση, είναι δίκαιη ανταλλαγή· πάνω από {greedy} είναι άπληστη, όπως και δεδομένα ειδικής κατηγορίας για ασαφή σκοπό ή για συμβολική προσφορά, σε οποιαδήποτε αναλογία.</translation>
    </message>
    <message>
        <source>No brand knows anything about you through this vault.</source>
        <translation>Καμία εταιρεία δεν γνωρίζει τίποτα για εσάς μέσω αυτής της κρύπτης.</translation>
    </message>
    <message>
        <source>domain verified</source>
        <translation>επαληθευμένος τομέας</translation>
    </message>
    <message>
        <source>domain not verified</source>
        <translation>μη επαληθευμένος τομέας</translation>
    </message>
    <message>
        <source>Email alias given to this brand:</source>
        <translation>Ψευδώνυμο email που δόθηκε σε αυτή την εταιρεία:</translation>
    </message>
    <message>
        <source>Balance</source>
        <translation>Ισοζύγιο</translation>
    </message>
    <message>
        <source>given {given}, offered {offered} (ratio {ratio})</source>
        <translation>δίνετε {given}, προσφέρουν {offered} (αναλογία {ratio})</translation>
    </message>
    <message>
        <source>no offer</source>
        <translation>καμία προσφορά</translation>
    </message>
    <message>
        <source>Given</source>
        <translation>Δίνετε</translation>
    </message>
    <message>
        <source>Offered</source>
        <translation>Προσφέρουν</translation>
    </message>
    <message>
        <source>What each field weighs</source>
        <translation>Πόσο βαραίνει κάθε πεδίο</translation>
    </message>
    <message>
        <source>You shared nothing with this brand.</source>
        <translation>Δεν κοινοποιήσατε τίποτα σε αυτή την εταιρεία.</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Σκοπός</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Κατάσταση</translation>
    </message>
    <message>
        <source>Shared</source>
        <translation>Κοινοποιήθηκε</translation>
    </message>
    <message>
        <source>Brand keeps it</source>
        <translation>Η εταιρεία τα κρατά</translation>
    </message>
    <message>
        <source>In return</source>
        <translation>Σε αντάλλαγμα</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Παράδοση</translation>
    </message>
    <message>
        <source>{status}, version {version}</source>
        <translation>{status}, έκδοση {version}</translation>
    </message>
    <message>
        <source>paused: the brand keeps it but must not use it</source>
        <translation>σε παύση: η εταιρεία τα κρατά αλλά δεν πρέπει να τα χρησιμοποιεί</translation>
    </message>
    <message>
        <source>{created}, {until}</source>
        <translation>{created}, {until}</translation>
    </message>
    <message>
        <source>until {when}</source>
        <translation>έως {when}</translation>
    </message>
    <message>
        <source>ended {when}</source>
        <translation>τερματίστηκε στις {when}</translation>
    </message>
    <message>
        <source>{days} days</source>
        <translation>{days} ημέρες</translation>
    </message>
    <message>
        <source>Fields</source>
        <translation>Πεδία</translation>
    </message>
    <message>
        <source>(no longer in the latest version)</source>
        <translation>(δεν υπάρχει πια στην τελευταία έκδοση)</translation>
    </message>
    <message>
        <source>What it holds now</source>
        <translation>Τι κατέχει τώρα</translation>
    </message>
    <message>
        <source>What it was given, until {when}</source>
        <translation>Τι της δόθηκε, έως τις {when}</translation>
    </message>
    <message>
        <source>Nothing: the brand confirmed that it deleted what you shared.</source>
        <translation>Τίποτα: η εταιρεία επιβεβαίωσε ότι διέγραψε ό,τι κοινοποιήσατε.</translation>
    </message>
    <message>
        <source>You revoked this share on {when} and the brand was told to delete what you shared; it has not confirmed the deletion yet, so it may still hold it.</source>
        <translation>Ανακαλέσατε αυτή την κοινοποίηση στις {when} και ζητήθηκε από την εταιρεία να διαγράψει ό,τι κοινοποιήσατε· δεν έχει επιβεβαιώσει ακόμη τη διαγραφή, οπότε μπορεί να το έχει ακόμη.</translation>
    </message>
    <message>
        <source>This share ended on {when}. The brand may keep what it held for the time it stated above, then must delete it.</source>
        <translation>Αυτή η κοινοποίηση έληξε στις {when}. Η εταιρεία μπορεί να κρατήσει ό,τι είχε για το διάστημα που δήλωσε παραπάνω και μετά πρέπει να το διαγράψει.</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ναι</translation>
    </message>
    <message>
        <source>no</source>
        <translation>όχι</translation>
    </message>
    <message>
        <source>Receipts signed by the brand</source>
        <translation>Αποδείξεις υπογεγραμμένες από την εταιρεία</translation>
    </message>
    <message>
        <source>{status}, signed {when} · fingerprint {fingerprint}</source>
        <translation>{status}, υπογράφηκε στις {when} · αποτύπωμα {fingerprint}</translation>
    </message>
    <message>
        <source>time unreadable</source>
        <translation>μη αναγνώσιμη ώρα</translation>
    </message>
    <message>
        <source>No receipt from the brand yet.</source>
        <translation>Δεν υπάρχει ακόμη απόδειξη από την εταιρεία.</translation>
    </message>
    <message>
        <source>nothing to send</source>
        <translation>τίποτα για αποστολή</translation>
    </message>
    <message>
        <source>Deletion in the brand&apos;s systems</source>
        <translation>Διαγραφή στα συστήματα της εταιρείας</translation>
    </message>
    <message>
        <source>stored</source>
        <translation>αποθηκεύτηκαν</translation>
    </message>
    <message>
        <source>deleted</source>
        <translation>διαγράφηκαν</translation>
    </message>
    <message>
        <source>deletion pending</source>
        <translation>η διαγραφή εκκρεμεί</translation>
    </message>
    <message>
        <source>deletion failed</source>
        <translation>η διαγραφή απέτυχε</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>σε παύση</translation>
    </message>
    <message>
        <source>resumed</source>
        <translation>συνεχίστηκε</translation>
    </message>
</context>
<context>
    <name>ReportPrint</name>
    <message>
        <source>domain verified</source>
        <translation>επαληθευμένος τομέας</translation>
    </message>
    <message>
        <source>domain not verified: imported from a file or text</source>
        <translation>μη επαληθευμένος τομέας: εισαγωγή από αρχείο ή κείμενο</translation>
    </message>
    <message>
        <source>Nothing: the brand confirmed that it deleted what you shared.</source>
        <translation>Τίποτα: η εταιρεία επιβεβαίωσε ότι διέγραψε ό,τι κοινοποιήσατε.</translation>
    </message>
    <message>
        <source>Transparency report</source>
        <translation>Αναφορά διαφάνειας</translation>
    </message>
    <message>
        <source>Generated on {date} by Zero-Party Vault, from what you shared and the receipts brands signed.</source>
        <translation>Δημιουργήθηκε στις {date} από το Zero-Party Vault, με βάση όσα κοινοποιήσατε και τις αποδείξεις που υπέγραψαν οι εταιρείες.</translation>
    </message>
    <message>
        <source>A page per brand.</source>
        <translation>Μία σελίδα ανά εταιρεία.</translation>
    </message>
    <message>
        <source>Purpose</source>
        <translation>Σκοπός</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Κατάσταση</translation>
    </message>
    <message>
        <source>Shared on</source>
        <translation>Κοινοποιήθηκε στις</translation>
    </message>
    <message>
        <source>Brand keeps it</source>
        <translation>Η εταιρεία τα κρατά</translation>
    </message>
    <message>
        <source>In return</source>
        <translation>Σε αντάλλαγμα</translation>
    </message>
    <message>
        <source>Delivery</source>
        <translation>Παράδοση</translation>
    </message>
    <message>
        <source>(no longer in the latest version)</source>
        <translation>(δεν υπάρχει πια στην τελευταία έκδοση)</translation>
    </message>
    <message>
        <source>time unreadable</source>
        <translation>μη αναγνώσιμη ώρα</translation>
    </message>
    <message>
        <source>Zero-Party Vault · transparency report</source>
        <translation>Zero-Party Vault · αναφορά διαφάνειας</translation>
    </message>
    <message>
        <source>Each receipt is shown by its fingerprint; the web page (HTML) report has the same receipts in full, to check their signatures.</source>
        <translation>Κάθε απόδειξη φαίνεται με το αποτύπωμά της· η αναφορά ως ιστοσελίδα (HTML) έχει τις ίδιες αποδείξεις ολόκληρες, για να ελέγξετε τις υπογραφές τους.</translation>
    </message>
    <message>
        <source>Who knows what about you</source>
        <translation>Ποιος γνωρίζει τι για εσάς</translation>
    </message>
    <message>
        <source>Deletion in the brand&apos;s systems</source>
        <translation>Διαγραφή στα συστήματα της εταιρείας</translation>
    </message>
    <message>
        <source>{words}, signed on {date}</source>
        <translation>{words}, υπογεγραμμένη στις {date}</translation>
    </message>
    <message>
        <source>fingerprint {0}</source>
        <translation>αποτύπωμα {0}</translation>
    </message>
    <message>
        <source>Balance: what you gave, what it offered</source>
        <translation>Ισοζύγιο: τι δώσατε, τι προσέφερε</translation>
    </message>
    <message>
        <source>What it holds</source>
        <translation>Τι κατέχει</translation>
    </message>
    <message>
        <source>Share: {0}</source>
        <translation>Κοινοποίηση: {0}</translation>
    </message>
    <message>
        <source>What it held until {0}</source>
        <translation>Τι κατείχε έως τις {0}</translation>
    </message>
    <message>
        <source>No signed receipt from the brand yet.</source>
        <translation>Δεν υπάρχει ακόμη υπογεγραμμένη απόδειξη από την εταιρεία.</translation>
    </message>
    <message>
        <source>This share ended on {0}. The brand may keep what it held for the time it stated above, then must delete it.</source>
        <translation>Αυτή η κοινοποίηση έληξε στις {0}. Η εταιρεία μπορεί να κρατήσει ό,τι είχε για το διάστημα που δήλωσε παραπάνω και μετά πρέπει να το διαγράψει.</translation>
    </message>
    <message>
        <source>You revoked this share on {0} and the brand was told to delete what you shared; it has not confirmed the deletion yet, so it may still hold it.</source>
        <translation>Ανακαλέσατε αυτή την κοινοποίηση στις {0} και ζητήθηκε από την εταιρεία να διαγράψει ό,τι κοινοποιήσατε· δεν έχει επιβεβαιώσει ακόμη τη διαγραφή, οπότε μπορεί να το έχει ακόμη.</translation>
    </message>
    <message>
        <source>Receipts signed by the brand</source>
        <translation>Αποδείξεις υπογεγραμμένες από την εταιρεία</translation>
    </message>
    <message>
        <source>Page {page} of {pages}</source>
        <translation>Σελίδα {page} από {pages}</translation>
    </message>
    <message>
        <source>No brand knows anything about you through this vault.</source>
        <translation>Καμία εταιρεία δεν γνωρίζει τίποτα για εσάς μέσω αυτής της κρύπτης.</translation>
    </message>
    <message>
        <source>You shared nothing with this brand.</source>
        <translation>Δεν κοινοποιήσατε τίποτα σε αυτή την εταιρεία.</translation>
    </message>
    <message>
        <source>{state}; version {version}</source>
        <translation>{state}· έκδοση {version}</translation>
    </message>
    <message>
        <source>What it holds now</source>
        <translation>Τι κατέχει τώρα</translation>
    </message>
    <message>
        <source>Email alias given to this brand: {0}</source>
        <translation>Ψευδώνυμο email που δόθηκε σε αυτή την εταιρεία: {0}</translation>
    </message>
</context>
<context>
    <name>SettingsPage</name>
    <message>
        <source>System language</source>
        <translation>Γλώσσα συστήματος</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Ρυθμίσεις</translation>
    </message>
    <message>
        <source>General</source>
        <translation>Γενικά</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Γλώσσα</translation>
    </message>
    <message>
        <source> min</source>
        <translation> λεπτά</translation>
    </message>
    <message>
        <source>Never</source>
        <translation>Ποτέ</translation>
    </message>
    <message>
        <source>Lock after this many idle minutes</source>
        <translation>Κλείδωμα μετά από τόσα λεπτά αδράνειας</translation>
    </message>
    <message>
        <source>Lock when idle for</source>
        <translation>Κλείδωμα μετά από αδράνεια</translation>
    </message>
    <message>
        <source>Make a new recovery code</source>
        <translation>Δημιουργία νέου κωδικού ανάκτησης</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Φράση πρόσβασης</translation>
    </message>
    <message>
        <source>Make a new code</source>
        <translation>Δημιουργία νέου κωδικού</translation>
    </message>
    <message>
        <source>Re-encrypting your vault</source>
        <translation>Νέα κρυπτογράφηση της κρύπτης σας</translation>
    </message>
    <message>
        <source>Current passphrase</source>
        <translation>Τρέχουσα φράση πρόσβασης</translation>
    </message>
    <message>
        <source>New passphrase</source>
        <translation>Νέα φράση πρόσβασης</translation>
    </message>
    <message>
        <source>Repeat it</source>
        <translation>Επανάληψη</translation>
    </message>
    <message>
        <source>Current</source>
        <translation>Τρέχουσα</translation>
    </message>
    <message>
        <source>New</source>
        <translation>Νέα</translation>
    </message>
    <message>
        <source>Repeat</source>
        <translation>Επανάληψη</translation>
    </message>
    <message>
        <source>Change passphrase</source>
        <translation>Αλλαγή φράσης πρόσβασης</translation>
    </message>
    <message>
        <source>Recovery code</source>
        <translation>Κωδικός ανάκτησης</translation>
    </message>
    <message>
        <source>Make a new recovery code...</source>
        <translation>Δημιουργία νέου κωδικού ανάκτησης...</translation>
    </message>
    <message>
        <source>Re-encrypting your vault under a new key...</source>
        <translation>Η κρύπτη σας κρυπτογραφείται ξανά με νέο κλειδί...</translation>
    </message>
    <message>
        <source>Your current recovery code will stop working, and your vault is re-encrypted under a new key. The new code is shown once: have a pen or a printer ready. Enter your passphrase to go on.</source>
        <translation>Ο τρέχων κωδικός ανάκτησης θα πάψει να λειτουργεί και η κρύπτη σας θα κρυπτογραφηθεί ξανά με νέο κλειδί. Ο νέος κωδικός εμφανίζεται μία φορά: έχετε έτοιμο ένα στυλό ή τον εκτυπωτή. Πληκτρολογήστε τη φράση πρόσβασης για να συνεχίσετε.</translation>
    </message>
    <message>
        <source>Your vault is re-encrypted under a new key, so old copies of its key file and old backups open only what they held, and only with the old passphrase. This can take a minute on a large vault. Your recovery code keeps working.</source>
        <translation>Η κρύπτη σας κρυπτογραφείται ξανά με νέο κλειδί, ώστε παλιά αντίγραφα του αρχείου κλειδιών της και παλιά αντίγραφα ασφαλείας να ανοίγουν μόνο όσα περιείχαν, και μόνο με την παλιά φράση πρόσβασης. Σε μεγάλη κρύπτη αυτό μπορεί να διαρκέσει ένα λεπτό. Ο κωδικός ανάκτησης εξακολουθεί να λειτουργεί.</translation>
    </message>
    <message>
        <source>Lost your recovery code, or someone may have seen it? Make a new one: the old code stops working, and your vault is re-encrypted under a new key.</source>
        <translation>Χάσατε τον κωδικό ανάκτησης ή ίσως τον είδε κάποιος; Δημιουργήστε νέο: ο παλιός κωδικός παύει να λειτουργεί και η κρύπτη σας κρυπτογραφείται ξανά με νέο κλειδί.</translation>
    </message>
    <message>
        <source>New recovery code made. The old one no longer opens your vault.</source>
        <translation>Δημιουργήθηκε νέος κωδικός ανάκτησης. Ο παλιός δεν ανοίγει πια την κρύπτη σας.</translation>
    </message>
    <message>
        <source>Passphrase changed, and your vault re-encrypted under a new key. Your recovery code still works.</source>
        <translation>Η φράση πρόσβασης άλλαξε και η κρύπτη σας κρυπτογραφήθηκε ξανά με νέο κλειδί. Ο κωδικός ανάκτησης εξακολουθεί να λειτουργεί.</translation>
    </message>
    <message>
        <source>Passphrase changed, and your vault re-encrypted under a new key. Its old recovery code could not be kept: write down the new one.</source>
        <translation>Η φράση πρόσβασης άλλαξε και η κρύπτη σας κρυπτογραφήθηκε ξανά με νέο κλειδί. Ο παλιός κωδικός ανάκτησης δεν μπορούσε να διατηρηθεί: σημειώστε τον νέο.</translation>
    </message>
    <message>
        <source>Backup and export</source>
        <translation>Αντίγραφο ασφαλείας και εξαγωγή</translation>
    </message>
    <message>
        <source>Encrypted backup...</source>
        <translation>Κρυπτογραφημένο αντίγραφο...</translation>
    </message>
    <message>
        <source>Export everything as JSON...</source>
        <translation>Εξαγωγή όλων σε JSON...</translation>
    </message>
    <message>
        <source>A backup opens with this vault&apos;s passphrase or recovery code. The JSON export is not encrypted: it is your data, readable by any program.</source>
        <translation>Ένα αντίγραφο ασφαλείας ανοίγει με τη φράση πρόσβασης ή τον κωδικό ανάκτησης αυτής της κρύπτης. Η εξαγωγή JSON δεν είναι κρυπτογραφημένη: είναι τα δεδομένα σας, αναγνώσιμα από οποιοδήποτε πρόγραμμα.</translation>
    </message>
    <message>
        <source>The two new passphrases differ.</source>
        <translation>Οι δύο νέες φράσεις πρόσβασης διαφέρουν.</translation>
    </message>
    <message>
        <source>Save an encrypted backup</source>
        <translation>Αποθήκευση κρυπτογραφημένου αντιγράφου ασφαλείας</translation>
    </message>
    <message>
        <source>Vault backups (*.zpvbak)</source>
        <translation>Αντίγραφα ασφαλείας κρύπτης (*.zpvbak)</translation>
    </message>
    <message>
        <source>Writing the backup...</source>
        <translation>Εγγραφή του αντιγράφου ασφαλείας...</translation>
    </message>
    <message>
        <source>Backup written to {0}.</source>
        <translation>Το αντίγραφο ασφαλείας γράφτηκε στο {0}.</translation>
    </message>
    <message>
        <source>Export everything as JSON</source>
        <translation>Εξαγωγή όλων σε JSON</translation>
    </message>
    <message>
        <source>JSON files (*.json)</source>
        <translation>Αρχεία JSON (*.json)</translation>
    </message>
    <message>
        <source>Exported to {0}. It is not encrypted.</source>
        <translation>Εξήχθη στο {0}. Δεν είναι κρυπτογραφημένο.</translation>
    </message>
</context>
<context>
    <name>ShareReview</name>
    <message>
        <source>A discount</source>
        <translation>Μια έκπτωση</translation>
    </message>
    <message>
        <source>A gift</source>
        <translation>Ένα δώρο</translation>
    </message>
    <message>
        <source>A service</source>
        <translation>Μια υπηρεσία</translation>
    </message>
    <message>
        <source>Loyalty points</source>
        <translation>Πόντοι επιβράβευσης</translation>
    </message>
    <message>
        <source>Access</source>
        <translation>Πρόσβαση</translation>
    </message>
    <message>
        <source>Nothing in return</source>
        <translation>Τίποτα σε αντάλλαγμα</translation>
    </message>
    <message>
        <source>{brand} requires {fields}, which has no value in your vault. Set it in My data, then come back to share.</source>
        <translation>Η {brand} απαιτεί: {fields}, που δεν έχει τιμή στην κρύπτη σας. Ορίστε την στα Δεδομένα μου και επιστρέψτε για να κοινοποιήσετε.</translation>
    </message>
    <message>
        <source>{fields} no longer has a value in your vault. Untick it, or set it in My data.</source>
        <translation>{fields}: δεν έχει πια τιμή στην κρύπτη σας. Αποεπιλέξτε το ή ορίστε την τιμή στα Δεδομένα μου.</translation>
    </message>
    <message>
        <source>Tick at least one field to share.</source>
        <translation>Επιλέξτε τουλάχιστον ένα πεδίο για κοινοποίηση.</translation>
    </message>
    <message>
        <source>{brand} requires {fields}: without it there is no share.</source>
        <translation>Η {brand} απαιτεί: {fields}· χωρίς αυτό δεν γίνεται κοινοποίηση.</translation>
    </message>
    <message>
        <source>{fields} is not part of this request.</source>
        <translation>{fields}: δεν αποτελεί μέρος αυτού του αιτήματος.</translation>
    </message>
    <message>
        <source>Choose between 1 and {days} days.</source>
        <translation>Επιλέξτε από 1 έως {days} ημέρες.</translation>
    </message>
    <message>
        <source>⚠ On this computer: {origin} is a server running here (a demo or a test), not a brand&apos;s site on the internet.</source>
        <translation>⚠ Σε αυτόν τον υπολογιστή: το {origin} είναι διακομιστής που τρέχει εδώ (επίδειξη ή δοκιμή), όχι ιστότοπος εταιρείας στο διαδίκτυο.</translation>
    </message>
    <message>
        <source>⚠ On the local network: {origin} is not a site on the internet but a server on your local network (an intranet site). The vault delivers there because the brand&apos;s request was fetched from that address.</source>
        <translation>⚠ Στο τοπικό δίκτυο: το {origin} δεν είναι ιστότοπος στο διαδίκτυο αλλά διακομιστής στο τοπικό σας δίκτυο (εσωτερικός ιστότοπος). Η κρύπτη παραδίδει εκεί επειδή το αίτημα της εταιρείας λήφθηκε από αυτή τη διεύθυνση.</translation>
    </message>
    <message>
        <source>⚠ On the local network: {origin} is not a site on the internet. The brand&apos;s request came from a file or pasted text, so the vault sends nothing there and a share would not be delivered: fetch the request from that address instead.</source>
        <translation>⚠ Στο τοπικό δίκτυο: το {origin} δεν είναι ιστότοπος στο διαδίκτυο. Το αίτημα της εταιρείας προήλθε από αρχείο ή επικολλημένο κείμενο, οπότε η κρύπτη δεν στέλνει τίποτα εκεί και μια κοινοποίηση δεν θα παραδιδόταν: κάντε καλύτερα λήψη του αιτήματος από εκείνη τη διεύθυνση.</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>ναι</translation>
    </message>
    <message>
        <source>no</source>
        <translation>όχι</translation>
    </message>
    <message>
        <source>{kind}: {description}</source>
        <translation>{kind}: {description}</translation>
    </message>
    <message>
        <source>The request from {brand} expired on {date}. Ask {brand} for a new one.</source>
        <translation>Το αίτημα από {brand} έληξε στις {date}. Ζητήστε νέο από {brand}.</translation>
    </message>
    <message>
        <source>Your answer to {fields} no longer fits the question as {brand} asks it now. Answer it again.</source>
        <translation>Η απάντησή σας στο {fields} δεν ταιριάζει πια στην ερώτηση όπως τη θέτει τώρα η {brand}. Απαντήστε ξανά.</translation>
    </message>
    <message>
        <source>{reason} Nothing was shared.</source>
        <translation>{reason} Δεν κοινοποιήθηκε τίποτα.</translation>
    </message>
    <message>
        <source>“{question}”</source>
        <translation>«{question}»</translation>
    </message>
    <message>
        <source>health</source>
        <translation>υγεία</translation>
    </message>
    <message>
        <source>religion or beliefs</source>
        <translation>θρησκεία ή πεποιθήσεις</translation>
    </message>
    <message>
        <source>political opinions</source>
        <translation>πολιτικά φρονήματα</translation>
    </message>
    <message>
        <source>ethnic origin</source>
        <translation>εθνοτική καταγωγή</translation>
    </message>
    <message>
        <source>sex life or sexual orientation</source>
        <translation>σεξουαλική ζωή ή σεξουαλικό προσανατολισμό</translation>
    </message>
    <message>
        <source>biometric data</source>
        <translation>βιομετρικά δεδομένα</translation>
    </message>
    <message>
        <source>genetic data</source>
        <translation>γενετικά δεδομένα</translation>
    </message>
    <message>
        <source>trade union membership</source>
        <translation>συνδικαλιστική ιδιότητα</translation>
    </message>
    <message>
        <source>criminal record</source>
        <translation>ποινικό μητρώο</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
    <message>
        <source>⚠ {brand} calls this question “{declared}”; it asks about your {topics}. The vault treats it as special-category data.</source>
        <translation>⚠ Η {brand} χαρακτηρίζει αυτή την ερώτηση «{declared}»· όμως ρωτά για: {topics}. Η κρύπτη τη χειρίζεται ως δεδομένα ειδικής κατηγορίας.</translation>
    </message>
    <message>
        <source>a new alias at {0}</source>
        <translation>ένα νέο ψευδώνυμο στο {0}</translation>
    </message>
    <message>
        <source>{brand} requires an answer to {fields}: answer it above to share.</source>
        <translation>Η {brand} απαιτεί απάντηση στο {fields}: απαντήστε παραπάνω για να κοινοποιήσετε.</translation>
    </message>
    <message>
        <source>name</source>
        <translation>όνομα</translation>
    </message>
    <message>
        <source>web address</source>
        <translation>διεύθυνση ιστού</translation>
    </message>
    <message>
        <source>description</source>
        <translation>περιγραφή</translation>
    </message>
    <message>
        <source>privacy policy address</source>
        <translation>διεύθυνση πολιτικής απορρήτου</translation>
    </message>
    <message>
        <source>letters from several alphabets</source>
        <translation>γράμματα από διαφορετικά αλφάβητα</translation>
    </message>
    <message>
        <source>letters that only look Latin</source>
        <translation>γράμματα που μόνο μοιάζουν λατινικά</translation>
    </message>
    <message>
        <source>look-alike variants of ordinary letters</source>
        <translation>παραλλαγές που μοιάζουν με συνηθισμένα γράμματα</translation>
    </message>
    <message>
        <source>an international domain name</source>
        <translation>διεθνές όνομα τομέα</translation>
    </message>
    <message>
        <source>a malformed international domain name</source>
        <translation>κακοσχηματισμένο διεθνές όνομα τομέα</translation>
    </message>
    <message>
        <source>{where}: {reason}</source>
        <translation>{where}: {reason}</translation>
    </message>
</context>
<context>
    <name>ShareReviewDialog</name>
    <message>
        <source>Review what you share</source>
        <translation>Εξέταση όσων κοινοποιείτε</translation>
    </message>
    <message>
        <source>Share review</source>
        <translation>Εξέταση κοινοποίησης</translation>
    </message>
    <message>
        <source>The share under review</source>
        <translation>Η κοινοποίηση που εξετάζετε</translation>
    </message>
    <message>
        <source>Reading the request and your data…</source>
        <translation>Ανάγνωση του αιτήματος και των δεδομένων σας…</translation>
    </message>
    <message>
        <source>Loading</source>
        <translation>Φόρτωση</translation>
    </message>
    <message>
        <source>Nothing leaves your vault until you click Share.</source>
        <translation>Τίποτα δεν φεύγει από την κρύπτη σας πριν πατήσετε Κοινοποίηση.</translation>
    </message>
    <message>
        <source>Don&apos;t share</source>
        <translation>Χωρίς κοινοποίηση</translation>
    </message>
    <message>
        <source>Share</source>
        <translation>Κοινοποίηση</translation>
    </message>
    <message>
        <source>Share the ticked fields</source>
        <translation>Κοινοποίηση των επιλεγμένων πεδίων</translation>
    </message>
    <message>
        <source>✓ Fetched from {origin}, a server on this computer.</source>
        <translation>✓ Λήψη από το {origin}, έναν διακομιστή σε αυτόν τον υπολογιστή.</translation>
    </message>
    <message>
        <source>Required fields are the deal: without them there is no share. Optional ones are up to you: tick any you want to give.</source>
        <translation>Τα υποχρεωτικά πεδία είναι η συμφωνία: χωρίς αυτά δεν γίνεται κοινοποίηση. Τα προαιρετικά είναι στην επιλογή σας: τσεκάρετε όσα θέλετε να δώσετε.</translation>
    </message>
    <message>
        <source>✓ Domain verified: fetched from {origin} over a secure connection.</source>
        <translation>✓ Επαληθευμένος τομέας: λήψη από {origin} μέσω ασφαλούς σύνδεσης.</translation>
    </message>
    <message>
        <source>⚠ Not verified: this request was imported from a file or pasted text; nothing proves it comes from {origin}.</source>
        <translation>⚠ Μη επαληθευμένο: αυτό το αίτημα εισήχθη από αρχείο ή επικολλημένο κείμενο· τίποτα δεν αποδεικνύει ότι προέρχεται από {origin}.</translation>
    </message>
    <message>
        <source>Leak alert: {brand} gets its own alias of your email address, {alias}, not your real address. Mail to it from anyone else shows who passed it on.</source>
        <translation>Ειδοποίηση διαρροής: η {brand} λαμβάνει δικό της ψευδώνυμο της διεύθυνσης email σας, {alias}, όχι την πραγματική σας διεύθυνση. Αν σας γράψει σε αυτό οποιοσδήποτε άλλος, θα ξέρετε ποιος το έδωσε.</translation>
    </message>
    <message>
        <source>⚠ This brand&apos;s text contains hidden characters ({chars}), shown here as ⟦U+…⟧. They can make a name or address look like another one.</source>
        <translation>⚠ Το κείμενο αυτής της εταιρείας περιέχει κρυφούς χαρακτήρες ({chars}), που εμφανίζονται εδώ ως ⟦U+…⟧. Μπορούν να κάνουν ένα όνομα ή μια διεύθυνση να μοιάζει με κάποια άλλη.</translation>
    </message>
    <message>
        <source>⚠ This brand&apos;s name or address may imitate another one: {details}. Check the address carefully before you share.</source>
        <translation>⚠ Το όνομα ή η διεύθυνση αυτής της εταιρείας ίσως μιμείται κάποια άλλη: {details}. Ελέγξτε προσεκτικά τη διεύθυνση πριν κοινοποιήσετε.</translation>
    </message>
    <message>
        <source>Privacy policy: {0}</source>
        <translation>Πολιτική απορρήτου: {0}</translation>
    </message>
    <message>
        <source>Contact: {0}</source>
        <translation>Επικοινωνία: {0}</translation>
    </message>
    <message>
        <source>What it is for</source>
        <translation>Για ποιο σκοπό</translation>
    </message>
    <message>
        <source>Declared purpose: {concept}</source>
        <translation>Δηλωμένος σκοπός: {concept}</translation>
    </message>
    <message>
        <source>⚠ Vague purpose: &quot;{concept}&quot; says little about what will be done with your data. Check the description above, or ask the brand before sharing.</source>
        <translation>⚠ Ασαφής σκοπός: το «{concept}» λέει λίγα για το τι θα γίνει με τα δεδομένα σας. Ελέγξτε την περιγραφή παραπάνω ή ρωτήστε την εταιρεία πριν κοινοποιήσετε.</translation>
    </message>
    <message>
        <source>What they ask for</source>
        <translation>Τι ζητούν</translation>
    </message>
    <message>
        <source>⚠ Health, religion or other special-category data (GDPR Art. 9): {fields}. Optional ones stay unticked unless you tick them.</source>
        <translation>⚠ Υγεία, θρησκεία ή άλλα δεδομένα ειδικής κατηγορίας (άρθρο 9 ΓΚΠΔ): {fields}. Τα προαιρετικά μένουν αποεπιλεγμένα, εκτός αν τα επιλέξετε.</translation>
    </message>
    <message>
        <source>Requested fields</source>
        <translation>Ζητούμενα πεδία</translation>
    </message>
    <message>
        <source>For how long</source>
        <translation>Για πόσο καιρό</translation>
    </message>
    <message>
        <source>{brand} says it keeps what you share for at most {days}.</source>
        <translation>Η {brand} δηλώνει ότι κρατά όσα κοινοποιείτε για έως {days}.</translation>
    </message>
    <message>
        <source>Share for</source>
        <translation>Κοινοποίηση για</translation>
    </message>
    <message>
        <source>Days to share for</source>
        <translation>Ημέρες κοινοποίησης</translation>
    </message>
    <message>
        <source>{brand} asks for {days}: you can shorten it, not extend it. You can stop sharing earlier at any time, from Shared.</source>
        <translation>Η {brand} ζητά {days}: μπορείτε να τις μειώσετε, όχι να τις αυξήσετε. Μπορείτε να σταματήσετε την κοινοποίηση νωρίτερα οποιαδήποτε στιγμή, από τις Κοινοποιήσεις.</translation>
    </message>
    <message>
        <source>The exchange</source>
        <translation>Η ανταλλαγή</translation>
    </message>
    <message>
        <source>You give</source>
        <translation>Δίνετε</translation>
    </message>
    <message>
        <source>What you give</source>
        <translation>Τι δίνετε</translation>
    </message>
    <message>
        <source>Nothing ticked yet</source>
        <translation>Δεν έχετε επιλέξει τίποτα ακόμη</translation>
    </message>
    <message>
        <source>• {field}: {alias} (your alias for this brand)</source>
        <translation>• {field}: {alias} (το ψευδώνυμό σας για αυτή την εταιρεία)</translation>
    </message>
    <message>
        <source>The balance of this request</source>
        <translation>Το ισοζύγιο αυτού του αιτήματος</translation>
    </message>
    <message>
        <source>• {field}: {value}</source>
        <translation>• {field}: {value}</translation>
    </message>
    <message>
        <source> (special category)</source>
        <translation> (ειδική κατηγορία)</translation>
    </message>
    <message>
        <source>They offer</source>
        <translation>Προσφέρουν</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Κλείσιμο</translation>
    </message>
    <message>
        <source>Share with {brand}?</source>
        <translation>Κοινοποίηση στην {brand};</translation>
    </message>
    <message>
        <source> day</source>
        <translation> ημέρα</translation>
    </message>
    <message>
        <source> days</source>
        <translation> ημέρες</translation>
    </message>
    <message>
        <source>until {date}</source>
        <translation>έως {date}</translation>
    </message>
    <message>
        <source>for {days}, until {date}</source>
        <translation>για {days}, έως {date}</translation>
    </message>
    <message>
        <source>Sharing…</source>
        <translation>Κοινοποίηση…</translation>
    </message>
</context>
<context>
    <name>SharedPage</name>
    <message>
        <source>What you shared, with whom</source>
        <translation>Τι κοινοποιήσατε και σε ποιον</translation>
    </message>
    <message>
        <source>All brands</source>
        <translation>Όλες οι εταιρείες</translation>
    </message>
    <message>
        <source>Any status</source>
        <translation>Κάθε κατάσταση</translation>
    </message>
    <message>
        <source>&amp;Brand:</source>
        <translation>&amp;Εταιρεία:</translation>
    </message>
    <message>
        <source>S&amp;tatus:</source>
        <translation>&amp;Κατάσταση:</translation>
    </message>
    <message>
        <source>What does this brand &amp;know about me?</source>
        <translation>Τι &amp;γνωρίζει για εμένα;</translation>
    </message>
    <message>
        <source>What the chosen brand knows about me</source>
        <translation>Τι γνωρίζει για εμένα η επιλεγμένη εταιρεία</translation>
    </message>
    <message>
        <source>Show as &amp;QR code...</source>
        <translation>Κωδικός &amp;QR...</translation>
    </message>
    <message>
        <source>Transparency re&amp;port...</source>
        <translation>Αναφορά &amp;διαφάνειας...</translation>
    </message>
    <message>
        <source>Export a transparency report on every brand</source>
        <translation>Εξαγωγή αναφοράς διαφάνειας για κάθε εταιρεία</translation>
    </message>
    <message>
        <source>Retry &amp;now</source>
        <translation>&amp;Νέα προσπάθεια</translation>
    </message>
    <message>
        <source>&amp;Revoke...</source>
        <translation>&amp;Ανάκληση...</translation>
    </message>
    <message>
        <source>Shared</source>
        <translation>Κοινοποιήσεις</translation>
    </message>
    <message>
        <source>{brand}: {fields}. Shared on {shared}, version {version}. {state}. Delivery: {delivery}.</source>
        <translation>{brand}: {fields}. Κοινοποιήθηκε στις {shared}, έκδοση {version}. {state}. Παράδοση: {delivery}.</translation>
    </message>
    <message>
        <source>Deletion in the brand&apos;s systems: {0}.</source>
        <translation>Διαγραφή στα συστήματα της εταιρείας: {0}.</translation>
    </message>
    <message>
        <source>Revoke what you share with {0}?</source>
        <translation>Ανάκληση όσων κοινοποιείτε στην {0};</translation>
    </message>
    <message>
        <source>The chosen share</source>
        <translation>Η επιλεγμένη κοινοποίηση</translation>
    </message>
    <message>
        <source>Show shares with this brand</source>
        <translation>Εμφάνιση κοινοποιήσεων προς αυτή την εταιρεία</translation>
    </message>
    <message>
        <source>Show shares in this state</source>
        <translation>Εμφάνιση κοινοποιήσεων σε αυτή την κατάσταση</translation>
    </message>
    <message>
        <source>Show the chosen share as a QR code</source>
        <translation>Εμφάνιση της επιλεγμένης κοινοποίησης ως κωδικός QR</translation>
    </message>
    <message>
        <source>Try delivering the chosen share now</source>
        <translation>Νέα προσπάθεια παράδοσης της επιλεγμένης κοινοποίησης τώρα</translation>
    </message>
    <message>
        <source>Revoke the chosen share</source>
        <translation>Ανάκληση της επιλεγμένης κοινοποίησης</translation>
    </message>
    <message>
        <source>No share matches these filters.</source>
        <translation>Καμία κοινοποίηση δεν ταιριάζει με αυτά τα φίλτρα.</translation>
    </message>
    <message>
        <source>You have not shared anything yet. Open Brands, choose a request and review it to share.</source>
        <translation>Δεν έχετε κοινοποιήσει τίποτα ακόμη. Ανοίξτε τις Εταιρείες, επιλέξτε ένα αίτημα και εξετάστε το για να κοινοποιήσετε.</translation>
    </message>
    <message>
        <source>Choose a share to pause, revoke or retry it, or see what its brand knows about you.</source>
        <translation>Επιλέξτε μια κοινοποίηση για να τη θέσετε σε παύση, να την ανακαλέσετε ή να ξαναδοκιμάσετε την παράδοσή της, ή για να δείτε τι γνωρίζει για εσάς η εταιρεία της.</translation>
    </message>
    <message>
        <source>{brand} will be told to delete: {fields}.
Purpose: {purpose}

You cannot undo this. To share again, review the brand&apos;s request again.</source>
        <translation>Η {brand} θα ενημερωθεί να διαγράψει: {fields}.
Σκοπός: {purpose}

Δεν μπορείτε να το αναιρέσετε. Για να κοινοποιήσετε ξανά, εξετάστε ξανά το αίτημα της εταιρείας.</translation>
    </message>
    <message>
        <source>Revoke</source>
        <translation>Ανάκληση</translation>
    </message>
    <message>
        <source>Revoke share</source>
        <translation>Ανάκληση κοινοποίησης</translation>
    </message>
    <message>
        <source>Revoked. {0} is being told to delete your data.</source>
        <translation>Ανακλήθηκε. Η {0} ενημερώνεται να διαγράψει τα δεδομένα σας.</translation>
    </message>
    <message>
        <source>Close the alias</source>
        <translation>Κλείσιμο του ψευδωνύμου</translation>
    </message>
    <message>
        <source>Also close {0}&apos;s alias?</source>
        <translation>Να κλείσει και το ψευδώνυμο για την {0};</translation>
    </message>
    <message>
        <source>Mail to {0} still reaches you, but from now on any mail to it, even from {1}, is shown as a leak: the brand was told to forget it. A new share with {1} gets a new alias.</source>
        <translation>Η αλληλογραφία προς {0} θα σας φτάνει ακόμη, αλλά από εδώ και πέρα κάθε μήνυμα προς αυτό, ακόμη και από την {1}, εμφανίζεται ως διαρροή: η εταιρεία ενημερώθηκε να το ξεχάσει. Μια νέα κοινοποίηση στην {1} παίρνει νέο ψευδώνυμο.</translation>
    </message>
    <message>
        <source>Close</source>
        <translation>Κλείσιμο</translation>
    </message>
    <message>
        <source>Closed: {0}. Mail to it now means a leak or an old list.</source>
        <translation>Έκλεισε: {0}. Αλληλογραφία προς αυτό σημαίνει πλέον διαρροή ή παλιά λίστα.</translation>
    </message>
    <message>
        <source>Turn off the alias</source>
        <translation>Απενεργοποίηση του ψευδωνύμου</translation>
    </message>
    <message>
        <source>Also turn off {0}&apos;s alias at your alias service?</source>
        <translation>Να απενεργοποιηθεί και το ψευδώνυμο της εταιρείας {0} στην υπηρεσία ψευδωνύμων σας;</translation>
    </message>
    <message>
        <source>Mail to {0} will no longer reach you. The alias stays watched, so mail sent to it still shows who has it.</source>
        <translation>Τα μηνύματα προς {0} δεν θα σας φτάνουν πια. Το ψευδώνυμο εξακολουθεί να παρακολουθείται, οπότε ό,τι του στέλνεται δείχνει ακόμη ποιος το έχει.</translation>
    </message>
    <message>
        <source>Turn off</source>
        <translation>Απενεργοποίηση</translation>
    </message>
    <message>
        <source>Turned off at your alias service: {0}.</source>
        <translation>Απενεργοποιήθηκε στην υπηρεσία ψευδωνύμων σας: {0}.</translation>
    </message>
    <message>
        <source>Trying again now.</source>
        <translation>Νέα προσπάθεια τώρα.</translation>
    </message>
</context>
<context>
    <name>ShortcutsDialog</name>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>Συντομεύσεις πληκτρολογίου</translation>
    </message>
    <message>
        <source>Keys</source>
        <translation>Πλήκτρα</translation>
    </message>
    <message>
        <source>What they do</source>
        <translation>Τι κάνουν</translation>
    </message>
    <message>
        <source>Underlined letters on buttons and menus work with Alt: Alt+R for “Revoke...”, for example.</source>
        <translation>Τα υπογραμμισμένα γράμματα σε κουμπιά και μενού λειτουργούν με το Alt: για παράδειγμα, Alt και το υπογραμμισμένο γράμμα του «Ανάκληση...».</translation>
    </message>
    <message>
        <source>Lock the vault: the key is dropped, the screens cleared</source>
        <translation>Κλείδωμα της κρύπτης: το κλειδί απορρίπτεται, οι οθόνες αδειάζουν</translation>
    </message>
    <message>
        <source>My data: search fields and values</source>
        <translation>Τα δεδομένα μου: αναζήτηση σε πεδία και τιμές</translation>
    </message>
    <message>
        <source>Enter</source>
        <translation>Enter</translation>
    </message>
    <message>
        <source>Open what is chosen: edit a value, review a brand&apos;s request, see a share</source>
        <translation>Άνοιγμα της επιλογής: επεξεργασία μιας τιμής, έλεγχος του αιτήματος μιας εταιρείας, προβολή μιας κοινοποίησης</translation>
    </message>
    <message>
        <source>My data: clear the chosen value</source>
        <translation>Τα δεδομένα μου: απαλοιφή της επιλεγμένης τιμής</translation>
    </message>
    <message>
        <source>Tab, Shift+Tab</source>
        <translation>Tab, Shift+Tab</translation>
    </message>
    <message>
        <source>Move to the next or previous control; a table is left with Tab, not trapped in</source>
        <translation>Μετάβαση στο επόμενο ή το προηγούμενο στοιχείο· από έναν πίνακα βγαίνετε με το Tab, δεν εγκλωβίζεστε</translation>
    </message>
    <message>
        <source>Arrow keys</source>
        <translation>Βελάκια</translation>
    </message>
    <message>
        <source>Move within a list or table</source>
        <translation>Μετακίνηση μέσα σε λίστα ή πίνακα</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>Διάστημα</translation>
    </message>
    <message>
        <source>Press the focused button or tick the focused box</source>
        <translation>Πάτημα του κουμπιού ή τσεκάρισμα του πλαισίου που έχει την εστίαση</translation>
    </message>
    <message>
        <source>Esc</source>
        <translation>Esc</translation>
    </message>
    <message>
        <source>Close a dialog without doing anything</source>
        <translation>Κλείσιμο ενός παραθύρου διαλόγου χωρίς καμία ενέργεια</translation>
    </message>
</context>
<context>
    <name>SyncStatusLabel</name>
    <message>
        <source>Sync</source>
        <translation>Συγχρονισμός</translation>
    </message>
</context>
<context>
    <name>SyncWords</name>
    <message>
        <source>this device</source>
        <translation>αυτή η συσκευή</translation>
    </message>
    <message>
        <source>removed</source>
        <translation>αφαιρέθηκε</translation>
    </message>
    <message>
        <source>not seen yet</source>
        <translation>καμία επαφή ακόμη</translation>
    </message>
    <message>
        <source>it was changed or damaged after it was written.</source>
        <translation>άλλαξε ή φθάρηκε αφού γράφτηκε.</translation>
    </message>
    <message>
        <source>it belongs to another vault.</source>
        <translation>ανήκει σε άλλη κρύπτη.</translation>
    </message>
    <message>
        <source>it was written by a device that is not one of this vault&apos;s.</source>
        <translation>γράφτηκε από συσκευή που δεν ανήκει σε αυτή την κρύπτη.</translation>
    </message>
    <message>
        <source>it was written by a removed device after its removal.</source>
        <translation>γράφτηκε από συσκευή που έχει αφαιρεθεί, μετά την αφαίρεσή της.</translation>
    </message>
    <message>
        <source>a device wrote two different files for the same change (an old copy of that device was put back).</source>
        <translation>μια συσκευή έγραψε δύο διαφορετικά αρχεία για την ίδια αλλαγή (κάποιος επανέφερε παλιό αντίγραφο εκείνης της συσκευής).</translation>
    </message>
    <message>
        <source>it is an old file put back out of its place.</source>
        <translation>είναι παλιό αρχείο που ξαναμπήκε εκεί όπου δεν ανήκει.</translation>
    </message>
    <message>
        <source>it was written by a newer version of Zero-Party Vault.</source>
        <translation>γράφτηκε από νεότερη έκδοση του Zero-Party Vault.</translation>
    </message>
    <message>
        <source>it is sealed with a key this computer does not have (another vault&apos;s file, or this device was removed).</source>
        <translation>είναι κρυπτογραφημένο με κλειδί που δεν έχει αυτός ο υπολογιστής (αρχείο άλλης κρύπτης ή αυτή η συσκευή αφαιρέθηκε).</translation>
    </message>
    <message>
        <source>Sync: up to date.</source>
        <translation>Συγχρονισμός: όλα ενημερωμένα.</translation>
    </message>
    <message>
        <source>Sync: waiting for another device&apos;s file.</source>
        <translation>Συγχρονισμός: αναμονή για αρχείο από άλλη συσκευή.</translation>
    </message>
    <message>
        <source>Sync stopped: this device was removed from the vault&apos;s devices.</source>
        <translation>Ο συγχρονισμός σταμάτησε: αυτή η συσκευή αφαιρέθηκε από τις συσκευές της κρύπτης.</translation>
    </message>
    <message>
        <source>Sync problem: {0}</source>
        <translation>Πρόβλημα συγχρονισμού: {0}</translation>
    </message>
    <message>
        <source>last seen {0}</source>
        <translation>τελευταία επαφή στις {0}</translation>
    </message>
    <message>
        <source>Sync problem: a file in the folder was refused: {0} Details are in Activity.</source>
        <translation>Πρόβλημα συγχρονισμού: απορρίφθηκε ένα αρχείο του φακέλου: {0} Λεπτομέρειες θα βρείτε στη Δραστηριότητα.</translation>
    </message>
    <message>
        <source>Sync: waiting for a file from {0}.</source>
        <translation>Συγχρονισμός: αναμονή για αρχείο από {0}.</translation>
    </message>
</context>
<context>
    <name>TimeWords</name>
    <message>
        <source>1 day</source>
        <translation>1 ημέρα</translation>
    </message>
    <message>
        <source>1 year</source>
        <translation>1 χρόνος</translation>
    </message>
    <message>
        <source>{days} ({about})</source>
        <translation>{days} ({about})</translation>
    </message>
    <message>
        <source>{n} days</source>
        <translation>{n} ημέρες</translation>
    </message>
    <message>
        <source>about {n} years</source>
        <translation>περίπου {n} χρόνια</translation>
    </message>
    <message>
        <source>{n} years</source>
        <translation>{n} χρόνια</translation>
    </message>
    <message>
        <source>about {n} months</source>
        <translation>περίπου {n} μήνες</translation>
    </message>
</context>
<context>
    <name>TourPage</name>
    <message>
        <source>&amp;Skip the tour</source>
        <translation>Παρά&amp;λειψη ξενάγησης</translation>
    </message>
    <message>
        <source>&amp;Back</source>
        <translation>&amp;Πίσω</translation>
    </message>
    <message>
        <source>Your preferences, kept by you</source>
        <translation>Οι προτιμήσεις σας, στα χέρια σας</translation>
    </message>
    <message>
        <source>Zero-Party Vault keeps what you choose to tell brands (your sizes, your diet, how often they may write to you) on this computer, encrypted with a passphrase only you know. No account, no server of ours.</source>
        <translation>Το Zero-Party Vault κρατά όσα επιλέγετε να πείτε στις εταιρείες (τα μεγέθη σας, τη διατροφή σας, πόσο συχνά μπορούν να σας γράφουν) σε αυτόν τον υπολογιστή, κρυπτογραφημένα με μια φράση πρόσβασης που ξέρετε μόνο εσείς. Χωρίς λογαριασμό, χωρίς δικό μας διακομιστή.</translation>
    </message>
    <message>
        <source>Nothing leaves without your review</source>
        <translation>Τίποτα δεν φεύγει χωρίς τον έλεγχό σας</translation>
    </message>
    <message>
        <source>When a brand asks, you see what it wants, why, for how long and what it offers in return, with a fair-or-not verdict. You tick what to share; the rest stays here. Each brand gets its own key, so brands cannot match what they hold about you.</source>
        <translation>Όταν μια εταιρεία ζητά κάτι, βλέπετε τι θέλει, γιατί, για πόσο καιρό και τι προσφέρει σε αντάλλαγμα, μαζί με μια εκτίμηση για το αν είναι δίκαιο. Τσεκάρετε ό,τι θέλετε να δώσετε· τα υπόλοιπα μένουν εδώ. Κάθε εταιρεία παίρνει δικό της κλειδί, οπότε οι εταιρείες δεν μπορούν να συνδυάσουν όσα ξέρουν για εσάς.</translation>
    </message>
    <message>
        <source>Take it back at any time</source>
        <translation>Πάρτε τα πίσω όποτε θέλετε</translation>
    </message>
    <message>
        <source>Shared shows who knows what and what you got for it. Revoke, and the brand is told to delete what you gave and answers with a signed receipt. If your e-mail address reaches someone it should not, the vault can tell you who passed it on.</source>
        <translation>Οι Κοινοποιήσεις δείχνουν ποιος ξέρει τι και τι πήρατε σε αντάλλαγμα. Με μια ανάκληση, η εταιρεία ενημερώνεται να διαγράψει όσα δώσατε και απαντά με υπογεγραμμένη απόδειξη. Αν η διεύθυνση email σας φτάσει σε κάποιον που δεν θα έπρεπε, η κρύπτη μπορεί να σας πει ποιος τη διέδωσε.</translation>
    </message>
    <message>
        <source>&amp;Get started</source>
        <translation>&amp;Ξεκινήστε</translation>
    </message>
    <message>
        <source>&amp;Next</source>
        <translation>Επ&amp;όμενο</translation>
    </message>
    <message>
        <source>{0} of {1}</source>
        <translation>{0} από {1}</translation>
    </message>
</context>
<context>
    <name>UnlockPage</name>
    <message>
        <source>Unlock your vault</source>
        <translation>Ξεκλείδωμα της κρύπτης σας</translation>
    </message>
    <message>
        <source>Passphrase</source>
        <translation>Φράση πρόσβασης</translation>
    </message>
    <message>
        <source>I forgot it: use my recovery code</source>
        <translation>Την ξέχασα: χρήση του κωδικού ανάκτησης</translation>
    </message>
    <message>
        <source>I restored an older copy on purpose: open it</source>
        <translation>Επανέφερα εσκεμμένα παλαιότερο αντίγραφο: άνοιγμα</translation>
    </message>
    <message>
        <source>Unlock</source>
        <translation>Ξεκλείδωμα</translation>
    </message>
    <message>
        <source>Recovery code, e.g. ABCDE-12345-...</source>
        <translation>Κωδικός ανάκτησης, π.χ. ABCDE-12345-...</translation>
    </message>
</context>
<context>
    <name>VaultMessages</name>
    <message>
        <source>Something went wrong in the app; nothing more was done. The details are in the app&apos;s log.</source>
        <translation>Κάτι πήγε στραβά στην εφαρμογή· δεν έγινε τίποτε άλλο. Οι λεπτομέρειες βρίσκονται στο αρχείο καταγραφής της εφαρμογής.</translation>
    </message>
    <message>
        <source>it is not a signed request</source>
        <translation>δεν είναι υπογεγραμμένο αίτημα</translation>
    </message>
    <message>
        <source>it is too large</source>
        <translation>είναι πολύ μεγάλο</translation>
    </message>
    <message>
        <source>its header cannot be read</source>
        <translation>η κεφαλίδα του δεν διαβάζεται</translation>
    </message>
    <message>
        <source>it is signed with an algorithm the protocol does not allow</source>
        <translation>είναι υπογεγραμμένο με αλγόριθμο που δεν επιτρέπει το πρωτόκολλο</translation>
    </message>
    <message>
        <source>it is not a data request</source>
        <translation>δεν είναι αίτημα δεδομένων</translation>
    </message>
    <message>
        <source>its signature does not match: it may have been altered</source>
        <translation>η υπογραφή του δεν ταιριάζει: ίσως έχει αλλοιωθεί</translation>
    </message>
    <message>
        <source>its contents cannot be read</source>
        <translation>το περιεχόμενό του δεν διαβάζεται</translation>
    </message>
    <message>
        <source>the brand&apos;s keys in it are missing or malformed</source>
        <translation>τα κλειδιά της εταιρείας σε αυτό λείπουν ή είναι κακοσχηματισμένα</translation>
    </message>
    <message>
        <source>it is not signed by the key it names</source>
        <translation>δεν είναι υπογεγραμμένο με το κλειδί που δηλώνει</translation>
    </message>
    <message>
        <source>it has expired; ask the brand for a fresh one</source>
        <translation>έχει λήξει· ζητήστε ένα νέο από την εταιρεία</translation>
    </message>
    <message>
        <source>the brand&apos;s address in it is not acceptable</source>
        <translation>η διεύθυνση της εταιρείας σε αυτό δεν είναι αποδεκτή</translation>
    </message>
    <message>
        <source>it would send your data to another site than the brand&apos;s, or to an address with a query string</source>
        <translation>θα έστελνε τα δεδομένα σας σε άλλον ιστότοπο από της εταιρείας ή σε διεύθυνση με ερώτημα (query string)</translation>
    </message>
    <message>
        <source>it names this computer or an address on the local network, which only a request fetched from there may do</source>
        <translation>δηλώνει αυτόν τον υπολογιστή ή μια διεύθυνση του τοπικού δικτύου, κάτι που επιτρέπεται μόνο σε αίτημα που λήφθηκε από εκεί</translation>
    </message>
    <message>
        <source>one of the brand&apos;s keys is unsafe: anyone could sign or read with it</source>
        <translation>ένα από τα κλειδιά της εταιρείας δεν είναι ασφαλές: οποιοσδήποτε θα μπορούσε να υπογράψει ή να διαβάσει με αυτό</translation>
    </message>
    <message>
        <source>one of the brand&apos;s keys is not written the standard way</source>
        <translation>ένα από τα κλειδιά της εταιρείας δεν είναι γραμμένο με τον τυπικό τρόπο</translation>
    </message>
    <message>
        <source>its offer is not of a known kind</source>
        <translation>η προσφορά του δεν είναι γνωστού είδους</translation>
    </message>
    <message>
        <source>it asks for a field the vault does not know</source>
        <translation>ζητά πεδίο που η κρύπτη δεν γνωρίζει</translation>
    </message>
    <message>
        <source>it is malformed</source>
        <translation>είναι κακοσχηματισμένο</translation>
    </message>
    <message>
        <source>Use at least 12 characters; a few unrelated words work well.</source>
        <translation>Χρησιμοποιήστε τουλάχιστον 12 χαρακτήρες· μερικές άσχετες μεταξύ τους λέξεις είναι καλή επιλογή.</translation>
    </message>
    <message>
        <source>This is one of the most common passwords.</source>
        <translation>Είναι ένας από τους πιο συνηθισμένους κωδικούς πρόσβασης.</translation>
    </message>
    <message>
        <source>It repeats too few characters.</source>
        <translation>Επαναλαμβάνει λίγους χαρακτήρες ξανά και ξανά.</translation>
    </message>
    <message>
        <source>It is a keyboard or alphabet run.</source>
        <translation>Είναι σειρά πλήκτρων ή γραμμάτων του αλφαβήτου.</translation>
    </message>
    <message>
        <source>Too predictable: add another word, or mix in digits.</source>
        <translation>Πολύ προβλέψιμη: προσθέστε μία ακόμη λέξη ή αναμείξτε ψηφία.</translation>
    </message>
    <message>
        <source>That passphrase does not open this vault.</source>
        <translation>Αυτή η φράση πρόσβασης δεν ανοίγει αυτή την κρύπτη.</translation>
    </message>
    <message>
        <source>That recovery code does not open this vault.</source>
        <translation>Αυτός ο κωδικός ανάκτησης δεν ανοίγει αυτή την κρύπτη.</translation>
    </message>
    <message>
        <source>This vault is open in another window or program. Close it there first.</source>
        <translation>Αυτή η κρύπτη είναι ανοιχτή σε άλλο παράθυρο ή πρόγραμμα. Κλείστε την εκεί πρώτα.</translation>
    </message>
    <message>
        <source>This vault is damaged. Restore it from a backup.</source>
        <translation>Αυτή η κρύπτη έχει φθαρεί. Επαναφέρετέ την από αντίγραφο ασφαλείας.</translation>
    </message>
    <message>
        <source>This vault was made by a newer version of Zero-Party Vault. Update the app.</source>
        <translation>Αυτή η κρύπτη δημιουργήθηκε από νεότερη έκδοση του Zero-Party Vault. Ενημερώστε την εφαρμογή.</translation>
    </message>
    <message>
        <source>There is no vault in this folder.</source>
        <translation>Δεν υπάρχει κρύπτη σε αυτόν τον φάκελο.</translation>
    </message>
    <message>
        <source>The vault is locked. Unlock it and try again.</source>
        <translation>Η κρύπτη είναι κλειδωμένη. Ξεκλειδώστε την και δοκιμάστε ξανά.</translation>
    </message>
    <message>
        <source>This share was refused: the vault would not send it.</source>
        <translation>Η κοινοποίηση απορρίφθηκε: η κρύπτη δεν θα την έστελνε.</translation>
    </message>
    <message>
        <source>The disk is full. Nothing was changed.</source>
        <translation>Ο δίσκος είναι γεμάτος. Δεν άλλαξε τίποτα.</translation>
    </message>
    <message>
        <source>Your vault could not be re-encrypted. Nothing was changed: your passphrase and recovery code are as they were.</source>
        <translation>Η κρύπτη σας δεν μπόρεσε να κρυπτογραφηθεί ξανά. Δεν άλλαξε τίποτα: η φράση πρόσβασης και ο κωδικός ανάκτησης είναι όπως ήταν.</translation>
    </message>
    <message>
        <source>That brand is not in your vault.</source>
        <translation>Αυτή η εταιρεία δεν υπάρχει στην κρύπτη σας.</translation>
    </message>
    <message>
        <source>Not imported: the brand&apos;s keys changed and you did not accept them.</source>
        <translation>Δεν έγινε εισαγωγή: τα κλειδιά της εταιρείας άλλαξαν και δεν τα αποδεχτήκατε.</translation>
    </message>
    <message>
        <source>That is too large to be a data request.</source>
        <translation>Είναι πολύ μεγάλο για να είναι αίτημα δεδομένων.</translation>
    </message>
    <message>
        <source>This file is not text: a data request is a line of text.</source>
        <translation>Αυτό το αρχείο δεν είναι κείμενο: ένα αίτημα δεδομένων είναι μία γραμμή κειμένου.</translation>
    </message>
    <message>
        <source>That file no longer exists.</source>
        <translation>Αυτό το αρχείο δεν υπάρχει πια.</translation>
    </message>
    <message>
        <source>You may not read that file.</source>
        <translation>Δεν έχετε δικαίωμα ανάγνωσης αυτού του αρχείου.</translation>
    </message>
    <message>
        <source>The file could not be read.</source>
        <translation>Δεν ήταν δυνατή η ανάγνωση του αρχείου.</translation>
    </message>
    <message>
        <source>The share that carried this alias is no longer in your vault: there is nothing to put in an evidence pack.</source>
        <translation>Η κοινοποίηση που μετέφερε αυτό το ψευδώνυμο δεν υπάρχει πια στην κρύπτη σας: δεν υπάρχει τίποτα για φάκελο αποδείξεων.</translation>
    </message>
    <message>
        <source>The brand&apos;s secure connection could not be verified.</source>
        <translation>Δεν ήταν δυνατό να επαληθευτεί η ασφαλής σύνδεση της εταιρείας.</translation>
    </message>
    <message>
        <source>That is not a domain that can receive mail, like alex.example.</source>
        <translation>Αυτό δεν είναι τομέας που μπορεί να λάβει αλληλογραφία, όπως το alex.example.</translation>
    </message>
    <message>
        <source>it states its purpose in terms the vault does not know</source>
        <translation>δηλώνει τον σκοπό του με όρους που η κρύπτη δεν γνωρίζει</translation>
    </message>
    <message>
        <source>An active share carries this answer to its brand: revoke it first.</source>
        <translation>Μια ενεργή κοινοποίηση μεταφέρει αυτή την απάντηση στην εταιρεία της: ανακαλέστε την πρώτα.</translation>
    </message>
    <message>
        <source>This field is required by an active share: revoke it first.</source>
        <translation>Αυτό το πεδίο απαιτείται από ενεργή κοινοποίηση: ανακαλέστε την πρώτα.</translation>
    </message>
    <message>
        <source>This brand no longer asks for this: it is not among its latest requests.</source>
        <translation>Αυτή η εταιρεία δεν το ζητά πια: δεν περιλαμβάνεται στα πιο πρόσφατα αιτήματά της.</translation>
    </message>
    <message>
        <source>That folder already holds a synced vault, or this vault already syncs. To use a vault from a synced folder, join it from the welcome screen.</source>
        <translation>Αυτός ο φάκελος περιέχει ήδη συγχρονισμένη κρύπτη ή αυτή η κρύπτη συγχρονίζεται ήδη. Για να χρησιμοποιήσετε κρύπτη από συγχρονισμένο φάκελο, συνδεθείτε σε αυτήν από την αρχική οθόνη.</translation>
    </message>
    <message>
        <source>This vault does not sync through a folder.</source>
        <translation>Αυτή η κρύπτη δεν συγχρονίζεται μέσω φακέλου.</translation>
    </message>
    <message>
        <source>No other device of this vault has that name.</source>
        <translation>Καμία άλλη συσκευή αυτής της κρύπτης δεν έχει αυτό το όνομα.</translation>
    </message>
    <message>
        <source>That share is already revoked.</source>
        <translation>Αυτή η κοινοποίηση έχει ήδη ανακληθεί.</translation>
    </message>
    <message>
        <source>That share no longer exists.</source>
        <translation>Αυτή η κοινοποίηση δεν υπάρχει πια.</translation>
    </message>
    <message>
        <source>That is not an email address, like alex@mail.example.</source>
        <translation>Αυτό δεν είναι διεύθυνση email, όπως η alex@mail.example.</translation>
    </message>
    <message>
        <source>An alias service makes its aliases itself.</source>
        <translation>Μια υπηρεσία ψευδωνύμων φτιάχνει η ίδια τα ψευδώνυμά της.</translation>
    </message>
    <message>
        <source>Give the service&apos;s API key.</source>
        <translation>Δώστε το κλειδί API της υπηρεσίας.</translation>
    </message>
    <message>
        <source>The service&apos;s address must start with https://.</source>
        <translation>Η διεύθυνση της υπηρεσίας πρέπει να αρχίζει με https://.</translation>
    </message>
    <message>
        <source>Give the mail server, your user name and your password.</source>
        <translation>Δώστε τον διακομιστή αλληλογραφίας, το όνομα χρήστη και τον κωδικό πρόσβασής σας.</translation>
    </message>
    <message>
        <source>That leak is no longer in your vault.</source>
        <translation>Αυτή η διαρροή δεν υπάρχει πια στην κρύπτη σας.</translation>
    </message>
    <message>
        <source>There is no draft in that language.</source>
        <translation>Δεν υπάρχει σχέδιο σε αυτή τη γλώσσα.</translation>
    </message>
    <message>
        <source>The alias service did not accept the API key.</source>
        <translation>Η υπηρεσία ψευδωνύμων δεν δέχτηκε το κλειδί API.</translation>
    </message>
    <message>
        <source>The alias service refused.</source>
        <translation>Η υπηρεσία ψευδωνύμων αρνήθηκε.</translation>
    </message>
    <message>
        <source>The alias service no longer has that alias.</source>
        <translation>Η υπηρεσία ψευδωνύμων δεν έχει πια αυτό το ψευδώνυμο.</translation>
    </message>
    <message>
        <source>The alias service asks to wait a while before trying again.</source>
        <translation>Η υπηρεσία ψευδωνύμων ζητά να περιμένετε λίγο πριν ξαναδοκιμάσετε.</translation>
    </message>
    <message>
        <source>The alias service is having trouble; try again later.</source>
        <translation>Η υπηρεσία ψευδωνύμων έχει πρόβλημα· δοκιμάστε ξανά αργότερα.</translation>
    </message>
    <message>
        <source>The alias service&apos;s answer could not be read.</source>
        <translation>Η απάντηση της υπηρεσίας ψευδωνύμων δεν ήταν αναγνώσιμη.</translation>
    </message>
    <message>
        <source>Could not reach the alias service.</source>
        <translation>Η υπηρεσία ψευδωνύμων δεν ήταν προσβάσιμη.</translation>
    </message>
    <message>
        <source>Could not reach the mail server.</source>
        <translation>Ο διακομιστής αλληλογραφίας δεν ήταν προσβάσιμος.</translation>
    </message>
    <message>
        <source>The mail server&apos;s secure connection could not be verified (TLS).</source>
        <translation>Η ασφαλής σύνδεση του διακομιστή αλληλογραφίας δεν επαληθεύτηκε (TLS).</translation>
    </message>
    <message>
        <source>The mail server did not accept the user name and password.</source>
        <translation>Ο διακομιστής αλληλογραφίας δεν δέχτηκε το όνομα χρήστη και τον κωδικό πρόσβασης.</translation>
    </message>
    <message>
        <source>The mail server has no such folder.</source>
        <translation>Ο διακομιστής αλληλογραφίας δεν έχει τέτοιο φάκελο.</translation>
    </message>
    <message>
        <source>The mail server took too long to answer.</source>
        <translation>Ο διακομιστής αλληλογραφίας άργησε πολύ να απαντήσει.</translation>
    </message>
    <message>
        <source>The mail server&apos;s answer was not IMAP.</source>
        <translation>Η απάντηση του διακομιστή αλληλογραφίας δεν ήταν IMAP.</translation>
    </message>
    <message>
        <source>The mail server closed the connection.</source>
        <translation>Ο διακομιστής αλληλογραφίας έκλεισε τη σύνδεση.</translation>
    </message>
    <message>
        <source>Stopped.</source>
        <translation>Σταμάτησε.</translation>
    </message>
    <message>
        <source>The vault was locked or busy.</source>
        <translation>Η κρύπτη ήταν κλειδωμένη ή απασχολημένη.</translation>
    </message>
    <message>
        <source>Connecting to the mail server...</source>
        <translation>Σύνδεση στον διακομιστή αλληλογραφίας...</translation>
    </message>
    <message>
        <source>Watching: the mail server announces new mail as it arrives.</source>
        <translation>Παρακολούθηση: ο διακομιστής αναγγέλλει τα νέα μηνύματα μόλις φτάνουν.</translation>
    </message>
    <message>
        <source>Watching: looking for new mail every minute.</source>
        <translation>Παρακολούθηση: έλεγχος για νέα μηνύματα κάθε λεπτό.</translation>
    </message>
    <message>
        <source>Not watching.</source>
        <translation>Καμία παρακολούθηση.</translation>
    </message>
    <message>
        <source>This is not a link to share from your vault.</source>
        <translation>Αυτός δεν είναι σύνδεσμος κοινοποίησης από την κρύπτη σας.</translation>
    </message>
    <message>
        <source>The link is incomplete or malformed: it does not say where the brand&apos;s request is.</source>
        <translation>Ο σύνδεσμος είναι ελλιπής ή κακοσχηματισμένος: δεν λέει πού βρίσκεται το αίτημα της εταιρείας.</translation>
    </message>
    <message>
        <source>The link is too long to be a share link.</source>
        <translation>Ο σύνδεσμος είναι πολύ μεγάλος για σύνδεσμο κοινοποίησης.</translation>
    </message>
    <message>
        <source>The link points to something that is not a brand&apos;s web address.</source>
        <translation>Ο σύνδεσμος δείχνει σε κάτι που δεν είναι διεύθυνση ιστού εταιρείας.</translation>
    </message>
    <message>
        <source>The link points to an unprotected (http) address on the internet: only https is accepted.</source>
        <translation>Ο σύνδεσμος δείχνει σε απροστάτευτη (http) διεύθυνση στο διαδίκτυο: γίνεται δεκτό μόνο το https.</translation>
    </message>
    <message>
        <source>The link points to a malformed web address.</source>
        <translation>Ο σύνδεσμος δείχνει σε κακοσχηματισμένη διεύθυνση ιστού.</translation>
    </message>
    <message>
        <source>The link&apos;s web address uses characters that can imitate another site&apos;s name.</source>
        <translation>Η διεύθυνση ιστού του συνδέσμου χρησιμοποιεί χαρακτήρες που μπορούν να μιμηθούν το όνομα άλλου ιστότοπου.</translation>
    </message>
    <message>
        <source>That address is refused: use the brand&apos;s https address (plain http only on this computer).</source>
        <translation>Αυτή η διεύθυνση απορρίπτεται: χρησιμοποιήστε τη διεύθυνση https της εταιρείας (απλό http μόνο σε αυτόν τον υπολογιστή).</translation>
    </message>
    <message>
        <source>That address leads where the vault does not go: this computer only as localhost or 127.0.0.1, the local network only over https, and special-purpose addresses never.</source>
        <translation>Αυτή η διεύθυνση οδηγεί εκεί όπου η κρύπτη δεν πηγαίνει: σε αυτόν τον υπολογιστή μόνο ως localhost ή 127.0.0.1, στο τοπικό δίκτυο μόνο μέσω https, και σε διευθύνσεις ειδικής χρήσης ποτέ.</translation>
    </message>
    <message>
        <source>Could not reach the brand.</source>
        <translation>Η εταιρεία δεν ήταν προσβάσιμη.</translation>
    </message>
    <message>
        <source>The brand took too long to answer.</source>
        <translation>Η εταιρεία άργησε πολύ να απαντήσει.</translation>
    </message>
    <message>
        <source>The brand&apos;s answer is too large.</source>
        <translation>Η απάντηση της εταιρείας είναι πολύ μεγάλη.</translation>
    </message>
    <message>
        <source>The brand&apos;s answer is not a usable data request.</source>
        <translation>Η απάντηση της εταιρείας δεν είναι αξιοποιήσιμο αίτημα δεδομένων.</translation>
    </message>
    <message>
        <source>This vault is an older copy than the one this computer last saw: it ends at activity entry {found}, but entry {seen} was seen here on {when}. Someone may have put an old copy back. Open it only if you restored it yourself.</source>
        <translation>Αυτή η κρύπτη είναι παλαιότερο αντίγραφο από αυτό που είδε τελευταία φορά αυτός ο υπολογιστής: τελειώνει στην εγγραφή δραστηριότητας {found}, ενώ η εγγραφή {seen} είχε καταγραφεί εδώ στις {when}. Κάποιος ίσως επανέφερε ένα παλιό αντίγραφο. Ανοίξτε την μόνο αν την επαναφέρατε εσείς.</translation>
    </message>
    <message>
        <source>A file in the synced folder was refused: {0}</source>
        <translation>Απορρίφθηκε ένα αρχείο του συγχρονισμένου φακέλου: {0}</translation>
    </message>
    <message>
        <source>The link is malformed.</source>
        <translation>Ο σύνδεσμος είναι κακοσχηματισμένος.</translation>
    </message>
    <message>
        <source>This is not a valid data request: {0}.</source>
        <translation>Αυτό δεν είναι έγκυρο αίτημα δεδομένων: {0}.</translation>
    </message>
    <message>
        <source>“{0}” was not saved. {1}</source>
        <translation>Το «{0}» δεν αποθηκεύτηκε. {1}</translation>
    </message>
    <message>
        <source>“{0}” is carried to its brand by an active share: revoke it first (on the Shared page).</source>
        <translation>Το «{0}» μεταφέρεται στην εταιρεία του από ενεργή κοινοποίηση: ανακαλέστε την πρώτα (στη σελίδα Κοινοποιήσεις).</translation>
    </message>
    <message>
        <source>“{0}” is required by an active share: revoke it first (on the Shared page).</source>
        <translation>Το «{0}» απαιτείται από ενεργή κοινοποίηση: ανακαλέστε την πρώτα (στη σελίδα Κοινοποιήσεις).</translation>
    </message>
    <message>
        <source>{0} Trying again in {1} s.</source>
        <translation>{0} Νέα προσπάθεια σε {1} δευτ.</translation>
    </message>
</context>
<context>
    <name>VaultNews</name>
    <message>
        <source>Vault unlocked</source>
        <translation>Η κρύπτη ξεκλειδώθηκε</translation>
    </message>
    <message>
        <source>Vault locked</source>
        <translation>Η κρύπτη κλειδώθηκε</translation>
    </message>
</context>
</TS>
