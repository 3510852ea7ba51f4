"""Demo reports written for Casework (invented facts), in English, French and Spanish."""

from __future__ import annotations

# (ISO3, year, kind, language, format, title, paragraphs)
REPORTS = [
    (
        "SEN",
        2024,
        "article7_report",
        "fr",
        "pdf",
        "Rapport du Sénégal au titre de l'article 7",
        [
            "En 2023, le Sénégal a consacré un budget national de 180 millions de francs CFA à la "
            "dépollution des zones minées en Casamance.",
            "Les opérations de déminage ont été financées par le Canada et par l'Union européenne.",
            "L'insécurité dans certaines zones frontalières a retardé les enquêtes non techniques.",
            "Les équipes d'enquête comprennent des femmes et les données sur les victimes sont "
            "ventilées par sexe et par âge.",
        ],
    ),
    (
        "SEN",
        2025,
        "article7_report",
        "fr",
        "pdf",
        "Rapport du Sénégal au titre de l'article 7",
        [
            "En 2024, le Sénégal a consacré un budget national de 250 millions de francs CFA aux "
            "opérations de déminage.",
            "Le Sénégal a besoin d'un financement supplémentaire de 3 millions de dollars pour "
            "achever le déminage, et sollicite l'appui des donateurs.",
            "Une plateforme nationale réunit chaque année les donateurs, les opérateurs et les "
            "autorités pour examiner les progrès et les besoins.",
            "Les équipes de déminage comptent 30 % de femmes et les données sur les victimes sont "
            "ventilées par sexe et par âge.",
        ],
    ),
    (
        "TCD",
        2025,
        "article7_report",
        "fr",
        "docx",
        "Rapport du Tchad au titre de l'article 7",
        [
            "Le Tchad a adopté un plan de travail chiffré pour 2025-2028 qui fixe des jalons annuels "
            "de surfaces à remettre à disposition.",
            "Le manque de financement et l'accès difficile aux zones du nord constituent les "
            "principales contraintes.",
            "Le Tchad a partagé son expérience lors d'une visite d'échange avec le Niger.",
        ],
    ),
    (
        "PER",
        2024,
        "article7_report",
        "es",
        "pdf",
        "Informe del Perú en virtud del artículo 7",
        [
            "En 2023, el Perú destinó recursos del presupuesto nacional a las tareas de desminado "
            "en la frontera.",
            "Las actividades de desminado fueron financiadas por los Estados Unidos y con el apoyo "
            "de Noruega.",
        ],
    ),
    (
        "PER",
        2025,
        "article7_report",
        "es",
        "docx",
        "Informe del Perú en virtud del artículo 7",
        [
            "En 2024, el Perú destinó 2 millones de dólares del presupuesto nacional a las tareas de "
            "desminado humanitario.",
            "El Perú organizó una mesa de coordinación con los donantes y los operadores para "
            "revisar los avances y las necesidades.",
            "Los datos sobre las víctimas están desglosados por sexo y edad, y las mujeres "
            "participan en los equipos de enlace comunitario.",
            "Las lluvias y el terreno accidentado dificultan el acceso a las zonas minadas.",
        ],
    ),
    (
        "COL",
        2025,
        "article7_report",
        "es",
        "pdf",
        "Informe de Colombia en virtud del artículo 7",
        [
            "Colombia presentó su estrategia de movilización de recursos y celebró una conferencia "
            "de donantes en Bogotá.",
            "Colombia compartió su experiencia con otros Estados mediante la cooperación sur-sur.",
            "Persisten necesidades de financiamiento para completar el desminado en zonas rurales.",
        ],
    ),
    (
        "KHM",
        2024,
        "article7_report",
        "en",
        "pdf",
        "Cambodia Article 7 report",
        [
            "In 2023 Cambodia committed national funding of USD 5 million to mine clearance.",
            "Clearance was funded by Japan and with support from Australia.",
            "Cambodia hosted an exchange visit for mine action staff from other States and shared "
            "its experience of land release.",
            "Women make up 40 per cent of deminers and casualty data are sex- and age-disaggregated.",
        ],
    ),
    (
        "KHM",
        2025,
        "individualised_approach",
        "en",
        "docx",
        "Cambodia: individualised approach presentation",
        [
            "Cambodia requested an individualised approach meeting to present its remaining needs.",
            "Cambodia requires support of USD 40 million to complete clearance by 2030.",
            "Cambodia is exploring innovative financing with the private sector, including an "
            "outcome bond.",
        ],
    ),
    (
        "NLD",
        2025,
        "article7_report",
        "en",
        "pdf",
        "Netherlands Article 7 report",
        [
            "In 2024 the Netherlands provided funding of EUR 15 million to mine action programmes "
            "in Afghanistan, Colombia and Ukraine.",
            "The Netherlands requires its partners to collect sex- and age-disaggregated data and "
            "supports the participation of women in mine action.",
        ],
    ),
]
