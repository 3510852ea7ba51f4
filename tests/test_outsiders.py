"""Nobody outside opens what is not theirs: a walk of the whole URLconf.

Every URL pattern of the site is found by walking `django.urls.get_resolver()` (through
every `include`), its URL is built from objects of State A (Senegal), and it is requested
as an anonymous visitor and as a focal point of State B (Cambodia). A pattern is either

- PUBLIC: anyone may open it (published data, the login pages, the open data API);
- SIGNED_IN: any signed-in user may open it, and it shows them their own data only;
- anything else: an anonymous visitor gets the login page (302), 403 or 404, and State
  B's focal point 403 or 404 — for GET and for POST.

A new URL needs nothing here when it keeps outsiders out; a new URL that lets them in
fails, with what it returned, until it is fixed or added to PUBLIC or SIGNED_IN.
Anonymous POSTs never succeed except on the public forms that take them (PUBLIC_POST).
"""

from __future__ import annotations

import datetime as dt
import inspect
import itertools
import logging
import re
import typing
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.db import models
from django.db.models import Q
from django.shortcuts import resolve_url
from django.test import Client
from django.urls import NoReverseMatch, URLPattern, URLResolver, get_resolver, reverse
from django.urls.converters import IntConverter
from django.urls.resolvers import RegexPattern, RoutePattern

STATE_A = "SEN"  # owns every object the URLs are built from
STATE_B = "KHM"  # its focal point is the outsider
YEAR = 2025
LANGUAGE = "en"

# Anyone, signed in or not, may open these (by URL name).
PUBLIC = frozenset(
    {
        "home",
        "article5_map",  # the home page's map image (public facts only)
        "favicon",
        "set_language",
        "login",
        "logout",
        "password_reset",
        "password_reset_done",
        "password_reset_confirm",
        "password_reset_complete",
        "admin:login",
        "admin:logout",
        "calendar_ics",
        "states:list",
        "states:detail",
        "compliance:current",
        "compliance:year",
        "compliance:export",
        "compliance:map",  # the tracker's map image (public facts only)
        "reporting:list",  # published reports; a focal point also sees their own
        "reporting:template",  # the blank Article 7 template
        "engagement:published_case",
        "engagement:published_case_download",
        "engagement:public_ics",
        # a user's secret feed address: the token stands for its user (unknown or
        # revoked token: 404), so calendar programs subscribe without a session
        "engagement:calendar_feed",
        "calendar_feed",  # the same feed at the address the calendar page gives
        "engagement:calendar",  # public meetings; the Committee sees all
        "extensions:list",  # published requests
        "extensions:template_xlsx",
        "extensions:template_csv",
        "extensions:history",  # the public Article 5 history of a State
        "funding:dashboard",
        "funding:ledger",
        "funding:needs",
        "funding:state",
        "funding:template",
        "api:schema",
        "api:docs",
        "api:swagger",
        "api:state-list",
        "api:state-detail",
        "api:root",
        "api:contribution-list",
        "api:contribution-detail",
        "api:submission-list",
        "api:observation-list",
        "api:indicator-list",
        "api:indicator-detail",
    }
)
# Any signed-in user may open these; they show the user's own data only.
SIGNED_IN = frozenset(
    {
        "profile",
        "password_change",
        "password_change_done",
        "documents:list",
        "documents:upload",
        "observations:list",
        "reporting:start",  # a focal point starts their own State's report
        "notifications:inbox",  # the user's own notifications
        "search:search",  # finds only what the user may open (search/permissions.py)
        "notifications:read_all",  # marks the user's own notifications read
        "engagement:calendar_feed_change",  # makes or stops the user's own feed address
    }
)
# Public forms an anonymous POST may fill in (every other anonymous POST fails).
PUBLIC_POST = frozenset(
    {
        "set_language",
        "login",
        "logout",
        "password_reset",
        "password_reset_confirm",
        "admin:login",
        "admin:logout",
    }
)
KEPT_OUT = (403, 404)
NOT_ALLOWED = 405
MOVED = (301, 308)  # a permanent redirect to a URL's new shape: nothing was done
# Values for URL keywords the converters do not decide, first choice first.
KNOWN_VALUES: dict[str, list[object]] = {
    "iso3": [STATE_A],
    "language": [LANGUAGE],
    "lang": [LANGUAGE],
    "year": [YEAR],
    "fmt": ["pdf", "docx", "csv", "xlsx", "ics"],
    "format": ["pdf", "docx", "csv", "xlsx", "ics"],
    "name": ["submit", "contributions", "needs", "rates"],
    "code": ["A", "J"],
    "uidb64": ["MQ"],
    "token": ["set-password"],
    "app_label": ["states"],
    "object_id": ["1"],
    "content_type_id": [1],
    "url": ["nowhere/"],
}
MAX_COMBINATIONS = 12
MAX_REDIRECTS = 3


# --- the URLconf ----------------------------------------------------------------------


@dataclass
class Route:
    name: str | None
    route: str  # the full pattern text, for messages
    callback: Callable[..., object]
    keywords: dict[str, object | None]  # keyword -> converter (None: a regex group)

    @property
    def label(self) -> str:
        return self.name or f"<unnamed {self.route}>"

    @property
    def is_admin(self) -> bool:
        return (self.name or "").startswith("admin:") or self.route.startswith("admin/")


class RegexGroup:
    """A named group of a regex pattern; `choices` when it is a list of words
    (the API router's `(?P<code>challenges|assistance_needs|…)`)."""

    def __init__(self, regex: str) -> None:
        words = regex.split("|")
        ok = all(re.fullmatch(r"[\w-]+", w) for w in words)
        self.choices = tuple(words) if ok and len(words) > 1 else ()


def groups_of(regex: str) -> dict[str, object | None]:
    found: dict[str, object | None] = {}
    for match in re.finditer(r"\(\?P<(\w+)>((?:[^()\\]|\\.)*)\)", regex):
        found[match.group(1)] = RegexGroup(match.group(2))
    return found


def keywords_of(pattern: object) -> dict[str, object | None]:
    if isinstance(pattern, RoutePattern):
        return dict(pattern.converters)
    if isinstance(pattern, RegexPattern):
        found = groups_of(pattern.regex.pattern)
        return {name: found.get(name) for name in pattern.regex.groupindex}
    return {}


def walk(
    patterns: list[object],
    prefix: str = "",
    namespace: str | None = None,
    keywords: dict[str, object | None] | None = None,
) -> Iterator[Route]:
    for entry in patterns:
        found = {**(keywords or {}), **keywords_of(entry.pattern)}
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = (
                    f"{namespace}:{entry.namespace}" if namespace else entry.namespace
                )
            yield from walk(
                entry.url_patterns, prefix + str(entry.pattern), inner, found
            )
        elif isinstance(entry, URLPattern):
            name = entry.name and (
                f"{namespace}:{entry.name}" if namespace else entry.name
            )
            yield Route(name, prefix + str(entry.pattern), entry.callback, found)


def all_routes() -> list[Route]:
    return list(walk(get_resolver().url_patterns))


# --- which object a route's <int:pk> is -----------------------------------------------


def is_model(value: object) -> bool:
    return isinstance(value, type) and issubclass(value, models.Model)


def as_model(value: object) -> type[models.Model] | None:
    if is_model(value):
        return value  # type: ignore[return-value]
    model = getattr(value, "model", None)  # a queryset or a manager
    return model if is_model(model) else None


def returned_model(function: Callable[..., object]) -> type[models.Model] | None:
    try:
        hints = typing.get_type_hints(function)
    except Exception:
        annotation = inspect.signature(function).return_annotation
        hints = {"return": function.__globals__.get(str(annotation).strip("'\""))}
    return as_model(hints.get("return"))


def model_in_source(function: Callable[..., object], depth: int = 2):
    """The model a view fetches by pk: `get_<thing>_for_user(...) -> Model`,
    `get_object_or_404(Model, ...)`, or a helper of the module that does one of those."""
    function = inspect.unwrap(function)
    try:
        source = inspect.getsource(function)
    except (OSError, TypeError):
        return None
    names = getattr(function, "__globals__", {})
    for match in re.finditer(
        r"get_object_or_404\(\s*(\w+)"
        r"|\b([A-Z]\w*)\.(?:objects|_default_manager)\.\w+\([^()]*\bpk\b"
        r"|\b(\w+(?:\.\w+)?)\([^()]*\bpk\b",
        source,
    ):
        shortcut, manager, called = match.groups()
        if shortcut or manager:
            model = as_model(names.get(shortcut or manager))
            if model:
                return model
            continue
        # `helper(...)` or `module.helper(...)` (a services module imported by name)
        owner_name, _, helper_name = called.rpartition(".")
        helper = names.get(helper_name)
        if owner_name:
            helper = getattr(names.get(owner_name), helper_name, None)
        if not callable(helper) or not getattr(helper, "__module__", "").startswith(
            "casework."
        ):
            continue
        model = returned_model(helper) or (
            model_in_source(helper, depth - 1) if depth else None
        )
        if model:
            return model
    return None


def model_in_route(route: Route, keyword: str):
    """Fallback: the URL segment before <int:pk>, e.g. "cases/<int:pk>/" -> Case."""
    from django.apps import apps

    before = route.route.split(f":{keyword}>")[0].rsplit("<", 1)[0].strip("/")
    segment = before.rsplit("/", 1)[-1] if before else ""
    if not segment:
        return None
    singulars = {segment, segment.removesuffix("s"), re.sub(r"ies$", "y", segment)}
    app = getattr(inspect.unwrap(route.callback), "__module__", "").split(".")
    candidates = list(apps.get_models())
    if len(app) > 1 and app[0] == "casework":
        own = [m for m in candidates if m._meta.app_label == app[1]]
        candidates = own + [m for m in candidates if m not in own]
    for model in candidates:
        lowered = model.__name__.lower()
        if lowered in singulars or any(lowered.endswith(s) for s in singulars if s):
            return model
    return None


def model_of(route: Route, keyword: str):
    view_class = getattr(route.callback, "cls", None) or getattr(
        route.callback, "view_class", None
    )
    if view_class is not None:
        serializer = getattr(view_class, "serializer_class", None)
        model = (
            as_model(getattr(view_class, "queryset", None))
            or as_model(getattr(view_class, "model", None))
            or as_model(getattr(getattr(serializer, "Meta", None), "model", None))
        )
        if model:
            return model
    return model_in_source(route.callback) or model_in_route(route, keyword)


def state_paths(model, depth: int = 3, prefix: str = "") -> list[str]:
    """Lookups from the model to the StateParty that owns a row ("case__state")."""
    from casework.states.models import StateParty

    paths = []
    for item in model._meta.concrete_fields:
        if not item.is_relation or not (item.many_to_one or item.one_to_one):
            continue
        related = item.related_model
        if related is StateParty:
            paths.append(prefix + item.name)
        elif depth > 1 and related is not User and related is not model:
            paths += state_paths(related, depth - 1, f"{prefix}{item.name}__")
    return paths


def owned_by(paths: list[str], iso3: str) -> Q:
    query = Q(pk__in=[])
    for path in paths:
        query |= Q(**{f"{path}__iso3": iso3})
    return query


def object_pks(model, *, others: int = 3) -> list[int]:
    """State A's object first, then a few State B has nothing to do with (for a public
    route the first one State A's focal point or the support unit reaches is used)."""
    rows = model._default_manager.order_by("pk")
    paths = state_paths(model)
    mine: list[int] = []
    if paths:
        mine = list(
            rows.filter(owned_by(paths, STATE_A)).values_list("pk", flat=True)[:1]
        )
        rows = rows.exclude(owned_by(paths, STATE_B))
    rest = rows.exclude(pk__in=mine).values_list("pk", flat=True)[:others]
    return [*mine, *rest]


# --- building the URL -----------------------------------------------------------------


def values_for(route: Route, keyword: str, converter: object | None) -> list[object]:
    choices = getattr(converter, "choices", None)
    if choices:  # the export converters: <lang:…>, <docformat:…>, <tableformat:…>
        return sorted(choices, key=lambda c: c != LANGUAGE)
    if keyword in KNOWN_VALUES:
        return KNOWN_VALUES[keyword]
    if isinstance(converter, IntConverter) or keyword in ("pk", "id"):
        model = model_of(route, keyword)
        return (object_pks(model) if model is not None else []) or [1]
    return ["x"]


def candidate_urls(route: Route) -> list[str]:
    keys = list(route.keywords)
    choices = [values_for(route, k, route.keywords[k]) for k in keys]
    urls = []
    for combination in itertools.islice(itertools.product(*choices), MAX_COMBINATIONS):
        try:
            urls.append(
                reverse(route.name, kwargs=dict(zip(keys, combination, strict=True)))
            )
        except NoReverseMatch:
            continue
    return urls


# --- requests -------------------------------------------------------------------------


@dataclass
class Answer:
    status: int | str
    location: str = ""
    body: bytes = b""
    moved: bool = False  # the URL answered with a permanent redirect to its new shape

    def __str__(self) -> str:
        if self.location:
            return f"{self.status} -> {self.location}"
        return str(self.status)


def login_paths() -> set[str]:
    return {resolve_url(settings.LOGIN_URL), reverse("admin:login")}


def body_of(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def ask(client: Client, method: str, url: str, *, follow: bool) -> Answer:
    """One request; a GET follows local redirects that are not to the login page."""
    moved = False
    for hop in range(MAX_REDIRECTS + 1):
        try:
            response = getattr(client, method)(url)
        except Exception as error:  # a view that crashes is a finding too
            return Answer(
                f"raised {type(error).__name__}: {str(error)[:120]}", moved=moved
            )
        location = response.get("Location", "")
        if response.status_code in (301, 302, 303, 307, 308):
            moved = moved or (hop == 0 and response.status_code in MOVED)
            target = urlsplit(location)
            if (
                follow
                and method == "get"
                and not target.netloc
                and target.path not in login_paths()
            ):
                url = location
                continue
            return Answer(response.status_code, target.path, moved=moved)
        return Answer(response.status_code, body=body_of(response), moved=moved)
    return Answer("redirect loop", url, moved=moved)


def to_login(answer: Answer) -> bool:
    return answer.status in (301, 302) and answer.location in login_paths()


def server_error(answer: Answer) -> bool:
    return isinstance(answer.status, str) or answer.status >= 500


# --- State A's world ------------------------------------------------------------------


def load_demo_content() -> None:
    """The demo content of the apps that load fast (no analyser run)."""
    import importlib

    for app in ("compliance", "reporting", "engagement", "extensions", "funding"):
        importlib.import_module(f"casework.{app}.demo").load_demo()


def state_a_private_objects(owner: User) -> list[str]:
    """Drafts and files of State A nobody else may see; returns text that betrays them."""
    from casework.documents.models import AnalysisRun, Document, StoredOriginal
    from casework.engagement.models import Case, CaseStep
    from casework.extensions.models import ExtensionRequest
    from casework.findings import services as findings
    from casework.funding.models import ImportBatch
    from casework.observations import services as observations
    from casework.reporting.models import Report
    from casework.reporting.tests.factories import make_report
    from casework.states.models import StateParty

    senegal = StateParty.objects.get(iso3=STATE_A)
    original = StoredOriginal.objects.create(sha256="5" * 64, size=1, extension=".txt")
    filename = "sen-private-draft-7f3a.txt"
    document = Document.objects.create(
        state=senegal,
        kind="article7_report",
        year=YEAR,
        filename=filename,
        original=original,
        text="Budget national consacré au déminage.",
        uploaded_by=owner,
    )
    run = AnalysisRun.objects.create(document=document, status="done")
    findings.sync_findings(
        document,
        run=run,
        indicators={
            "national_resources": {
                "present": True,
                "score": 1.0,
                "evidence": [
                    {"page": 1, "text": "Budget national consacré au déminage."}
                ],
            }
        },
    )
    observations.generate(senegal, YEAR)
    make_report(STATE_A, YEAR + 1)
    case = Case.objects.create(state=senegal, requested_on=dt.date(YEAR, 1, 15))
    CaseStep.objects.create(
        case=case, kind=CaseStep.Kind.PREPARATORY_CALL, date=dt.date(YEAR, 2, 10)
    )
    ImportBatch.objects.create(
        kind="table", filename="private-batch.csv", sha256="6" * 64
    )
    # Files being imported: a report's (its focal point's) and a new extension
    # request's (the support unit's); only their uploader opens their pages.
    from casework.imports.models import ImportJob

    job_file = "sen-private-import-3c9d.xlsx"
    ImportJob.objects.create(
        kind="report",
        status="failed",
        message=f"{job_file}: a sheet cannot be read.",
        filename=job_file,
        sha256="7" * 64,
        created_by=owner,
        report=Report.objects.get(state=senegal, year=YEAR + 1),
    )
    ImportJob.objects.create(
        kind="extension",
        status="failed",
        filename="new-request-import.xlsx",
        sha256="8" * 64,
        created_by=User.objects.get(username="support"),
    )
    markers = [filename, job_file]
    markers += ExtensionRequest.objects.filter(
        state=senegal, is_published=False
    ).values_list("reference", flat=True)
    return [m for m in markers if m]


@dataclass
class World:
    anonymous: Client
    outsider: Client
    controls: list[Client]
    markers: list[bytes]
    urls: dict[str, str] = field(default_factory=dict)  # route label -> URL used
    unbuilt: list[str] = field(default_factory=list)


@pytest.fixture
def quiet_request_log():
    """Hundreds of expected 403/404/405 would bury a failure's message."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    yield
    logger.setLevel(level)


@pytest.fixture
def world(
    db, make_user, owner, support, settings, tmp_path, quiet_request_log
) -> World:
    settings.MEDIA_ROOT = tmp_path / "media"
    load_demo_content()
    markers = state_a_private_objects(owner)
    # The calendar feed's <token> (KNOWN_VALUES["token"]) is State A's focal point's own
    # feed: public items only, so the walk reaches it and can see it leaks nothing.
    from casework.engagement.models import CalendarFeed

    CalendarFeed.objects.create(user=owner, token=KNOWN_VALUES["token"][0])
    cambodia = make_user("cambodia", "focal_point", iso3=STATE_B)
    outsider, own, unit = Client(), Client(), Client()
    outsider.force_login(cambodia)
    own.force_login(owner)
    unit.force_login(support)
    return World(Client(), outsider, [unit, own], [m.encode() for m in markers])


def url_for(world: World, route: Route) -> str | None:
    """The route's URL from State A's objects: the first candidate that State A's focal
    point or the support unit can reach (not a 404), so the check is not vacuous."""
    if route.label in world.urls:
        return world.urls[route.label]
    urls = candidate_urls(route) if route.name else []
    chosen = urls[0] if urls else None
    if route.keywords and len(urls) > 1 and not route.is_admin:
        for url in urls:
            if any(
                ask(c, "get", url, follow=False).status != 404 for c in world.controls
            ):
                chosen = url
                break
    if chosen is None:
        world.unbuilt.append(f"{route.label} ({route.route})")
    else:
        world.urls[route.label] = chosen
    return chosen


def checked_routes() -> list[Route]:
    return [r for r in all_routes() if r.name or not r.is_admin]


def leaks(world: World, answer: Answer) -> list[str]:
    return [m.decode() for m in world.markers if m in answer.body]


# --- the tests ------------------------------------------------------------------------


def test_every_url_keeps_outsiders_out(world):
    unclassified: list[str] = []
    problems: list[str] = []
    for route in checked_routes():
        if not route.name:
            problems.append(
                f"{route.label}: give the pattern a name so it can be classified"
            )
            continue
        url = url_for(world, route)
        if url is None:
            continue
        anonymous = ask(world.anonymous, "get", url, follow=True)
        outsider = ask(world.outsider, "get", url, follow=True)
        seen = f"{route.name} {url}: anonymous {anonymous}, {STATE_B} focal point {outsider}"
        for who, answer in (("anonymous", anonymous), (STATE_B, outsider)):
            if server_error(answer):
                problems.append(f"{route.name} {url}: {who} got {answer}")
            elif route.name in PUBLIC | SIGNED_IN and leaks(world, answer):
                problems.append(
                    f"{route.name} {url}: {who} sees {STATE_A}'s private {leaks(world, answer)}"
                )
        if route.name in PUBLIC or (anonymous.moved and outsider.moved):
            continue  # a moved URL is judged at its new address, which is walked too
        anonymous_out = to_login(anonymous) or anonymous.status in KEPT_OUT
        if anonymous.status == NOT_ALLOWED:
            posted = ask(world.anonymous, "post", url, follow=False)
            anonymous_out = to_login(posted) or posted.status in (
                *KEPT_OUT,
                NOT_ALLOWED,
            )
        if route.name in SIGNED_IN:
            if not anonymous_out:
                problems.append(
                    f"{seen}: a signed-in page must send anonymous to log in"
                )
            continue
        # Neither public nor for everyone signed in: both outsiders are kept out.
        outsider_out = outsider.status in KEPT_OUT or (
            route.is_admin and to_login(outsider)
        )
        posted = ask(world.outsider, "post", url, follow=False)
        posted_out = posted.status in (*KEPT_OUT, NOT_ALLOWED, *MOVED) or (
            route.is_admin and to_login(posted)
        )
        if outsider.status == NOT_ALLOWED:
            outsider_out = posted.status in KEPT_OUT or (
                route.is_admin and to_login(posted)
            )
        if not (anonymous_out and outsider_out and posted_out):
            unclassified.append(f"{seen}, {STATE_B} POST {posted}")
    message = []
    if unclassified:
        message.append(
            "These URLs let an anonymous visitor or another State's focal point in, and "
            "are neither PUBLIC nor SIGNED_IN in tests/test_outsiders.py: keep outsiders "
            "out (302 to login / 403 / 404; 403 / 404 for the other State), or classify "
            "them:\n  " + "\n  ".join(unclassified)
        )
    if problems:
        message.append("Other problems:\n  " + "\n  ".join(problems))
    assert not message, "\n".join(message)


def test_every_url_could_be_built_from_state_a_objects(world):
    """The walk is not vacuous: each route with keywords got a URL that the support
    unit or State A's focal point reaches (not a 404), and State A's private objects
    do show on the pages of its own focal point (so a leak would be seen)."""
    unreached = []
    seen = set()
    for route in checked_routes():
        if (
            not route.name
            or route.is_admin
            or not (route.keywords or route.name in SIGNED_IN)
        ):
            continue
        url = url_for(world, route)
        if url is None:
            continue
        answers = [ask(c, "get", url, follow=False) for c in world.controls]
        seen |= {m for a in answers for m in world.markers if m in a.body}
        crashed = [str(a) for a in answers if server_error(a)]
        if crashed:
            unreached.append(
                f"{route.name} {url}: the support unit / {STATE_A}'s focal point got "
                f"{crashed}"
            )
        elif route.keywords and all(a.status == 404 for a in answers):
            unreached.append(
                f"{route.name} {url} ({route.route}): 404 for the support unit and "
                f"{STATE_A}'s focal point - teach tests/test_outsiders.py its keywords "
                "(KNOWN_VALUES) or the model behind its pk"
            )
    assert world.unbuilt == [], "cannot reverse: " + ", ".join(world.unbuilt)
    assert unreached == [], "\n".join(unreached)
    assert world.markers and seen == set(world.markers), (
        f"{STATE_A}'s private objects {world.markers} should show to its own focal "
        f"point; seen only {sorted(seen)}"
    )


def test_anonymous_posts_never_succeed_on_private_urls(world):
    wrong = []
    for route in checked_routes():
        if not route.name or route.name in PUBLIC:
            continue
        url = url_for(world, route)
        if url is None:
            continue
        answer = ask(world.anonymous, "post", url, follow=False)
        if not (to_login(answer) or answer.status in (*KEPT_OUT, NOT_ALLOWED, *MOVED)):
            wrong.append(f"{route.name} POST {url}: {answer}")
    assert wrong == [], (
        "anonymous POSTs that were not sent to the login page (nor 403/404/405):\n  "
        + "\n  ".join(wrong)
    )


def test_public_pages_refuse_anonymous_posts(world):
    """A public page is read with GET; only the public forms (PUBLIC_POST) take a POST.
    Fix with `@require_safe` (or `http_method_names` on a class view)."""
    wrong = []
    for route in checked_routes():
        if route.name not in PUBLIC or route.name in PUBLIC_POST:
            continue
        url = url_for(world, route)
        if url is None:
            continue
        answer = ask(world.anonymous, "post", url, follow=False)
        if isinstance(answer.status, str) or 200 <= answer.status < 300:
            wrong.append(f"{route.name} POST {url}: {answer}")
    assert wrong == [], "public pages that answer an anonymous POST:\n  " + "\n  ".join(
        wrong
    )


def test_classified_names_are_urls():
    names = {route.name for route in all_routes() if route.name}
    stale = sorted((PUBLIC | SIGNED_IN) - names)
    assert stale == [], f"PUBLIC/SIGNED_IN name URLs that no longer exist: {stale}"
    assert PUBLIC_POST <= PUBLIC
    assert not PUBLIC & SIGNED_IN
