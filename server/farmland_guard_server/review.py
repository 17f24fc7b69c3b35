"""Review: a reviewer whose region holds the result approves or returns it with a comment
(预审意见). The moves are the code lists' ``HCZT`` moves, checked by ``core.verdicts`` as in the
plugin; who decides follows the level: the province for the last approval, the city for the
step before it when the workflow has a city level."""

from __future__ import annotations

from farmland_guard.core import codelists, verdicts
from farmland_guard.core.language import say
from farmland_guard.core.verdicts import VerdictError

from .context import Context
from .errors import Forbidden, NotFound
from .models import Result, Review
from .results import check_text, check_version, find, write

APPROVE, RETURN = verdicts.APPROVE, verdicts.RETURN
REVIEWERS = ("reviewer", "admin")
LEVELS = {2: say("province", "省级"), 4: say("city", "市级")}
targets = verdicts.review_targets  # shared with the plugin's offline review (store.review)


def level(approved_state: str, city_level: bool) -> int:
    """Digits of the region that decides: the province gives the final approval."""
    final = not codelists.workflow(city_level).get(approved_state)
    return 2 if final or not city_level else 4


def review(ctx: Context, result_id: str, base_version: int, decision: str | None,
           comment: str | None) -> Result:
    if ctx.scope.role not in REVIEWERS:
        raise Forbidden(say("only a reviewer approves or returns results",
                            "只有审核人员可以通过或退回结果"), "role")
    result = find(ctx, result_id, lock=True)
    if result is None:
        raise NotFound(say("result {id} does not exist or is outside your region",
                           "结果 {id} 不存在或不在您的辖区内", id=result_id), "region")
    check_version(result, base_version, result_id)
    jcbh = result.dkbh or result.jcbh
    choices = targets(result.hczt, ctx.settings.city_level)
    check_text(comment, "comment")
    comment = (comment or "").strip() or None
    refused = verdicts.check_review(jcbh, result.hczt, decision, comment, ctx.settings.city_level)
    if refused:
        raise VerdictError([refused])
    needed = level(choices[APPROVE], ctx.settings.city_level)
    if ctx.scope.role != "admin" and len(ctx.scope.region) != needed:
        raise Forbidden(say("this decision is made at {level} level",
                            "该审核须由{level}作出", level=LEVELS[needed]), "level")
    new_state = choices[decision]
    move = verdicts.check_move(jcbh, result.hczt, new_state, ctx.settings.city_level)
    if move:
        raise VerdictError([move])
    old_state = result.hczt
    data = {**result.data, "HCZT": new_state}
    if comment:
        data["SJYSYJ"] = comment
    result.sjysyj = comment if decision == RETURN else result.sjysyj
    write(ctx, result, data, result.tbmj_mu, decision,
          {"from": old_state, "to": new_state, "comment": comment})
    ctx.session.add(Review(result_id=result.id, jcbh=result.jcbh, xzqdm=result.xzqdm,
                           decision=decision, from_state=old_state, to_state=new_state,
                           comment=comment, reviewer=ctx.scope.user,
                           reviewer_region=ctx.scope.region, version=result.version))
    return result
