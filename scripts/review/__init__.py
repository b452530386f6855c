"""`make review`: what practitioners asked, what the assistant missed and what they said about
its answers, from the stored conversations, as one HTML page for the content owner.

    store.py     the events, read from the tracker store of an endpoints file (SQLite or PostgreSQL)
    analysis.py  turns, counts, missed questions grouped, feedback paired with its reason
    charts.py    the charts (matplotlib, PNGs embedded in the page)
    report.py    the page (Jinja2 template in templates/)
    __main__.py  the command line
"""
