"""What a person does, one function each: start, answer, finish, reopen or erase an
interview; write a sheet or a report; sync a laptop; import and pack at the office.

Both faces (the CLI and the TUI) read their input, call one of these, and show the
outcome; neither holds SQL or a sequence of steps. Outcomes are typed values and
problems are `evaluation.problems.Problem`s: the faces translate them for the reader.
"""
