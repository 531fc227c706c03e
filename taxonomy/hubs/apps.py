from briefings.core import appconfig


class HubsConfig(appconfig.ProjectAppConfig):
    name = "taxonomy.hubs"
    label = "hubs"
    verbose_name = "Topic hubs"

    def ready(self):
        super().ready()
        from briefings.articles import stats
        from briefings.core import freshness

        from . import queries

        # A hub's related topics, from the topic counts and pair counts and the topics' names.
        tables = [stats.TopicCount._meta.db_table, stats.TopicPairCount._meta.db_table]
        tables += [vocabulary.model._meta.db_table for vocabulary in queries.HUB_VOCABULARIES]
        freshness.provide_digests("related", tables, queries.related_digests)
