"""Files from outside, read under guard (bounded size and time, plain data only),
and files written so that they survive a power cut."""
