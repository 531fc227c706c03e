from briefings.core import appconfig


class ArticlesConfig(appconfig.ProjectAppConfig):
    """Pages, authors and the article↔topic links.

    The app keeps the label ``briefings`` it had before the project was split into apps: content
    types, table names, permissions (``briefings.change_author``), admin URLs and the API's
    ``type=briefings.ArticlePage`` all depend on it.
    """

    name = "briefings.articles"
    label = "briefings"
    verbose_name = "Briefings"
    signal_modules = ("signals",)
