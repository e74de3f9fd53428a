"""What the tests build and read, one function per thing, keyword-only arguments:
people.py (registrations, staff, referrals, history at a chosen moment), desk.py (what the desk
shows), directory.py (the sample's services), db.py (counts and dumps of tables), http.py (the
front's endpoints called as a browser does), aio.py (a coroutine run from a test)."""
