"""This machine's helpers: the clock, the data folder, the device id, the incident
log, progress of long work and the French keyboard's digit row."""
