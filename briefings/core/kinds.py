"""The kinds of piece the centre publishes (pure Python: the importer's parser reads it too)."""

# (value stored on the article, label shown to readers)
KINDS = (
    ("analysis", "Analysis"),
    ("commentary", "Commentary"),
    ("op-ed", "Op-Ed"),
    ("brief", "Brief"),
    ("editorial", "Editorial"),
    ("report", "Report"),
    ("news", "News"),
)
KIND_VALUES = tuple(value for value, _ in KINDS)
# schema.org has a type for analysis and opinion (AnalysisNewsArticle); the rest are news articles.
ANALYSIS_KINDS = frozenset({"analysis", "commentary", "op-ed", "editorial"})
