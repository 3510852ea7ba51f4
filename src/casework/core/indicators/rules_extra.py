"""More pattern families: nominal needs, regular forums, ethnicity with needs, training others.

Kept apart from rules.py for size; RULES lists these after the base families.
"""

from __future__ import annotations

from casework.core.indicators.rules import PARTNERS, Rule, _re

# Reviewing, discussing or identifying needs is an agenda, not a statement of needs; needs of
# survivors and communities are victim assistance, not the State's need for assistance.
_NEEDS_NOT_ASKED = _re(
    r"\b(?:examin\w*|review\w*|discuss\w*|assess\w*|identif\w*|passer en revue|pass[ée]s? en revue|"
    r"discut\w*|[ée]valu\w*|analys\w*|analiz\w*|revis\w*|identific\w*|conocer|atender)\b[^.;]{0,100}"
    r"\b(?:needs|requirements|besoins|necesidades)\b|"
    r"\b(?:survivors?|victims?|victimes|survivants|sobrevivientes|v[ií]ctimas|communit\w+|communaut\w+|"
    r"comunidades|beneficiar\w+|b[ée]n[ée]ficiaires)\b"
)

EXTRA_RULES: tuple[Rule, ...] = (
    # assistance_needs: needs named as a noun ("its funding needs", "ses besoins") ----------
    Rule(
        "an-needs-noun",
        "assistance_needs",
        _re(
            r"\b(?:funding (?:needs|requirements)|(?:its|our|their) (?:\w+ )?needs|"
            r"besoins? (?:de|d'|en) (?:financement|appui|assistance|ressources|[ée]quipements?|formation)|"
            r"(?:ses|nos|leurs) besoins|"
            r"(?:sus|nuestras) necesidades|necesidades de (?:financiamiento|financiaci[oó]n|apoyo|asistencia|"
            r"cooperaci[oó]n|recursos|equipos))\b"
        ),
        0.9,
        unless=_NEEDS_NOT_ASKED,
    ),
    # an amount right after "needs/requires/seeks": "X needs USD 4.5 million to ..."
    Rule(
        "an-amount",
        "assistance_needs",
        _re(
            r"\b(?:needs|requires|seeks|lacks|a besoin de|sollicite|necesita|requiere|solicita)\s+"
            r"(?:(?:an? |some |about |around |approximately |at least |environ |près de |alrededor de |unos? )?"
            r"(?:additional |further |supplémentaires? |adicionales? )?)"
            r"(?:usd|us\$|eur|€|\$|£|chf|\d)"
        ),
        0.9,
    ),
    # national_platform: a regular coordination meeting, or the authority meeting partners ---
    Rule(
        "np-regular",
        "national_platform",
        _re(
            r"\b(?:(?:quarterly|biannual|bi-annual|semi-annual|half-yearly|monthly|annual|regular|periodic) "
            r"(?:\w+ )?(?:coordination|stakeholders?'?|partners?'?|donors?'?) (?:meetings?|forums?|platforms?)|"
            r"(?:stakeholders?'?|partners?'?|donors?'?) (?:forum|platform|dialogue)s?|"
            r"r[ée]unions? (?:trimestrielles?|semestrielles?|mensuelles?|annuelles?|r[ée]guli[èe]res?|p[ée]riodiques?) "
            r"(?:de coordination|des partenaires|avec les (?:partenaires|bailleurs|donateurs))|"
            r"comit[ée] (?:national |technique )?de (?:coordination|concertation|suivi)|"
            r"reuni[oó]n(?:es)? (?:trimestral(?:es)?|semestral(?:es)?|mensual(?:es)?|anual(?:es)?|peri[oó]dicas?) "
            r"de coordinaci[oó]n|comit[ée] (?:nacional |t[ée]cnico )?de (?:coordinaci[oó]n|seguimiento))\b"
        ),
        0.9,
    ),
    Rule(
        "np-met-partners",
        "national_platform",
        _re(
            r"\b(?:met|meets|convened|convenes|brought together|brings together|s'est r[ée]uni\w*|se r[ée]unit|"
            r"ont r[ée]uni|a r[ée]uni|r[ée]unit|se reuni[oó]|se re[uú]nen?|convoc[oó]|reuni[oó])\b"
        ),
        0.9,
        also=_re(r"\b" + PARTNERS + r"\b"),
        unless=_re(
            r"\b(?:ministers?|ministres?|ministros?|cabinet|conseil des ministres)\b"
        ),
    ),
    # gender_diversity: ethnic or indigenous groups only with their needs or participation ---
    Rule(
        "gd-ethnic",
        "gender_diversity",
        _re(
            r"\b(?:ethnic\w*|indigenous|[ée]tnic\w+|ind[ií]genas?|autochtones?|afrodescendientes?|"
            r"afro-?colombian\w*|afrocolombian\w*)\b"
        ),
        0.9,
        also=_re(
            r"\b(?:needs|consult\w*|particip\w+|languages?|adapt\w+|diverse|diversity|inclusive|"
            r"besoins|langues?|diversit[ée]|enfoque (?:diferencial|[ée]tnico)|diferencial|necesidades|"
            r"lenguas?|idiomas?|traduc\w+|diversidad)\b"
        ),
        tables=True,
    ),
    # knowledge_exchange: the State's own staff train another State's people -------------
    Rule(
        "ke-training",
        "knowledge_exchange",
        _re(
            r"\b(?:(?:trained|training (?:of|for)|courses? (?:for|to))\b[^.]{0,80}\b(?:officials|staff|deminers|students|"
            r"participants|countries)|(?:a|ont) form[ée]|form[ée]s? (?:des|de|\d+)|"
            r"(?:capacit\w+|imparti\w+ (?:\w+ )?cursos?|formaci[oó]n)\b[^.]{0,80}\b(?:pa[ií]ses|funcionarios|alumnos|"
            r"participantes))\b"
        ),
        0.6,
        # Paying for training (by operators) is assistance, not sharing one's own expertise.
        unless=_re(
            r"\b(?:fund\w*|financ\w+|paid|grants?|subvention\w*|procurement)\b|"
            r"\b(?:npa|halo|mag|dca|drc|fsd|apopo|operators?|op[ée]rateurs?|operadores?)\b"
        ),
        other_state=True,
    ),
    # innovative_financing: pooled resources ---------------------------------------------
    Rule(
        "if-pooled",
        "innovative_financing",
        _re(
            r"\b(?:pooled (?:funding|resources|funds?)|financements? mutualis[ée]s?|fonds mutualis[ée]s?|"
            r"mutualis\w+ (?:des|les) (?:ressources|fonds)|ressources mises en commun|mise en commun des (?:ressources|fonds)|"
            r"fondos? com[uú]n(?:es)?|financiamiento mancomunado|recursos mancomunados)\b"
        ),
        0.9,
    ),
    # challenges: operations disrupted, access not yet guaranteed ------------------------
    Rule(
        "ch-disrupted",
        "challenges",
        _re(
            r"\b(?:(?:operations|activities|work|clearance|survey)\b[^.]{0,40}\b(?:were|was|have been|has been) "
            r"(?:\w+ )?(?:affected|disrupted|interrupted|halted)|once (?:access|security) (?:is|has been) "
            r"(?:guaranteed|secured|restored)|(?:op[ée]rations|activit[ée]s|travaux)\b[^.]{0,40}\b(?:ont [ée]t[ée]|a [ée]t[ée]) "
            r"(?:\w+ )?(?:affect[ée]e?s|perturb[ée]e?s|interrompue?s)|d[èe]s que les conditions de s[ée]curit[ée]|"
            r"(?:operaciones|actividades|trabajos)\b[^.]{0,40}\b(?:se vieron|fueron|han sido) (?:\w+ )?"
            r"(?:afectad[oa]s|interrumpid[oa]s)|no existen (?:tales |las )?condiciones|se garantice el acceso)\b"
        ),
        0.9,
    ),
)
