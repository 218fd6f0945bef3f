"""The data protection authorities of the EU and EEA states (GDPR Art. 51; Iceland,
Liechtenstein and Norway through the EEA Agreement), one national authority per state, for
the complaint a person may lodge under Art. 77 with the authority of the state where they
live, work or where the infringement took place.

Kept as data, with where it came from and when; contact details change, so a draft always
names the authority's own site to check them against before sending.
"""

from __future__ import annotations

from dataclasses import dataclass

SOURCES = (
    # The members of the European Data Protection Board: the list of national authorities.
    "https://www.edpb.europa.eu/about-edpb/about-edpb/members_en",
    # Addresses, e-mail and complaint forms: the supervisory-authorities records of the
    # Datenanfragen.de database (CC0), each checked against its own listed sources.
    "https://github.com/datenanfragen/data/tree/master/supervisory-authorities",
    # Poland's office (UODO, which replaced GIODO in 2018) and the current websites of
    # Liechtenstein's and Lithuania's authorities: from those authorities' own sites, each
    # checked again as CHECKED says.
    "https://uodo.gov.pl/",
    "https://www.datenschutzstelle.li/",
    "https://vdai.lrv.lt/",
)
COMPILED = "2026-12-06"


@dataclass(frozen=True)
class Check:
    """An entry checked again, on its own, against the pages named: what they confirmed,
    and what they did not (kept as compiled: check it on the authority's site)."""

    on: str  # ISO date
    pages: tuple[str, ...]
    confirmed: str
    not_confirmed: str = ""


# The three entries that came from the authorities' own sites rather than the database
# above, checked against the pages named (their complaint page and postal address).
CHECKED: dict[str, Check] = {
    "LI": Check(
        "2026-12-06",
        ("https://datenschutzstelle.li/index.php?cID=370",
         "https://dss.llv.li/aktuelles/beschwerderecht"),
        "the postal address (corrected: Kirchstrasse 8, where the list had Städtle 38); that "
        "complaints go to the Datenschutzstelle, on its complaint form",
        "the e-mail address (the authority's page hides it from robots) and the complaint "
        "form's own address, so no form is linked: the website is"),
    "LT": Check(
        "2026-12-06",
        ("https://vdai.lrv.lt/privatumo-politika",
         "https://vdai.lrv.lt/lt/veiklos-sritys-1/skundu-nagrinejimas"),
        "the postal address (corrected: L. Sapiegos g. 17, where the list had the former "
        "A. Juozapavičiaus g. 6), the e-mail address and the complaints page"),
    "PL": Check(
        "2026-12-06",
        ("https://www.biznes.gov.pl/en/opisy-procedur/-/proc/891",
         "https://infografika1.uodo.gov.pl/"),
        "the postal address, and the complaints page (the government's page for a complaint "
        "to the President of UODO: in writing, or online through ePUAP)",
        "the e-mail address (neither page gives one for complaints)"),
}


@dataclass(frozen=True)
class Authority:
    country: str  # ISO 3166-1 alpha-2, upper case
    name: str  # in English
    local_name: str
    website: str
    complaint_form: str  # a web form or complaints page; "" where none is listed
    email: str
    address: tuple[str, ...]


AUTHORITIES: tuple[Authority, ...] = (
    Authority("AT", "Austrian Data Protection Authority", "Österreichische Datenschutzbehörde",
              "https://www.dsb.gv.at/", "https://www.dsb.gv.at/Eingabeformular-online/"
              "Eingabeformular-online.html", "dsb@dsb.gv.at",
              ("Barichgasse 40-42", "1030 Wien", "Austria")),
    Authority("BE", "Belgian Data Protection Authority",
              "Autorité de protection des données / Gegevensbeschermingsautoriteit",
              "https://www.dataprotectionauthority.be/", "", "contact@apd-gba.be",
              ("Rue de la Presse 35", "1000 Brussels", "Belgium")),
    Authority("BG", "Commission for Personal Data Protection",
              "Комисия за защита на личните данни", "https://www.cpdp.bg/", "", "kzld@cpdp.bg",
              ("2 Prof. Tsvetan Lazarov Blvd.", "Sofia 1592", "Bulgaria")),
    Authority("CY", "Commissioner for Personal Data Protection",
              "Γραφείο Επιτρόπου Προστασίας Δεδομένων Προσωπικού Χαρακτήρα",
              "https://www.dataprotection.gov.cy/", "", "commissioner@dataprotection.gov.cy",
              ("P.O. Box 23378", "1682 Nicosia", "Cyprus")),
    Authority("CZ", "Office for Personal Data Protection", "Úřad pro ochranu osobních údajů",
              "https://www.uoou.cz/", "", "posta@uoou.cz",
              ("Pplk. Sochora 27", "170 00 Praha 7", "Czech Republic")),
    Authority("DE", "Federal Commissioner for Data Protection and Freedom of Information",
              "Die Bundesbeauftragte für den Datenschutz und die Informationsfreiheit",
              "https://www.bfdi.bund.de/",
              "https://formulare.bfdi.bund.de/lip/action/invoke.do?id=BfDIBeschwerde",
              "poststelle@bfdi.bund.de", ("Graurheindorfer Str. 153", "53117 Bonn", "Germany")),
    Authority("DK", "Danish Data Protection Agency", "Datatilsynet",
              "https://www.datatilsynet.dk/", "", "dt@datatilsynet.dk",
              ("Carl Jacobsens Vej 35", "2500 Valby", "Denmark")),
    Authority("EE", "Estonian Data Protection Inspectorate", "Andmekaitse Inspektsioon",
              "https://www.aki.ee/", "", "info@aki.ee",
              ("19 Väike-Ameerika St.", "10129 Tallinn", "Estonia")),
    Authority("ES", "Spanish Data Protection Agency", "Agencia Española de Protección de Datos",
              "https://www.aepd.es/", "", "",
              ("C/ Jorge Juan, 6", "28001 Madrid", "Spain")),
    Authority("FI", "Office of the Data Protection Ombudsman",
              "Tietosuojavaltuutetun toimisto", "https://tietosuoja.fi/",
              "https://tietosuoja.fi/ilmoitus-tietosuojavaltuutetulle", "tietosuoja@om.fi",
              ("P.O. Box 800", "00531 Helsinki", "Finland")),
    Authority("FR", "National Commission on Informatics and Liberty",
              "Commission Nationale de l'Informatique et des Libertés (CNIL)",
              "https://www.cnil.fr/",
              "https://www.plaintes.cnil.fr/plaintes/internetsupp/coordonnees.action", "",
              ("3 Place de Fontenoy", "TSA 80715", "75334 Paris Cedex 07", "France")),
    Authority("GR", "Hellenic Data Protection Authority",
              "Αρχή Προστασίας Δεδομένων Προσωπικού Χαρακτήρα", "https://www.dpa.gr/", "",
              "complaints@dpa.gr", ("Kifissias 1-3", "115 23 Athens", "Greece")),
    Authority("HR", "Croatian Personal Data Protection Agency",
              "Agencija za zaštitu osobnih podataka", "https://azop.hr/", "", "azop@azop.hr",
              ("Fra Grge Martića 14", "10000 Zagreb", "Croatia")),
    Authority("HU", "Hungarian National Authority for Data Protection and Freedom of "
              "Information", "Nemzeti Adatvédelmi és Információszabadság Hatóság",
              "https://www.naih.hu/", "", "ugyfelszolgalat@naih.hu",
              ("Szilágyi Erzsébet fasor 22/C.", "1125 Budapest", "Hungary")),
    Authority("IE", "Data Protection Commission", "An Coimisiún um Chosaint Sonraí",
              "https://www.dataprotection.ie/", "", "info@dataprotection.ie",
              ("Canal House", "Station Road", "Portarlington", "R32 AP23 Co. Laois", "Ireland")),
    Authority("IS", "Icelandic Data Protection Authority", "Persónuvernd",
              "https://www.personuvernd.is/", "", "postur@personuvernd.is",
              ("Rauðarárstígur 10", "105 Reykjavík", "Iceland")),
    Authority("IT", "Italian Data Protection Authority",
              "Garante per la protezione dei dati personali", "https://www.garanteprivacy.it/",
              "", "protocollo@pec.gpdp.it", ("Piazza Venezia 11", "00187 Roma", "Italy")),
    Authority("LI", "Data Protection Authority of Liechtenstein", "Datenschutzstelle",
              "https://www.datenschutzstelle.li/", "", "info.dss@llv.li",
              ("Kirchstrasse 8", "Postfach 684", "9490 Vaduz", "Liechtenstein")),
    Authority("LT", "State Data Protection Inspectorate",
              "Valstybinė duomenų apsaugos inspekcija", "https://vdai.lrv.lt/",
              "https://vdai.lrv.lt/lt/veiklos-sritys-1/skundu-nagrinejimas", "ada@ada.lt",
              ("L. Sapiegos g. 17", "LT-10312 Vilnius", "Lithuania")),
    Authority("LU", "National Commission for Data Protection",
              "Commission nationale pour la protection des données", "https://cnpd.public.lu/",
              "https://cnpd.public.lu/en/particuliers/faire-valoir/formulaire-plainte.html",
              "info@cnpd.lu", ("15, Boulevard du Jazz", "L-4370 Belvaux", "Luxembourg")),
    Authority("LV", "Data State Inspectorate", "Datu valsts inspekcija",
              "https://www.dvi.gov.lv/", "", "pasts@dvi.gov.lv",
              ("Elijas iela 17", "LV-1050 Riga", "Latvia")),
    Authority("MT", "Office of the Information and Data Protection Commissioner",
              "Office of the Information and Data Protection Commissioner",
              "https://idpc.org.mt/", "https://idpc.org.mt/en/Pages/contact/complaints.aspx",
              "idpc.info@idpc.org.mt",
              ("Level 2, Airways House", "High Street", "Sliema SLM 1549", "Malta")),
    Authority("NL", "Dutch Data Protection Authority", "Autoriteit Persoonsgegevens",
              "https://autoriteitpersoonsgegevens.nl/",
              "https://autoriteitpersoonsgegevens.nl/nl/zelf-doen/privacyrechten/"
              "klacht-indienen-bij-de-ap", "info@autoriteitpersoonsgegevens.nl",
              ("Postbus 93374", "2509 AJ Den Haag", "The Netherlands")),
    Authority("NO", "Norwegian Data Protection Authority", "Datatilsynet",
              "https://www.datatilsynet.no/", "", "postkasse@datatilsynet.no",
              ("Postboks 458 Sentrum", "0105 Oslo", "Norway")),
    Authority("PL", "Personal Data Protection Office", "Urząd Ochrony Danych Osobowych",
              "https://uodo.gov.pl/", "https://www.biznes.gov.pl/en/opisy-procedur/-/proc/891",
              "kancelaria@uodo.gov.pl",
              ("ul. Stawki 2", "00-193 Warszawa", "Poland")),
    Authority("PT", "National Data Protection Commission",
              "Comissão Nacional de Proteção de Dados", "https://www.cnpd.pt/", "",
              "geral@cnpd.pt", ("Av. D. Carlos I, 134 - 1.º", "1200-651 Lisboa", "Portugal")),
    Authority("RO", "National Supervisory Authority for Personal Data Processing",
              "Autoritatea Naţională de Supraveghere a Prelucrării Datelor cu Caracter "
              "Personal", "https://www.dataprotection.ro/", "", "anspdcp@dataprotection.ro",
              ("28-30 G-ral Gheorghe Magheru Bld., District 1", "010336 Bucharest", "Romania")),
    Authority("SE", "Swedish Authority for Privacy Protection", "Integritetsskyddsmyndigheten",
              "https://www.imy.se/", "", "imy@imy.se",
              ("Box 8114", "104 20 Stockholm", "Sweden")),
    Authority("SI", "Information Commissioner of the Republic of Slovenia",
              "Informacijski pooblaščenec", "https://www.ip-rs.si/", "", "gp.ip@ip-rs.si",
              ("Dunajska cesta 22", "1000 Ljubljana", "Slovenia")),
    Authority("SK", "Office for Personal Data Protection of the Slovak Republic",
              "Úrad na ochranu osobných údajov Slovenskej republiky",
              "https://dataprotection.gov.sk/", "", "statny.dozor@pdp.gov.sk",
              ("Hraničná 12", "820 07 Bratislava 27", "Slovakia")),
)

BY_COUNTRY = {authority.country: authority for authority in AUTHORITIES}


def authority_for(country: str) -> Authority | None:
    """The national authority of an EU or EEA state (ISO 3166-1 alpha-2, any case)."""
    return BY_COUNTRY.get(country.strip().upper())
