"""Keyword and pattern families per indicator, in English, French and Spanish.

A rule fires on one passage. `weight` is how sure one hit makes us (0.9: enough alone;
0.5: two passages needed). `also` must match the same passage too; `unless` must not.
Rules name meanings, not sentences of any corpus: add a synonym family, not a quotation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Rule:
    """One pattern family for one indicator."""

    id: str
    code: str
    pattern: re.Pattern[str]
    weight: float
    also: re.Pattern[str] | None = None
    unless: re.Pattern[str] | None = None
    tables: bool = False  # may fire on a table row
    other_state: bool = (
        False  # the passage must name a State other than the one concerned
    )
    # the State concerned must be where another's support goes (viewpoint.given_to)
    to_state: bool = False


def _re(pattern: str) -> re.Pattern[str]:
    # Rules run on lower-cased text: three times faster than re.IGNORECASE on this machine.
    return re.compile(pattern.lower())


# Shared families ---------------------------------------------------------------------------
MONEY_WORDS = (
    r"(?:USD|EUR|GBP|CHF|NOK|JPY|CAD|AUD|XOF|FCFA|COP|PEN|US\$|€|£|\$|¥|dollars?|euros?|"
    r"d[oó]lares|francs|francos|budget|presupuesto|funding|financement|financiamiento|"
    r"financiación|fonds|fondos|funds|cost|coût|costo|coste)"
)
YEARLY = (
    r"(?:annual|annually|per year|each year|a year|yearly|year-by-year|milestones?|by (?:the end of )?20\d\d|"
    r"annuel(?:le)?s?|par an|chaque année|jalons?|d'ici (?:à |la fin de )?20\d\d|anual(?:es)?|"
    r"por año|cada año|al año|metas?|hitos?|para 20\d\d|hasta 20\d\d|20\d\d\s*[-–]\s*20\d\d)"
)
PARTNERS = (
    r"(?:donors?|partners?|operators?|embass(?:y|ies)|unmas|undp|unicef|unops|united nations|international|ngos?|"
    r"bailleurs?|partenaires|opérateurs|ambassades?|donateurs|ong|nations unies|naciones unidas|"
    r"donantes|cooperantes|socios|operadores|embajadas?|cooperación internacional|organismos)"
)
OTHER_STATES = (
    r"(?:other States|neighbou?ring|regional|counterparts?|delegations?|south-south|"
    r"autres États|pays voisins|régional(?:e|es)?|homologues|délégations?|sud-sud|"
    r"otros Estados|países vecinos|regional(?:es)?|homólog\w+|delegaci[oó]n(?:es)?|sur-sur)"
)

BASE_RULES: tuple[Rule, ...] = (
    # challenges -------------------------------------------------------------------------
    Rule(
        "ch-en-obstacle",
        "challenges",
        _re(
            r"\b(?:challeng(?:e|es|ing)|constraints?|obstacles?|hamper(?:ed|s|ing)?|imped(?:ed|es|ing|iment)|"
            r"hinder(?:ed|s)?|difficult(?:y|ies)|insecurity|unsafe|lack of (?:access|funding|capacity|resources)|"
            r"inaccessible|impassable|stood down|stand down|suspend(?:ed)? (?:its |their )?(?:operations|work|activities)|"
            r"previously unrecorded|newly (?:found|identified|discovered|reported) (?:contamination|areas|hazardous)|"
            r"new(?:ly)? contamination|rainy season|flood(?:s|ing)|landslides?|pandemic|COVID|"
            r"(?:funding|support) (?:fell|fall|decreased|declined|dropped|was cut|cuts)|delays?|delayed|"
            r"limited (?:capacity|access)|could not be (?:reached|accessed|surveyed|cleared)|unable to)\b"
        ),
        0.9,
        # News furniture: "could not be reached for comment" is about a journalist's call.
        unless=_re(r"\b(?:for comment|to comment|comment on)\b"),
    ),
    Rule(
        "ch-fr-obstacle",
        "challenges",
        _re(
            r"\b(?:difficult[ée]s?|contraintes?|obstacles?|entrav\w+|ins[ée]curit[ée]|manque d'accès|"
            r"inaccessibles?|d[ée]fis?|retards?|suspend\w+|suspension|saison des pluies|inondations?|"
            r"pand[ée]mie|faute de (?:moyens|financement|ressources)|limit\w+ (?:fortement |considérablement )?l'accès|"
            r"nouvelles zones (?:dangereuses|contaminées)|nouvelle contamination|baisse (?:du|des) financements?|"
            r"n'est pas en mesure|empêch\w+|ralenti\w*|frein\w*)\b"
        ),
        0.9,
    ),
    Rule(
        "ch-es-obstacle",
        "challenges",
        _re(
            r"\b(?:dificultad(?:es)?|dif[ií]cil acceso|obst[aá]culos?|limitaciones|limitan|limit[oó]|"
            r"inseguridad|falta de (?:acceso|recursos|financiamiento|capacidad)|desaf[ií]os?|retos?|"
            r"retras\w+|suspend\w+|suspensi[oó]n|temporada de lluvias|lluvias|inundaciones|deslizamientos?|"
            r"pandemia|nueva contaminaci[oó]n|nuevas [aá]reas (?:peligrosas|contaminadas)|impid\w+|impedi\w+|"
            r"obstaculiz\w+|reducci[oó]n de(?:l)? (?:financiamiento|apoyo)|no (?:ha sido|fue) posible|"
            r"grupos armados ilegales)\b"
        ),
        0.9,
    ),
    # assistance_needs --------------------------------------------------------------------
    Rule(
        "an-en-request",
        "assistance_needs",
        _re(
            r"\b(?:seeks?|seeking|(?<!to )(?:requests|requested)(?! from)|requires?|required|needs|lacks?|"
            r"appeal(?:s|ed)? (?:to|for)|calls? (?:on|upon)|invites?|urges?)\b[^.]{0,120}\b(?:support|assistance|funding|partners|donors|resources|"
            r"equipment|training|expertise|contributions?)\b"
        ),
        0.9,
    ),
    Rule(
        "an-en-gap",
        "assistance_needs",
        _re(
            r"\b(?:funding gap|shortfall|unfunded|financial gap|gap of|remains? to be (?:mobili[sz]ed|secured|funded)|"
            r"not yet (?:funded|secured|covered)|additional (?:funding|resources|support|international support)|"
            r"needs? for (?:assistance|support))\b"
        ),
        0.9,
    ),
    Rule(
        "an-fr-request",
        "assistance_needs",
        _re(
            r"\b(?:sollicit\w+|a besoin|avait besoin|lance un appel|appel(?:le)? (?:à|aux)|requiert|n[ée]cessit\w+|"
            r"d[ée]ficit de financement|gap de financement|manque de financement|reste(?:nt)? à (?:mobiliser|financer|couvrir)|"
            r"ne couvre qu|financement (?:additionnel|supplémentaire)|demande l'appui|a besoin)\b"
        ),
        0.9,
        unless=_re(
            r"\bbesoins? (?:des|de la) (?:victimes|survivants|population|communaut)"
        ),
    ),
    Rule(
        "an-es-request",
        "assistance_needs",
        _re(
            r"\b(?:necesita|requiere|requerir[aá]|requerimientos?|solicit[aó]\w* (?:el )?(?:apoyo|asistencia|cooperaci[oó]n)|"
            r"no ha solicitado|d[ée]ficit|brecha|faltan?te?s?|por (?:movilizar|financiar|cubrir)|hace un llamado|"
            r"llamamiento|apoyo adicional|financiamiento adicional|recursos adicionales)\b"
        ),
        0.9,
        unless=_re(
            r"\bnecesidades (?:de las|de los) (?:v[ií]ctimas|sobrevivientes|comunidades)"
        ),
    ),
    # national_resources ----------------------------------------------------------------
    Rule(
        "nr-en-budget",
        "national_resources",
        _re(
            r"\b(?:national budget|state budget|government (?:budget|funding|funds|allocat\w+|contribut\w+|provides|pays|covers|finances|funded)|"
            r"own (?:resources|funds|budget)|national (?:funding|contribution|resources|allocation|personnel|staff)|"
            r"from the (?:national|state|government) budget|budgets? of the (?:state|government|entities)|in-kind|salaries|allocated [^.]{0,60}to (?:the )?(?:national|mine action)|"
            r"Ministry of Finance|treasury)\b"
        ),
        0.9,
    ),
    Rule(
        "nr-fr-budget",
        "national_resources",
        _re(
            r"\b(?:budget (?:national|de l'[ÉE]tat|de fonctionnement|propre)|fonds propres|ressources (?:propres|nationales)|"
            r"contribution nationale|(?:l'[ÉE]tat|le gouvernement) (?:(?:lui|leur|y|en|a|ont|avait|aura|va|(?!des |de |du |d')\w+) ){0,2}"
            r"(?:allou\w+|financ\w+|pris en charge|met à disposition|mobilis\w+|consacr\w+|d[ée]bloqu\w+)|"
            r"à la charge de l'[ÉE]tat|salaires|contrepartie nationale|Trésor public)\b"
        ),
        0.9,
    ),
    Rule(
        "nr-es-budget",
        "national_resources",
        _re(
            r"\b(?:presupuesto (?:nacional|general|del Estado|propio|ordinario)|recursos (?:propios|nacionales|del Estado|del presupuesto)|"
            r"aporte nacional|contrapartida nacional|(?:el|del) (?:Gobierno|Estado) (?:\w+ )?(?:asign\w+|aport\w+|financ\w+|destin\w+)|"
            r"recursos del tesoro|salarios|fondos p[uú]blicos|tesoro nacional|"
            r"financiad\w+ con recursos)\b"
        ),
        0.9,
    ),
    # assistance_received ---------------------------------------------------------------
    Rule(
        "ar-en-received",
        "assistance_received",
        _re(
            r"\b(?:(?:received|receives|receive)\b[^.]{0,80}\b(?:funding|support|assistance|grants?|contributions?|"
            r"donations?|equipment|USD|EUR|GBP|million)|"
            r"(?:received|receives) (?:US\$|USD|EUR|€|\$|£|GBP|CHF|JPY|NOK)\s?\d|funded by|financed by|supported by|"
            r"with (?:the )?(?:financial |technical )?(?:support|assistance|funding) (?:of|from)|grants? from|"
            r"thanks to (?:the )?(?:support|funding)|(?:provided|contributed|donated) by|pledged|disburse(?:d|ment)|"
            r"contributions? (?:from|known)|donors? (?:included|such as|were)|donated)\b"
        ),
        0.9,
        tables=True,
    ),
    Rule(
        "ar-fr-received",
        "assistance_received",
        _re(
            r"\b(?:financ[ée]e?s? par|gr[âa]ce à l'(?:appui|aide|soutien|financement)|avec l'appui|"
            r"avec le (?:soutien|concours|financement)|a b[ée]n[ée]fici[ée]|b[ée]n[ée]ficie|re[çc]u(?:e|s|es)?|re[çc]oit|"
            r"l'appui (?:de|du|des|technique|financier) (?!ses partenaires)|contributions? (?:de|du|des)|"
            r"(?:son|leur|un) don|don (?:de|du)|d[ée]caiss\w+|soutien (?:de|du|des|financier))\b"
        ),
        0.9,
        tables=True,
    ),
    Rule(
        "ar-es-received",
        "assistance_received",
        _re(
            r"\b(?:financiad[oa]s? por|con (?:el )?(?:apoyo|respaldo|financiamiento|aporte) (?:de|del|financiero|t[ée]cnico)|"
            r"gracias al (?:apoyo|aporte|financiamiento)|recibi[oó]|recibid[oa]s?|aportes? (?:de|del)|donaci[oó]n(?:es)? (?:de|del)|"
            r"contribuci[oó]n(?:es)? (?:de|del)|desembols\w+|provien\w+ de|canaliz\w+ recursos|"
            r"recursos de (?:varios |distintos )?donantes)\b"
        ),
        0.9,
        tables=True,
    ),
    Rule(
        "ar-other-gives",
        "assistance_received",
        _re(
            r"\b(?:provided|contributed|funded|financed|donated|pledged|committed|support|"
            r"a (?:contribu[ée]|financ[ée]|fourni|vers[ée]|octroy[ée])|ont (?:contribu[ée]|financ[ée]|fourni|vers[ée])|"
            r"appui|soutien|aport(?:ó|aron|a|an|ar[aá]n?)|contribuy(?:ó|eron)|financi(?:ó|aron)|don(?:ó|aron)|compromisos|apoyo)\b"
        ),
        0.6,
        other_state=True,
    ),
    # Another State gives, and the State concerned is where it goes: "Japan will provide
    # USD 3 million to the Cambodian centre", seen from Cambodia.
    Rule(
        "ar-given-to",
        "assistance_received",
        _re(
            r"\b(?:provid\w*|contribut\w*|fund(?:s|ed|ing)?|financ\w*|grant(?:s|ed)?|"
            r"allocat\w*|disburs\w*|donat\w*|pledg\w*|award\w*|"
            r"octroi\w*|octroy\w*|fourni\w*|vers[ée]\w*|allou\w*|accord[ée]\w*|financ[ée]\w*|"
            r"aport\w*|don[oó]|donaron|otorg\w*|entreg\w*|destin[oó]|financi[oó]|asign\w*)\b"
        ),
        0.6,
        other_state=True,
        to_state=True,
    ),
    # assistance_provided (gated on the State being the giver, see detect.py) -----------
    Rule(
        "ap-give",
        "assistance_provided",
        _re(
            r"\b(?:contribut\w+|provid\w+|fund(?:s|ed|ing)|financ\w+|support(?:s|ed)?|allocat\w+|disburs\w+|donat\w+|"
            r"granted|seconded|pledged|commit\w+|"
            r"a (?:contribu[ée]|financ[ée]|apport[ée]|allou[ée]|vers[ée]|fourni|octroy[ée]|soutenu|d[ée]tach[ée]|consacr[ée])|"
            r"fait don|contribue|finance|soutient|consacr[ée]|"
            r"aport\w+|contribu(?:y[oó]|ye|ido)|financi[oó]|financia|don[oó]|destin[oó]|otorg\w+|apoy[oó])\b"
        ),
        0.9,
        tables=True,
    ),
    Rule(
        "ap-trainers",
        "assistance_provided",
        _re(
            r"\b(?:(?:deployed|sent|dispatched|seconded) [^.]{0,40}(?:trainers|instructors|experts|advisers|advisors)|"
            r"(?:trainers|instructors|experts) [^.]{0,40}(?:trained|have trained)|"
            r"(?:a|ont) (?:d[ée]ploy[ée]|envoy[ée]|d[ée]p[êe]ch[ée]|d[ée]tach[ée]) [^.]{0,40}(?:formateurs|instructeurs|experts)|"
            r"(?:formateurs|instructeurs|experts) [^.]{0,40}ont form[ée]|"
            r"(?:despleg[oó]|envi[oó]|enviaron|destac[oó]) [^.]{0,40}(?:instructores|formadores|expertos)|"
            r"(?:instructores|formadores|expertos) [^.]{0,40}(?:capacitaron|formaron|entrenaron))\b"
        ),
        0.9,
        other_state=True,
    ),
    # resource_mobilisation -------------------------------------------------------------
    Rule(
        "rm-strategy",
        "resource_mobilisation",
        _re(
            r"\b(?:resource[- ]mobili[sz]ation|mobili[sz]ation (?:of|des|de) (?:resources|ressources|recursos|fonds|financements)|"
            r"mobili[sz]e (?:additional |new |more )?(?:resources|funds|funding)|fund-?raising|"
            r"(?:donor|pledging|round-?table) (?:conference|round-?table|meeting)s?|diversif\w+ (?:its |the |ses |les |sus |las )?(?:donor|funding|sources|bailleurs|partenaires|fuentes|donantes)|"
            r"mobilisation des ressources|mobiliser (?:des|les|de nouvelles|davantage de) (?:ressources|fonds|financements)|"
            r"table[- ]ronde des (?:bailleurs|donateurs|partenaires)|conf[ée]rence des (?:donateurs|bailleurs)|"
            r"movilizaci[oó]n de recursos|movilizar (?:m[aá]s |nuevos )?(?:recursos|fondos)|conferencia de donantes|"
            r"mesa de donantes|gesti[oó]n de recursos)\b"
        ),
        0.9,
    ),
    # innovative_financing --------------------------------------------------------------
    Rule(
        "if-mechanism",
        "innovative_financing",
        _re(
            r"\b(?:private sector|private[- ]sector|private (?:companies|company|investors?|firms?|foundations?)|trust fund|pooled fund|"
            r"multi-?donor (?:trust )?fund|debt[- ](?:swaps?|for-\w+|conversion)|impact bonds?|outcome[- ](?:based|funders?|bonds?)|"
            r"blended financ\w+|crowd-?fund\w*|innovative (?:financ\w+|finance|mechanisms?|sources)|corporate social responsibility|"
            r"philanthrop\w+|secteur priv[ée]|entreprises? priv[ée]es?|fonds fiduciaires?|fonds commun|financements? innovants?|"
            r"m[ée]canismes? (?:de financement )?innovants?|obligations? (?:à|a) impact|conversion de (?:la )?dette|"
            r"financement mixte|m[ée]c[ée]nat|responsabilit[ée] soci[ée]tale|financement participatif|"
            r"sector privado|empresas? privadas?|fondos? fiduciarios?|fondo multidonante|financiamiento innovador|"
            r"financiaci[oó]n innovadora|mecanismos? (?:de financiamiento )?innovadores?|bonos? de impacto|canje de deuda|"
            r"obras por impuestos|responsabilidad social|financiamiento mixto|fuentes innovadoras)\b"
        ),
        0.9,
    ),
    # national_platform -----------------------------------------------------------------
    Rule(
        "np-platform",
        "national_platform",
        _re(
            r"\b(?:national (?:mine action )?platform|plateforme nationale|plataforma nacional|"
            r"country coalition|coalici[oó]n pa[ií]s|mesa de cooperaci[oó]n)\b"
        ),
        0.9,
    ),
    Rule(
        "np-meeting",
        "national_platform",
        _re(
            r"\b(?:coordination (?:meeting|forum|mechanism|committee|group)s?|steering committee|technical working groups?|"
            r"working group|(?:donor|partners?)(?:'s?)? (?:coordination |)(?:meeting|forum|group)s?|"
            r"r[ée]unions? (?:de coordination|des partenaires|avec les (?:partenaires|bailleurs))|comit[ée] de pilotage|cadre de concertation|"
            r"groupe de travail|mesa (?:de coordinaci[oó]n|t[ée]cnica|interinstitucional)|comit[ée] (?:de coordinaci[oó]n|directivo)|"
            r"reuni[oó]n(?:es)? (?:de coordinaci[oó]n|con (?:los )?(?:cooperantes|donantes|socios))|grupos? de trabajo)\b"
        ),
        0.9,
        also=_re(PARTNERS),
    ),
    # individualised_approach -----------------------------------------------------------
    Rule(
        "ia-approach",
        "individualised_approach",
        _re(
            r"\b(?:individuali[sz]ed (?:approach|meeting)|approche individualis[ée]e|proc[ée]dure individualis[ée]e|"
            r"enfoque individualizado|enfoque individual)\b"
        ),
        0.95,
    ),
    # gender_diversity ------------------------------------------------------------------
    Rule(
        "gd-gender",
        "gender_diversity",
        _re(
            r"\b(?:women|girls|gender|sex[- ](?:and[- ]age[- ])?disaggregated|disaggregated by (?:sex|gender|age)|"
            r"diverse needs|diversity|persons with disabilit\w+|female|mixed(?:-sex)? teams|"
            r"femmes|filles|genre|ventil[ée]es? par (?:sexe|âge)|d[ée]sagr[ée]g[ée]es?|diversit[ée]|"
            r"personnes (?:handicap[ée]es|en situation de handicap|vivant avec un handicap)|f[ée]minin\w*|mixtes|"
            r"mujeres|niñas|g[ée]nero|desagregad\w+|diversidad|personas con discapacidad|enfoque diferencial|"
            r"femenin\w+)\b"
        ),
        0.9,
        tables=True,
    ),
    # knowledge_exchange ----------------------------------------------------------------
    Rule(
        "ke-exchange",
        "knowledge_exchange",
        _re(
            r"\b(?:exchange visits?|study visits?|south-south|triangular cooperation|peer-to-peer|"
            r"(?:shared|share|sharing|presented) [^.]{0,40}(?:experience|expertise|lessons|knowledge|good practices)|"
            r"exchange of (?:experiences?|expertise|good practices|lessons|know-how)|lessons learned|"
            r"visites? d'[ée]changes?|visites? d'[ée]tude|coop[ée]ration sud-sud|coop[ée]ration triangulaire|"
            r"[ée]changes? d'exp[ée]riences?|partag\w+ [^.]{0,50}(?:exp[ée]rience|expertise|savoir-faire|bonnes pratiques|enseignements|proc[ée]dures)|"
            r"visitas? de intercambio|pasant[ií]as?|cooperaci[oó]n sur-sur|cooperaci[oó]n triangular|"
            r"intercambio de (?:experiencias|conocimientos|buenas pr[aá]cticas|lecciones)|"
            r"compart\w+ [^.]{0,60}(?:experiencia|conocimientos|lecciones|buenas pr[aá]cticas))\b"
        ),
        0.9,
        unless=_re(
            r"\b(?:an? operator|un op[ée]rateur|un operador|operators|op[ée]rateurs|operadores)\b"
        ),
    ),
    Rule(
        "ke-regional",
        "knowledge_exchange",
        _re(
            r"\b(?:regional (?:cooperation|workshop|training|course|seminar)|hosted (?:a |an )?(?:delegation|visit|officials)|"
            r"coop[ée]ration r[ée]gionale|atelier r[ée]gional|formation r[ée]gionale|a accueilli (?:une|des) d[ée]l[ée]gations?|"
            r"cooperaci[oó]n regional|taller (?:regional|binacional)|recibi[oó] (?:a )?una delegaci[oó]n)\b"
        ),
        0.6,
        other_state=True,
    ),
    # costed_plan -----------------------------------------------------------------------
    Rule(
        "cp-plan",
        "costed_plan",
        _re(
            r"\b(?:work ?plan|workplan|action plan|national (?:mine action )?(?:strategy|plan)|strategic plan|"
            r"annual milestones|milestones|plan de travail|plan d'action|strat[ée]gie nationale|plan national|jalons|"
            r"plan de trabajo|plan de acci[oó]n|plan (?:estrat[ée]gico|nacional)|estrategia nacional|metas anuales|cronograma)\b"
        ),
        0.9,
        also=_re(
            MONEY_WORDS
            + r"|"
            + YEARLY
            + r"|\b(?:costed|chiffr[ée]|budg[ée]tis[ée]|costead\w+|presupuestad\w+)\b"
        ),
    ),
    Rule(
        "cp-budget",
        "costed_plan",
        _re(
            r"\b(?:budget required|funds required|total (?:estimated )?cost|costed|budget requis|co[uû]t (?:total|estim[ée])|budg[ée]tis[ée]|"
            r"presupuesto (?:requerido|estimado|total)|costo (?:total|estimado)|costead\w+)\b"
        ),
        0.9,
        also=_re(r"\b(?:plan|strateg\w+|stratégie|estrategia|20\d\d)\b"),
    ),
)


def _all_rules() -> tuple[Rule, ...]:
    from casework.core.indicators.rules_extra import EXTRA_RULES

    return BASE_RULES + EXTRA_RULES


RULES: tuple[Rule, ...] = _all_rules()
