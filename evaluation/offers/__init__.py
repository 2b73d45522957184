"""Next steps near home: the catalogue of local offers (data·inclusion), who each
is for, how near it is, when it is open, and the French communes."""
