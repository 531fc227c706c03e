"""Query helpers shared by the apps."""

from django.db import connection
from django.db.models import Field, ForeignObject, Lookup, Q


class Any(Lookup):
    """``<field>__any=[...]``: ``<field> = ANY(%s)``, the list as one array parameter (PostgreSQL)."""

    lookup_name = "any"
    prepare_rhs = False

    def get_db_prep_lookup(self, value, connection):
        return "%s", [list(value)]

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return f"{lhs} = ANY({rhs})", (*lhs_params, *rhs_params)


Field.register_lookup(Any)
ForeignObject.register_lookup(Any)  # relations keep lookups of their own


def among(field, values):
    """``Q(<field>__in=values)``; on PostgreSQL, with a list, ``<field> = ANY(%s)``: the list goes
    as one array parameter. A list of a thousand ids (a search's pool) otherwise costs Django a
    thousand parameters to build and PostgreSQL a thousand constants to parse, several times a
    page."""
    if connection.vendor != "postgresql" or not isinstance(values, list | tuple):
        return Q(**{f"{field}__in": values})
    return Q(**{f"{field}__any": values})
