"""An author page's meta tags and JSON-LD (``ProfilePage``)."""

from briefings.articles.seo import person
from briefings.core.identity import identity_for
from briefings.core.seo import image_url, page_meta


def author_meta(request, author):
    return page_meta(
        request,
        title=author.display_name,
        description=author.bio
        or author.description
        or f"Analysis by {author.name} on {identity_for(request).name}.",
        type="profile",
        image=image_url(author.photo, request, "fill-600x600"),
        image_alt=author.display_name if author.photo else "",
    )


def author_json_ld(request, author):
    data = person(author, request)
    if author.bio:
        data["description"] = author.bio
    image = image_url(author.photo, request, "fill-600x600")
    if image:
        data["image"] = image
    return {"@context": "https://schema.org", "@type": "ProfilePage", "mainEntity": data}
