<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="el" sourcelanguage="en">
    <context>
        <name>QPlatformTheme</name>
        <message>
            <source>&amp;No</source>
            <translation>&amp;Όχι</translation>
        </message>
        <message>
            <source>&amp;Yes</source>
            <translation>&amp;Ναι</translation>
        </message>
        <message>
            <source>Abort</source>
            <translation>Ματαίωση</translation>
        </message>
        <message>
            <source>Apply</source>
            <translation>Εφαρμογή</translation>
        </message>
        <message>
            <source>Cancel</source>
            <translation>Άκυρο</translation>
        </message>
        <message>
            <source>Close</source>
            <translation>Κλείσιμο</translation>
        </message>
        <message>
            <source>Discard</source>
            <translation>Απόρριψη</translation>
        </message>
        <message>
            <source>Help</source>
            <translation>Βοήθεια</translation>
        </message>
        <message>
            <source>Ignore</source>
            <translation>Παράβλεψη</translation>
        </message>
        <message>
            <source>N&amp;o to All</source>
            <translation>Ό&amp;χι σε όλα</translation>
        </message>
        <message>
            <source>OK</source>
            <translation>OK</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Άνοιγμα</translation>
        </message>
        <message>
            <source>Reset</source>
            <translation>Επαναφορά</translation>
        </message>
        <message>
            <source>Restore Defaults</source>
            <translation>Επαναφορά προεπιλογών</translation>
        </message>
        <message>
            <source>Retry</source>
            <translation>Επανάληψη</translation>
        </message>
        <message>
            <source>Save</source>
            <translation>Αποθήκευση</translation>
        </message>
        <message>
            <source>Save All</source>
            <translation>Αποθήκευση όλων</translation>
        </message>
        <message>
            <source>Yes to &amp;All</source>
            <translation>Ναι σε ό&amp;λα</translation>
        </message>
    </context>
    <context>
        <name>QGnomeTheme</name>
        <message>
            <source>&amp;Cancel</source>
            <translation>Ά&amp;κυρο</translation>
        </message>
        <message>
            <source>&amp;Close</source>
            <translation>&amp;Κλείσιμο</translation>
        </message>
        <message>
            <source>&amp;OK</source>
            <translation>&amp;OK</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>&amp;Αποθήκευση</translation>
        </message>
        <message>
            <source>Close without Saving</source>
            <translation>Κλείσιμο χωρίς αποθήκευση</translation>
        </message>
    </context>
    <context>
        <name>QDialogButtonBox</name>
        <message>
            <source>OK</source>
            <translation>OK</translation>
        </message>
    </context>
    <context>
        <name>QMessageBox</name>
        <message>
            <source>Hide Details...</source>
            <translation>Απόκρυψη λεπτομερειών...</translation>
        </message>
        <message>
            <source>Show Details...</source>
            <translation>Εμφάνιση λεπτομερειών...</translation>
        </message>
    </context>
    <context>
        <name>QProgressDialog</name>
        <message>
            <source>Cancel</source>
            <translation>Άκυρο</translation>
        </message>
    </context>
    <context>
        <name>QInputDialog</name>
        <message>
            <source>Enter a value:</source>
            <translation>Εισαγάγετε μια τιμή:</translation>
        </message>
    </context>
    <context>
        <name>QComboBox</name>
        <message>
            <source>False</source>
            <translation>Ψευδές</translation>
        </message>
        <message>
            <source>True</source>
            <translation>Αληθές</translation>
        </message>
        <message>
            <source>Open the combo box selection popup</source>
            <translation>Άνοιγμα της λίστας επιλογών</translation>
        </message>
    </context>
    <context>
        <name>QLineEdit</name>
        <message>
            <source>&amp;Copy</source>
            <translation>&amp;Αντιγραφή</translation>
        </message>
        <message>
            <source>&amp;Paste</source>
            <translation>&amp;Επικόλληση</translation>
        </message>
        <message>
            <source>&amp;Redo</source>
            <translation>Α&amp;κύρωση αναίρεσης</translation>
        </message>
        <message>
            <source>&amp;Undo</source>
            <translation>Α&amp;ναίρεση</translation>
        </message>
        <message>
            <source>Cu&amp;t</source>
            <translation>Απο&amp;κοπή</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Διαγραφή</translation>
        </message>
        <message>
            <source>Select All</source>
            <translation>Επιλογή όλων</translation>
        </message>
    </context>
    <context>
        <name>QWidgetTextControl</name>
        <message>
            <source>&amp;Copy</source>
            <translation>&amp;Αντιγραφή</translation>
        </message>
        <message>
            <source>&amp;Paste</source>
            <translation>&amp;Επικόλληση</translation>
        </message>
        <message>
            <source>&amp;Redo</source>
            <translation>Α&amp;κύρωση αναίρεσης</translation>
        </message>
        <message>
            <source>&amp;Undo</source>
            <translation>Α&amp;ναίρεση</translation>
        </message>
        <message>
            <source>Copy &amp;Link Location</source>
            <translation>Αντιγραφή διεύθυνσης &amp;συνδέσμου</translation>
        </message>
        <message>
            <source>Cu&amp;t</source>
            <translation>Απο&amp;κοπή</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Διαγραφή</translation>
        </message>
        <message>
            <source>Select All</source>
            <translation>Επιλογή όλων</translation>
        </message>
    </context>
    <context>
        <name>QAbstractSpinBox</name>
        <message>
            <source>&amp;Select All</source>
            <translation>&amp;Επιλογή όλων</translation>
        </message>
        <message>
            <source>&amp;Step up</source>
            <translation>&amp;Αύξηση</translation>
        </message>
        <message>
            <source>Step &amp;down</source>
            <translation>&amp;Μείωση</translation>
        </message>
    </context>
    <context>
        <name>QUnicodeControlCharacterMenu</name>
        <message>
            <source>Insert Unicode control character</source>
            <translation>Εισαγωγή χαρακτήρα ελέγχου Unicode</translation>
        </message>
    </context>
    <context>
        <name>QScrollBar</name>
        <message>
            <source>Bottom</source>
            <translation>Τέλος</translation>
        </message>
        <message>
            <source>Left edge</source>
            <translation>Αριστερό άκρο</translation>
        </message>
        <message>
            <source>Page down</source>
            <translation>Μία σελίδα κάτω</translation>
        </message>
        <message>
            <source>Page left</source>
            <translation>Μία σελίδα αριστερά</translation>
        </message>
        <message>
            <source>Page right</source>
            <translation>Μία σελίδα δεξιά</translation>
        </message>
        <message>
            <source>Page up</source>
            <translation>Μία σελίδα πάνω</translation>
        </message>
        <message>
            <source>Right edge</source>
            <translation>Δεξί άκρο</translation>
        </message>
        <message>
            <source>Scroll down</source>
            <translation>Κύλιση κάτω</translation>
        </message>
        <message>
            <source>Scroll here</source>
            <translation>Κύλιση εδώ</translation>
        </message>
        <message>
            <source>Scroll left</source>
            <translation>Κύλιση αριστερά</translation>
        </message>
        <message>
            <source>Scroll right</source>
            <translation>Κύλιση δεξιά</translation>
        </message>
        <message>
            <source>Scroll up</source>
            <translation>Κύλιση πάνω</translation>
        </message>
        <message>
            <source>Top</source>
            <translation>Αρχή</translation>
        </message>
    </context>
    <context>
        <name>QFileDialog</name>
        <message>
            <source>%1
Directory not found.
Please verify the correct directory name was given.</source>
            <translation>%1
Ο φάκελος δεν βρέθηκε.
Ελέγξτε ότι δώσατε το σωστό όνομα φακέλου.</translation>
        </message>
        <message>
            <source>%1
File not found.
Please verify the correct file name was given.</source>
            <translation>%1
Το αρχείο δεν βρέθηκε.
Ελέγξτε ότι δώσατε το σωστό όνομα αρχείου.</translation>
        </message>
        <message>
            <source>%1 already exists.
Do you want to replace it?</source>
            <translation>Το %1 υπάρχει ήδη.
Θέλετε να το αντικαταστήσετε;</translation>
        </message>
        <message>
            <source>&amp;Choose</source>
            <translation>&amp;Επιλογή</translation>
        </message>
        <message>
            <source>&amp;Delete</source>
            <translation>&amp;Διαγραφή</translation>
        </message>
        <message>
            <source>&amp;Look in:</source>
            <translation>&amp;Αναζήτηση σε:</translation>
        </message>
        <message>
            <source>&amp;New Folder</source>
            <translation>&amp;Νέος φάκελος</translation>
        </message>
        <message>
            <source>&amp;Open</source>
            <translation>Ά&amp;νοιγμα</translation>
        </message>
        <message>
            <source>&amp;Rename</source>
            <translation>&amp;Μετονομασία</translation>
        </message>
        <message>
            <source>&amp;Save</source>
            <translation>&amp;Αποθήκευση</translation>
        </message>
        <message>
            <source>'%1' is write protected.
Do you want to delete it anyway?</source>
            <translation>Το «%1» προστατεύεται από εγγραφή.
Θέλετε να το διαγράψετε παρ’ όλα αυτά;</translation>
        </message>
        <message>
            <source>All Files (*)</source>
            <translation>Όλα τα αρχεία (*)</translation>
        </message>
        <message>
            <source>All files (*)</source>
            <translation>Όλα τα αρχεία (*)</translation>
        </message>
        <message>
            <source>Alt+Left</source>
            <translation>Alt+Left</translation>
        </message>
        <message>
            <source>Alt+Right</source>
            <translation>Alt+Right</translation>
        </message>
        <message>
            <source>Alt+Up</source>
            <translation>Alt+Up</translation>
        </message>
        <message>
            <source>Are you sure you want to delete '%1'?</source>
            <translation>Θέλετε σίγουρα να διαγράψετε το «%1»;</translation>
        </message>
        <message>
            <source>Back</source>
            <translation>Πίσω</translation>
        </message>
        <message>
            <source>Change to detail view mode</source>
            <translation>Προβολή λεπτομερειών</translation>
        </message>
        <message>
            <source>Change to list view mode</source>
            <translation>Προβολή λίστας</translation>
        </message>
        <message>
            <source>Could not delete directory.</source>
            <translation>Δεν ήταν δυνατή η διαγραφή του φακέλου.</translation>
        </message>
        <message>
            <source>Create New Folder</source>
            <translation>Δημιουργία νέου φακέλου</translation>
        </message>
        <message>
            <source>Create a New Folder</source>
            <translation>Δημιουργία νέου φακέλου</translation>
        </message>
        <message>
            <source>Delete</source>
            <translation>Διαγραφή</translation>
        </message>
        <message>
            <source>Detail View</source>
            <translation>Λεπτομέρειες</translation>
        </message>
        <message>
            <source>Directories</source>
            <translation>Φάκελοι</translation>
        </message>
        <message>
            <source>Directory:</source>
            <translation>Φάκελος:</translation>
        </message>
        <message>
            <source>File &amp;name:</source>
            <translation>Όνομα &amp;αρχείου:</translation>
        </message>
        <message>
            <source>Files</source>
            <translation>Αρχεία</translation>
        </message>
        <message>
            <source>Files of &amp;type:</source>
            <translation>&amp;Τύπος αρχείων:</translation>
        </message>
        <message>
            <source>Find Directory</source>
            <translation>Εύρεση φακέλου</translation>
        </message>
        <message>
            <source>Forward</source>
            <translation>Εμπρός</translation>
        </message>
        <message>
            <source>Go back</source>
            <translation>Πίσω</translation>
        </message>
        <message>
            <source>Go forward</source>
            <translation>Εμπρός</translation>
        </message>
        <message>
            <source>Go to the parent directory</source>
            <translation>Μετάβαση στον γονικό φάκελο</translation>
        </message>
        <message>
            <source>List View</source>
            <translation>Λίστα</translation>
        </message>
        <message>
            <source>List of places and bookmarks</source>
            <translation>Λίστα τοποθεσιών και σελιδοδεικτών</translation>
        </message>
        <message>
            <source>New Folder</source>
            <translation>Νέος φάκελος</translation>
        </message>
        <message>
            <source>Open</source>
            <translation>Άνοιγμα</translation>
        </message>
        <message>
            <source>Parent Directory</source>
            <translation>Γονικός φάκελος</translation>
        </message>
        <message>
            <source>Recent Places</source>
            <translation>Πρόσφατες τοποθεσίες</translation>
        </message>
        <message>
            <source>Remove</source>
            <translation>Αφαίρεση</translation>
        </message>
        <message>
            <source>Save As</source>
            <translation>Αποθήκευση ως</translation>
        </message>
        <message>
            <source>Show </source>
            <translation>Εμφάνιση </translation>
        </message>
        <message>
            <source>Show &amp;hidden files</source>
            <translation>Εμφάνιση &amp;κρυφών αρχείων</translation>
        </message>
        <message>
            <source>Sidebar</source>
            <translation>Πλευρική στήλη</translation>
        </message>
    </context>
    <context>
        <name>QFileSystemModel</name>
        <message>
            <source>Computer</source>
            <translation>Υπολογιστής</translation>
        </message>
        <message>
            <source>Date Modified</source>
            <translation>Ημερομηνία τροποποίησης</translation>
        </message>
        <message>
            <source>Kind</source>
            <translation>Είδος</translation>
        </message>
        <message>
            <source>My Computer</source>
            <translation>Ο υπολογιστής μου</translation>
        </message>
        <message>
            <source>Name</source>
            <translation>Όνομα</translation>
        </message>
        <message>
            <source>Size</source>
            <translation>Μέγεθος</translation>
        </message>
        <message>
            <source>Type</source>
            <translation>Τύπος</translation>
        </message>
    </context>
    <context>
        <name>QAbstractFileIconProvider</name>
        <message>
            <source>Alias</source>
            <translation>Ψευδώνυμο</translation>
        </message>
        <message>
            <source>Drive</source>
            <translation>Μονάδα δίσκου</translation>
        </message>
        <message>
            <source>File</source>
            <translation>Αρχείο</translation>
        </message>
        <message>
            <source>File Folder</source>
            <translation>Φάκελος αρχείων</translation>
        </message>
        <message>
            <source>Folder</source>
            <translation>Φάκελος</translation>
        </message>
        <message>
            <source>Shortcut</source>
            <translation>Συντόμευση</translation>
        </message>
        <message>
            <source>Unknown</source>
            <translation>Άγνωστο</translation>
        </message>
    </context>
    <context>
        <name>QPrintDialog</name>
        <message>
            <source>&amp;Print</source>
            <translation>&amp;Εκτύπωση</translation>
        </message>
        <message>
            <source>Print</source>
            <translation>Εκτύπωση</translation>
        </message>
        <message>
            <source>All Pages</source>
            <translation>Όλες οι σελίδες</translation>
        </message>
        <message>
            <source>Even Pages</source>
            <translation>Ζυγές σελίδες</translation>
        </message>
        <message>
            <source>Odd Pages</source>
            <translation>Μονές σελίδες</translation>
        </message>
        <message>
            <source>Local file</source>
            <translation>Τοπικό αρχείο</translation>
        </message>
        <message>
            <source>Print To File ...</source>
            <translation>Εκτύπωση σε αρχείο ...</translation>
        </message>
        <message>
            <source>Print to File (PDF)</source>
            <translation>Εκτύπωση σε αρχείο (PDF)</translation>
        </message>
        <message>
            <source>Write PDF file</source>
            <translation>Εγγραφή αρχείου PDF</translation>
        </message>
        <message>
            <source>%1 already exists.
Do you want to overwrite it?</source>
            <translation>Το %1 υπάρχει ήδη.
Θέλετε να το αντικαταστήσετε;</translation>
        </message>
        <message>
            <source>%1 is a directory.
Please choose a different file name.</source>
            <translation>Το %1 είναι φάκελος.
Επιλέξτε άλλο όνομα αρχείου.</translation>
        </message>
        <message>
            <source>File %1 is not writable.
Please choose a different file name.</source>
            <translation>Δεν είναι δυνατή η εγγραφή στο αρχείο %1.
Επιλέξτε άλλο όνομα αρχείου.</translation>
        </message>
        <message>
            <source>&amp;Options &gt;&gt;</source>
            <translation>&amp;Επιλογές &gt;&gt;</translation>
        </message>
        <message>
            <source>&amp;Options &lt;&lt;</source>
            <translation>&amp;Επιλογές &lt;&lt;</translation>
        </message>
    </context>
</TS>
