"""Transform: a RawLetter's text into a LetterRecord (`transform.letter`). Pure: never
touches a database.

This package module stays light: the run's main process reads `PARSER_VERSION` and the
lexicon without importing the parser, which only its worker processes need.
"""

# Bump when a change to the transform changes what it extracts: `imr-etl reprocess
# --outdated` re-parses the letters stored by older versions. 2: parse_warnings. 3: ODG
# chapters in all their spellings, ODG topics as written, near-miss specialties. 4: the
# treatment fields of requests worded in new ways (strengths, counts, regions, retrospective
# services, drug names one letter off; CHANGELOG.md). 5: what accompanies a service or a
# drug's purpose is not the service, a side apart from the part, counts of injected drugs and
# equipment, doses that are no amount, joint and bursa injections (CHANGELOG.md).
PARSER_VERSION = "7"
