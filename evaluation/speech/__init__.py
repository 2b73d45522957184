"""Reading a question aloud, offline: a recording when the questionnaire ships one,
else the espeak-ng voice; played by a sound command found on this computer."""
