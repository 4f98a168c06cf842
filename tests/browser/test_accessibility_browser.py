"""axe-core finds no accessibility violation on the public pages or the staff pages.

Public pages: each a migrant reaches, in Spanish and in Kreyòl, on a phone. Staff pages: a
demo counsellor, the demo hub manager, the demo provider's staff and the demo data
protection officer sign in (with their second factor) on a server of their own, one
browser context each. So that detail pages exist and lists have rows, the counsellor
records a person, screens and refers them, answers a callback a migrant asked for on the
portal, records consultations and takes a conversation the hub's bot handed over. Each
then walks every staff page their home page links to, and the pages those link to, in
Spanish and then in Kreyòl; the DPO also opens the person's record by its case code, its
fresh-code form refusing a code, and the printable copy a fresh code opens.
"""

import base64
import re
import sqlite3
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django_otp.oath import hotp
from playwright.sync_api import Browser, BrowserContext, Page, expect

from infohub.demo.data import DEMO_PASSWORD
from infohub.demo.directory import demo_id, service_id
from infohub.testing.live_server import live_server
from tests.browser.inbox import hand_over
from tests.browser.support import PHONE, assert_accessible, click_and_wait, path_of

pytestmark = pytest.mark.browser

LANGUAGES = ("es", "ht")
SEARCHES = {"es": "trabajo", "ht": "travay"}
PUBLIC_PAGES = (
    "/",
    "/search/?q={search}",
    "/topics/",
    "/topics/regularization/",
    "/articles/regularization-programmes/",
    "/news/",
    "/services/",
    "/services/?m=MX|Chiapas|Tapachula&category=legal-aid",
    f"/services/{service_id('mx-tapachula', 'legal-aid')}/",
    "/pathways/",
    "/pathways/find/",
    "/pathways/cr-family-ties-residence/",
    "/callback/",
    "/hubs/",
    "/about/",
    "/contact/",
    "/privacy/",
)
LEGAL_AID_SAN_JOSE = demo_id("sal", "cr-san-jose", "legal-aid", "0")
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
STEP = 30  # seconds: django-otp's TOTP step
# Staff links that download a file or change something on GET are not pages to check.
NOT_PAGES = re.compile(r"/export/|/logout/|\.(json|csv|xlsx)$")


@pytest.mark.parametrize("language", LANGUAGES)
def test_it_finds_no_violation_on_the_public_pages(
    phone: Page, portal_url: str, language: str
) -> None:
    for page_path in PUBLIC_PAGES:
        phone.goto(f"{portal_url}/{language}{page_path.format(search=SEARCHES[language])}")
        expect(phone.locator("html")).to_have_attribute("lang", language)
        assert_accessible(phone)

    # A news item: the newest one the news page lists.
    phone.goto(f"{portal_url}/{language}/news/")
    items = phone.locator("main a").evaluate_all("(links) => links.map((link) => link.href)")
    item = next(url for url in items if re.search(f"/{language}/news/{UUID.pattern}/$", url))
    phone.goto(item)
    assert_accessible(phone)

    # The finder's first question, then its results, skipping every question.
    phone.goto(f"{portal_url}/{language}/pathways/find/?country=CR")
    assert_accessible(phone)
    skip = phone.locator("main button[name=skip]")
    for _ in range(30):
        if not skip.count():
            break
        click_and_wait(phone, skip)
    assert skip.count() == 0, "the finder kept asking"
    assert_accessible(phone)
    summary = phone.locator("main form[action$='/pathways/summary/'] button")
    if summary.count():
        summary.first.click()
        phone.wait_for_url(f"**/{language}/pathways/summary/")
        assert_accessible(phone)


@dataclass
class Staff:
    """A signed-in staff member's browser and the server it talks to."""

    context: BrowserContext
    page: Page
    base_url: str
    key: bytes  # of their authenticator
    last_step: int  # the last time step whose code was used

    def fresh_code(self) -> str:
        """A code of a time step not used yet, waiting for the next step if need be."""
        while (step := int(time.time()) // STEP) <= self.last_step:
            time.sleep(STEP - time.time() % STEP + 0.1)
        self.last_step = step
        return f"{int(hotp(self.key, step)):06d}"

    def use_language(self, language: str) -> None:
        """Staff pages follow the language cookie, as the language switcher sets it."""
        self.context.add_cookies(
            [{"name": "django_language", "value": language, "url": self.base_url}]
        )


@pytest.fixture(scope="module")
def staff_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """A server of this module's own, with its database file where the test can read it.

    The second-factor keys of demo accounts enrolled elsewhere are read from that file.
    """
    database = tmp_path_factory.mktemp("accessibility") / "db.sqlite3"
    with live_server(extra_env={"DATABASE_URL": f"sqlite:///{database}"}) as base_url:
        yield base_url, database


def _device_key(database: Path, username: str) -> bytes:
    with sqlite3.connect(database) as connection:
        row = connection.execute(
            "SELECT device.key FROM otp_totp_totpdevice AS device"
            " JOIN accounts_user AS person ON person.id = device.user_id"
            " WHERE person.username = ? AND device.confirmed",
            (username,),
        ).fetchone()
    assert row is not None, f"{username} has no authenticator"
    return bytes.fromhex(row[0])


def _sign_in(browser: Browser, server: tuple[str, Path], username: str) -> Staff:
    """Sign in through the real pages, enrolling an authenticator if the account has none."""
    base_url, database = server
    context = browser.new_context(viewport=PHONE, locale="es")
    page = context.new_page()
    page.goto(f"{base_url}/accounts/login/")
    assert_accessible(page)
    form = page.locator("main form")
    form.locator("input[name=username]").fill(username)
    form.locator("input[name=password]").fill(DEMO_PASSWORD)
    form.locator("button").click()
    page.wait_for_url(re.compile(r"/accounts/2fa/(setup|verify)/$"))
    assert_accessible(page)
    if path_of(page) == "/accounts/2fa/setup/":
        shown = "".join(page.locator("main ol code").inner_text().split()).upper()
        key = base64.b32decode(shown + "=" * (-len(shown) % 8))
    else:
        key = _device_key(database, username)
    staff = Staff(context=context, page=page, base_url=base_url, key=key, last_step=-1)
    form = page.locator("main form")
    form.locator("input[name=code]").fill(staff.fresh_code())
    form.locator("button").click()
    page.wait_for_url("**/staff/")
    return staff


def _pattern(path: str) -> str:
    """One page per kind: ids do not make a different page."""
    return UUID.sub("<id>", path)


def _staff_links(page: Page) -> list[str]:
    hrefs = page.locator("a[href^='/staff/']").evaluate_all(
        "(links) => links.map((link) => link.getAttribute('href'))"
    )
    links = [urlsplit(href) for href in hrefs if not NOT_PAGES.search(href)]
    return [link.path + (f"?{link.query}" if link.query else "") for link in links]


def _walk_staff_pages(staff: Staff, language: str) -> list[str]:
    """Every staff page the home page links to and the pages they link to; return them."""
    staff.use_language(language)
    page = staff.page
    seen: set[str] = set()
    queue = ["/staff/"]
    checked: list[str] = []
    depth = {"/staff/": 0}
    while queue:
        path = queue.pop(0)
        if _pattern(path) in seen:
            continue
        seen.add(_pattern(path))
        response = page.goto(f"{staff.base_url}{path}")
        assert response is not None
        assert response.status == 200, f"{path} answered {response.status}"
        expect(page.locator("html")).to_have_attribute("lang", language)
        assert_accessible(page)
        checked.append(path)
        if depth[path] < 2:
            for link in _staff_links(page):
                if link not in depth:
                    depth[link] = depth[path] + 1
                    queue.append(link)
    return checked


def _record_a_person_and_refer_them(staff: Staff) -> str:
    """A person with consent to a record, screened and referred to legal aid; their case code."""
    page = staff.page
    page.goto(f"{staff.base_url}/staff/people/new/")
    form = page.locator("main form[action='/staff/people/new/']")
    form.locator("select[name=legal_basis]").select_option("consent")
    form.locator("input[name=given_names]").fill("Marisol")
    form.locator("input[name=family_names]").fill("Ejemplo Demo")
    form.locator("select[name=nationality]").select_option("HT")
    form.locator("input[name=consent_record]").check()
    assert_accessible(page)
    form.locator("button").click()
    page.wait_for_url(re.compile(f"/staff/people/{UUID.pattern}/$"))
    person_path = path_of(page)
    case_code = page.locator("main dl.facts dd").first.inner_text().strip()
    page.goto(f"{staff.base_url}/staff/screenings/new/?person={person_path.split('/')[-2]}")
    assert_accessible(page)
    page.locator("main form input[name=criteria]").first.check()
    page.locator("main form button").click()
    page.wait_for_url(re.compile(r"/staff/screenings/[^/]+/$"))
    assert_accessible(page)
    page.goto(f"{staff.base_url}{person_path}")
    page.locator("main a[href^='/staff/referrals/new/']").click()
    page.wait_for_url(re.compile(f"/staff/referrals/new/{UUID.pattern}/$"))
    form = page.locator("main form")
    form.locator("select[name=place]").select_option(LEGAL_AID_SAN_JOSE)
    form.locator("input[name=consents]").check()
    assert_accessible(page)
    form.locator("button").click()
    page.wait_for_url(re.compile(f"/staff/referrals/{UUID.pattern}/$"))
    _record_a_consultation(staff, f"/staff/consultations/new/?person={person_path.split('/')[-2]}")
    return case_code


def _record_a_consultation(staff: Staff, form_path: str) -> None:
    """The consultation form as it opens at ``form_path``, filled in and recorded."""
    page = staff.page
    page.goto(f"{staff.base_url}{form_path}")
    assert_accessible(page)
    form = page.locator("main form")
    form.locator("input[name=migrant_status][value=transit]").check()
    form.locator("button").click()
    page.wait_for_url("**/staff/consultations/")
    assert_accessible(page)  # with the message that says it was recorded


def _answer_a_call_asked_for_on_the_portal(staff: Staff) -> None:
    """A migrant asks the staff member's hub for a call; they open it and record the call."""
    page = staff.page
    page.goto(f"{staff.base_url}/es/callback/")
    form = page.locator("main form.callback")
    hub = form.locator("select[name=hub] option", has_text="San Isidro").get_attribute("value")
    assert hub is not None
    form.locator("select[name=hub]").select_option(hub)
    form.locator("input[name=name_or_alias]").fill("Ti Jan Ejemplo")
    form.locator("input[name=phone]").fill("+506 0000 0042")
    form.locator("button").click()
    expect(page.locator("main .notice")).to_be_visible()
    page.goto(f"{staff.base_url}/staff/callbacks/")
    page.locator("main ul.queue a").first.click()
    page.wait_for_url(re.compile(f"/staff/callbacks/{UUID.pattern}/$"))
    expect(page.locator("main a[href^='tel:']")).to_be_visible()
    call = page.locator("main a[href^='/staff/consultations/new/?callback=']").get_attribute("href")
    assert call is not None
    _record_a_consultation(staff, call)


def _take_a_conversation_handed_over(staff: Staff) -> None:
    """A person asks the hub's bot for a person and agrees to a record; the staff member
    takes the conversation, so its page offers the reply and the person-record forms."""
    handed = hand_over(staff.base_url, chat_id=730_000_101, consent=True)
    page = staff.page
    page.goto(f"{staff.base_url}/staff/inbox/{handed.conversation}/")
    page.locator("main form[action$='/take/'] button").click()
    expect(page.locator("main textarea[name=text]")).to_be_visible()
    assert_accessible(page)


def _check_the_record_as_the_dpo(staff: Staff, case_code: str, *, print_it: bool) -> str:
    """The DPO finds the record by its case code; a malformed fresh code is refused.

    With ``print_it``, a fresh code then opens the printable copy for the person.
    """
    page = staff.page
    page.goto(f"{staff.base_url}/staff/privacy/")
    form = page.locator("main form")
    form.locator("input[name=case_code]").fill(case_code)
    form.locator("button").click()
    page.wait_for_url(re.compile(r"/staff/privacy/people/[^/]+/$"))
    person_path = path_of(page)
    assert_accessible(page)
    form = page.locator("main form[action$='/print/']")
    form.locator("input[name$=code]").fill("12")
    form.locator("button").click()
    page.wait_for_url("**/print/")
    expect(page.locator("main form[action$='/print/'] .errorlist")).to_be_visible()
    assert_accessible(page)
    if print_it:
        form = page.locator("main form[action$='/print/']")
        form.locator("input[name$=code]").fill(staff.fresh_code())
        form.locator("button").click()
        page.wait_for_url("**/print/")
        expect(page.locator("main h2").first).to_be_visible()
        expect(page.locator("main form")).to_have_count(0)
        assert_accessible(page)
    return person_path


def test_it_finds_no_violation_on_the_staff_pages_of_every_role_that_works_with_people(
    browser: Browser, staff_server: tuple[str, Path]
) -> None:
    counsellor = _sign_in(browser, staff_server, "demo-counsellor")
    case_code = _record_a_person_and_refer_them(counsellor)
    _answer_a_call_asked_for_on_the_portal(counsellor)
    _take_a_conversation_handed_over(counsellor)
    manager = _sign_in(browser, staff_server, "demo-manager")
    provider = _sign_in(browser, staff_server, "demo-provider")
    dpo = _sign_in(browser, staff_server, "demo-dpo")

    for language in LANGUAGES:
        walked = {
            "counsellor": _walk_staff_pages(counsellor, language),
            "manager": _walk_staff_pages(manager, language),
            "provider": _walk_staff_pages(provider, language),
            "dpo": [
                *_walk_staff_pages(dpo, language),
                _check_the_record_as_the_dpo(dpo, case_code, print_it=language == "es"),
            ],
        }
        kinds = {role: {_pattern(path) for path in paths} for role, paths in walked.items()}
        assert {
            "/staff/people/<id>/",
            "/staff/callbacks/<id>/",
            "/staff/consultations/",
            "/staff/referrals/<id>/",
            "/staff/screenings/new/?person=<id>",
            "/staff/inbox/",
            "/staff/inbox/<id>/",
        } <= kinds["counsellor"], kinds["counsellor"]
        assert {"/staff/dashboard/", "/staff/people/<id>/"} <= kinds["manager"], kinds["manager"]
        assert {
            "/staff/listings/",
            "/staff/listings/<id>/",
            "/staff/referrals/<id>/",
        } <= kinds["provider"], kinds["provider"]
        assert "/staff/privacy/audit/" in kinds["dpo"], kinds["dpo"]
        assert any(p.startswith("/staff/privacy/people/") for p in walked["dpo"])
    for staff in (counsellor, manager, provider, dpo):
        staff.context.close()
