"""Every word the app says to a person, translatable, built when called (never at import
time: the language can change while the app runs).

One directed chain; each module imports only those before it:

    text -> time -> fields -> exchange -> pausing -> review -> balance -> activity -> aliases
    -> report -> sync -> news -> errors

- `text`: brand text made safe to show (hidden characters revealed), tooltips.
- `time`: the one formatter of moments, dates and durations.
- `fields`: field labels, categories, sensitivities, choices, values, value errors.
- `exchange`: purposes, offers, grant and delivery states, receipts, transport kinds.
- `pausing`: a paused grant, and where deletion stands in each of the brand's systems.
- `review`: the share review's sentences, refusals, look-alike names.
- `balance`: the value balance's verdict, warnings and summary.
- `activity`: the activity log's actions, details and the chain's check.
- `aliases`: an e-mail alias the person closed, and mail that came to it after.
- `report`: the words of the transparency report as a web page (vault.transparency.html
  lays it out; the printed version words its own headings in ui/report/printed.py).
- `sync`: where this device stands against the synced folder, refusals, last seen.
- `news`: what a screen reader is told of a delivery run (a share delivered, a deletion
  confirmed), naming its brands.
- `errors`: the one dispatcher from any error the app can meet to words.

The rule (tests/test_layers.py): outside this package no module keeps a words table (a
dict whose values are translated text), formats a moment (QDateTime, strftime,
datetime.fromtimestamp) or turns exceptions into words by matching on their types. A
screen's own short labels, headings and sentences stay in its module as
`self.tr("...")`/`_tr("...")` calls, next to the widgets they name.
"""
