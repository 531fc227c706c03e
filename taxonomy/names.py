"""The vocabularies' keys: URL segments, ArticlePage field names and the matcher's result names.

Pure Python, so the topic matcher (no Django) and the models share one spelling.
"""

COUNTRIES = "countries"
INITIATIVES = "initiatives"
SECTORS = "sectors"
REGIONS = "regions"
# The three vocabularies articles are tagged with (regions are derived from countries).
TAG_KEYS = (COUNTRIES, INITIATIVES, SECTORS)
