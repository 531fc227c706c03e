"""``?page=N`` for every listing: articles, hubs, authors, search."""

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.http import Http404

ARTICLES_PER_PAGE = 20


def paginate(request, queryset, per_page=ARTICLES_PER_PAGE, count=None):
    """Page ``?page=N`` of a queryset; 404 past the end or for a malformed number. ``count``: the
    number of items when known already (kept in a table), instead of counting the queryset."""
    paginator = Paginator(queryset, per_page)
    if count is not None:
        paginator.count = count
    number = request.GET.get("page", 1)
    try:
        return paginator.page(number)
    except (EmptyPage, PageNotAnInteger) as exc:
        raise Http404("No such page") from exc
