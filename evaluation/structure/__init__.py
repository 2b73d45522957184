"""The mediation structure: its settings, how long it keeps data, its activity
figures and CRA value lists, and its mediators' aide-mémoire."""
