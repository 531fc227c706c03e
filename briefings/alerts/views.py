"""Readers' pages: subscribe (from any hub, intersection, author page or the home page), confirm,
unsubscribe and manage.

No CSRF token: the subscribe form is on pages the page cache keeps, and the other pages are reached
from links in emails, where the signed token in the address is what proves the reader may act.
Subscribing is protected by double opt-in, a per-client and per-address throttle and a honeypot.
Confirm and unsubscribe act only on POST (a link scanner fetching the link changes nothing); a POST
to an unsubscribe link is also RFC 8058's one-click unsubscribe.
"""

from django.http import HttpResponseRedirect
from django.shortcuts import render
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from briefings.core.identity import identity_for

from . import follow, links, subscriptions, throttle
from .forms import SubscribeForm
from .models import Frequency
from .tasks import send_confirmation


def _message(request, title, text, status=200, **context):
    return render(request, "alerts/message.html", {"title": title, "text": text, **context}, status=status)


def _bad_link(request):
    return _message(
        request,
        "This link does not work",
        "It may have expired (confirmation links last a few days) or been copied incompletely. "
        "Subscribe again from any topic, author or the home page.",
        status=400,
    )


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def subscribe(request):
    if request.method == "GET":
        follow_value = request.GET.get("follow", follow.SITE)
        key = follow.key_for_follow(follow_value)
        target = follow.describe([key]).get(key) if key else None
        if target is None:
            return _message(
                request, "Nothing to follow here", "That topic or author does not exist.", status=404
            )
        form = SubscribeForm(initial={"follow": follow_value})
        return render(request, "alerts/subscribe.html", {"form": form, "target": target})

    form = SubscribeForm(request.POST)
    key = follow.key_for_follow(request.POST.get("follow", ""))
    target = follow.describe([key]).get(key) if key else None
    if target is None:
        return _message(request, "Nothing to follow here", "That topic or author does not exist.", status=400)
    if not form.is_valid():
        return render(request, "alerts/subscribe.html", {"form": form, "target": target}, status=400)
    if not throttle.allow_signup(request):
        return _message(
            request,
            "Too many sign-ups",
            "Too many sign-ups have come from your connection in the last few minutes. "
            "Please try again in ten minutes.",
            status=429,
        )
    if not form.cleaned_data["website"]:
        subscriptions.subscribe(
            form.cleaned_data["email"],
            key,
            form.cleaned_data["frequency"],
            lambda subscriber_id: send_confirmation.enqueue(subscriber_id),
        )
    # The same answer whatever the address (new, pending, already following) or a bot's honeypot.
    return render(request, "alerts/check_inbox.html", {"email": form.cleaned_data["email"], "target": target})


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def confirm(request, token):
    subscriber = subscriptions.subscriber_by_key(links.read_confirm(token))
    if subscriber is None:
        return _bad_link(request)
    pending = subscriptions.described(subscriber.subscriptions.pending())
    if request.method == "POST":
        subscriptions.confirm(subscriber)
        return HttpResponseRedirect(links.manage_url(subscriber, root="") + "?confirmed=1")
    return render(request, "alerts/confirm.html", {"subscriber": subscriber, "pending": pending})


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    data = links.read_unsubscribe(token)
    if data is None:
        return _bad_link(request)
    key, ids = data
    subscriber = subscriptions.subscriber_by_key(key)
    if request.method == "POST":
        # RFC 8058's one-click POST (body "List-Unsubscribe=One-Click") or the button below.
        if subscriber is not None:
            subscriptions.unsubscribe(subscriber, ids)
        return _message(
            request,
            "Unsubscribed",
            "You will get no more emails for this."
            if ids is not None
            else "You will get no more alerts from us.",
        )
    if subscriber is None:
        return _message(
            request, "Unsubscribed", f"This address follows nothing on {identity_for(request).name}."
        )
    current = subscriber.subscriptions.all()
    if ids is not None:
        current = current.filter(pk__in=ids)
    return render(
        request,
        "alerts/unsubscribe.html",
        {"subscriber": subscriber, "following": subscriptions.described(current), "everything": ids is None},
    )


@csrf_exempt
@never_cache
@require_http_methods(["GET", "POST"])
def manage(request, token):
    subscriber = subscriptions.subscriber_by_key(links.read_manage(token))
    if subscriber is None:
        return _bad_link(request)
    if request.method == "POST":
        action = request.POST.get("action")
        if action == "delete":
            subscriptions.delete_everything(subscriber)
            return _message(
                request,
                "Everything deleted",
                "We no longer hold your address, what you followed or any record of what we sent you.",
            )
        if action == "unsubscribe-all":
            subscriptions.unsubscribe(subscriber)
            return HttpResponseRedirect(request.path + "?saved=1")
        if action == "save":
            ids = set(subscriber.subscriptions.values_list("pk", flat=True))
            frequencies, removed = {}, set()
            for pk in ids:
                value = request.POST.get(f"frequency-{pk}")
                if value in Frequency.values:
                    frequencies[pk] = value
                if request.POST.get(f"remove-{pk}"):
                    removed.add(pk)
            subscriptions.update(subscriber, frequencies, removed)
            return HttpResponseRedirect(request.path + "?saved=1")
        return _message(request, "Nothing changed", "That action is not one this page offers.", status=400)
    context = {
        "subscriber": subscriber,
        "following": subscriptions.described(subscriber.subscriptions.all()),
        "frequencies": Frequency.choices,
        "saved": "saved" in request.GET,
        "confirmed": "confirmed" in request.GET,
    }
    return render(request, "alerts/manage.html", context)
