"""UN M49 regions of the world's States, by ISO 3166 alpha-3, for donor suggestions.

The five M49 regions (Statistics Division, "Standard country or area codes for statistical
use"): coarse on purpose, since a donor's regional habits are broad.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

REGION_LABELS = {
    "africa": _("Africa"),
    "americas": _("Americas"),
    "asia": _("Asia"),
    "europe": _("Europe"),
    "oceania": _("Oceania"),
}

_MEMBERS = {
    "africa": """DZA AGO BEN BWA BFA BDI CPV CMR CAF TCD COM COG COD CIV DJI EGY GNQ ERI SWZ
        ETH GAB GMB GHA GIN GNB KEN LSO LBR LBY MDG MWI MLI MRT MUS MAR MOZ NAM NER NGA
        RWA STP SEN SYC SLE SOM ZAF SSD SDN TZA TGO TUN UGA ZMB ZWE ESH""",
    "americas": """ATG ARG BHS BRB BLZ BOL BRA CAN CHL COL CRI CUB DMA DOM ECU SLV GRD GTM
        GUY HTI HND JAM MEX NIC PAN PRY PER KNA LCA VCT SUR TTO USA URY VEN""",
    "asia": """AFG ARM AZE BHR BGD BTN BRN KHM CHN CYP GEO IND IDN IRN IRQ ISR JPN JOR KAZ
        KWT KGZ LAO LBN MYS MDV MNG MMR NPL PRK OMN PAK PSE PHL QAT KOR SAU SGP LKA SYR
        TWN TJK THA TLS TUR TKM ARE UZB VNM YEM""",
    "europe": """ALB AND AUT BLR BEL BIH BGR HRV CZE DNK EST FIN FRA DEU GRC VAT HUN ISL IRL
        ITA LVA LIE LTU LUX MLT MDA MCO MNE NLD MKD NOR POL PRT ROU RUS SMR SRB SVK SVN
        ESP SWE CHE UKR GBR XKX""",
    "oceania": """AUS COK FJI KIR MHL FSM NRU NZL NIU PLW PNG WSM SLB TON TUV VUT""",
}

REGION_OF: dict[str, str] = {
    iso3: region for region, codes in _MEMBERS.items() for iso3 in codes.split()
}


def region_of(iso3: str) -> str:
    """The M49 region code of a State ("" when not known)."""
    return REGION_OF.get(iso3.upper(), "")


def region_label(code: str) -> str:
    return str(REGION_LABELS.get(code, code))
