"""What the tests build and read, one function per thing, keyword-only arguments:
people.py (registrations, staff, referrals, history at a chosen moment), desk.py (what the desk
shows), directory.py (the sample's services), db.py (counts and dumps of tables), http.py (the
front's endpoints called as a browser does), aio.py (a coroutine run from a test), socket.py
(a tab's websocket driven by hand), phone.py (a phone registering over Reflex's websocket, for
the e2e tests and the benchmarks)."""
