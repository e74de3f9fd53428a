"""Follow-up at the desk (issue 19): on the open record, a follow-up date with a note for the
desk and the person's appointments; the Follow-up page with what is due today, what is
overdue, and the appointments of a day."""
