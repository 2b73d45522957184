"""XLSForm workbooks (ODK, Kobo): a questionnaire version written to one and read back.

`write.py` writes, `read.py` reads and checks, `relevant.py` parses show-if expressions,
`layout.py` says which sheet and column holds what.
"""
