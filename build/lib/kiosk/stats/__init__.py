"""Visit statistics: one anonymous record per visit, kept in a local SQLite file for the practitioner.

What is kept is deliberately coarse (the day and the hour, a duration in whole minutes, how far the lesson
got, which quiz questions were right the first time) so that nothing can be matched against the reception
book: no exact times, no free text, no increasing visit numbers. `record` builds and validates a visit's
record, `store` keeps them (and survives damage and full disks), `background` writes them off the UI
thread, and `export` writes the CSV staff take away.
"""
