"""Recording on a consultation the pathways the finder showed a counsellor.

A counsellor runs the public finder with the person; on the results page a signed-in
case worker gets a form that posts the finder's state here with a consultation. The
results are computed again from that state, so what is recorded is what the finder
shows, never a list the browser made up.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from infohub.accounts.access import signed_in_user
from infohub.counselling.access import access_consultation
from infohub.counselling.services import consultation_pathways_add
from infohub.pathways.finder import posted_state
from infohub.pathways.models import Pathway
from infohub.pathways.selectors import (
    NOT_ELIGIBLE,
    pathway_list_published,
    pathway_match,
    question_list,
)


def pathways_shown(request: HttpRequest) -> list[Pathway] | None:
    """The pathways the finder shows as fitting or possibly fitting for the posted state.

    None when the post holds no destination the finder knows.
    """
    questions = question_list()
    state = posted_state(request.POST, {q.key: q for q in questions})
    if state is None:
        return None
    pathways = list(pathway_list_published(country=state.country))
    matches = pathway_match(
        pathways=pathways, questions=questions, answers=state.answers, lang="en"
    )
    return [m.pathway for m in matches if m.status != NOT_ELIGIBLE]


@login_required
@require_POST
def consultation_pathways(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    consultation = access_consultation(user=user, public_id=request.POST.get("consultation"))
    shown = pathways_shown(request)
    if shown is None:
        messages.error(request, _("The finder's answers did not arrive. Run the finder again."))
        return redirect("counselling:consultation-list")
    added = consultation_pathways_add(user=user, consultation=consultation, pathways=shown)
    messages.success(
        request,
        ngettext(
            "%(count)d pathway recorded on the consultation.",
            "%(count)d pathways recorded on the consultation.",
            added,
        )
        % {"count": added},
    )
    if not added:
        messages.info(request, _("The consultation already had these pathways."))
    return redirect("counselling:consultation-list")
