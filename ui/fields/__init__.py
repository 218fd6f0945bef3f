"""My data: the fields and their values (page.py), the table model and delegate, the
value editors, and the dialogs for a custom field and a value's history."""
