"""Red flags (stable code + params, `flags.Flag`) worded in the reader's language: the
process page, the contractor page, the register and the public contracts page render here."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

TITLES = {
    "R003": gettext_lazy("Short submission period"),
    "R018": gettext_lazy("Single bid received"),
    "R024": gettext_lazy("Price close to the winning bid"),
    "R028": gettext_lazy("Identical bid prices"),
    "R030": gettext_lazy("Late bid won"),
    "R035": gettext_lazy("All except the winning bid disqualified"),
    "repeated_winner": gettext_lazy("Repeated winner"),
    "direct_award": gettext_lazy("Direct award above the threshold"),
    "large_amendment": gettext_lazy("Large amendment"),
    "signed_in_standstill": gettext_lazy("Contract signed during the standstill period"),
}


def _money(amount, currency: str = "") -> str:
    text = number_format(round(float(amount)), 0, force_grouping=True)
    return f"{text} {currency}".strip()


def _percent(share: float) -> str:
    return number_format(round(share * 100, 1), 1) + "%"


def title(code: str) -> str:
    return str(TITLES.get(code, code))


def explain(flag) -> str:
    p = flag.params if hasattr(flag, "params") else flag["params"]
    code = flag.code if hasattr(flag, "code") else flag["code"]
    if code == "R003":
        return (
            _("Bidders had %(days)s whole days to submit, fewer than the minimum of %(threshold)s.")
            % p
        )
    if code == "R018":
        return _("Only one bidder took part in a competitive tender.")
    if code == "R024":
        return _(
            "The second-lowest valid bid (%(second)s) is only %(difference)s above the winning "
            "bid (%(winner)s); the threshold is %(threshold)s."
        ) % {
            "second": _money(p["second"], p.get("currency", "")),
            "winner": _money(p["winner"], p.get("currency", "")),
            "difference": _percent(p["difference"]),
            "threshold": _percent(p["threshold"]),
        }
    if code == "R028":
        return _("%(tenderers)s bid exactly the same price, %(amount)s.") % {
            "tenderers": ", ".join(p["tenderers"]),
            "amount": _money(p["amount"]),
        }
    if code == "R030":
        return _("The winning bid was received after the submission deadline.")
    if code == "R035":
        return (
            ngettext(
                "Only the winner's bid was valid; %(disqualified)s other bidder was disqualified.",
                "Only the winner's bid was valid; %(disqualified)s other bidders were disqualified.",
                p["disqualified"],
            )
            % p
        )
    if code == "repeated_winner":
        return _("%(supplier)s won %(wins)s of the %(total)s awards of %(entity)s.") % p
    if code == "direct_award":
        return _("A direct award of %(amount)s, above the threshold of %(threshold)s LYD.") % {
            "amount": _money(p["amount"], p.get("currency", "")),
            "threshold": _money(p["threshold"]),
        }
    if code == "large_amendment":
        return _(
            "Amendments raised the contract from %(before)s to %(after)s (%(share)s, more "
            "than %(threshold)s)."
        ) % {
            "before": _money(p["before"], p.get("currency", "")),
            "after": _money(p["after"], p.get("currency", "")),
            "share": _percent(p["share"]),
            "threshold": _percent(p["threshold"]),
        }
    if code == "signed_in_standstill":
        return (
            _(
                "The contract was signed on %(signed)s, before the standstill period ended on "
                "%(standstill_end)s."
            )
            % p
        )
    return code
