#!/usr/bin/env python3
"""Deterministic generator of synthetic catalogues (see benchmarks/README.md).

    python benchmarks/synth.py OUT_DIR --courses N [--invalid-share 0.05] [--seed 1]

Writes OUT_DIR/<provider-id>/provider.yaml and
OUT_DIR/<provider-id>/courses/<slug>.yaml, 40-60 courses per provider.
Valid files follow every rule of sections 1-7 of
shared/spec/catalogue-format.md as of 2026-11-29 (no errors, no warnings);
a deterministic share of the course files is broken on purpose, each in one
way (see INVALID_KINDS).  Same arguments -> byte-identical output.

Only the standard library is used; the YAML is written by hand (much faster
than a YAML library's dumper, and closer to what people write).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
import re
import shutil
import sys
import uuid
from pathlib import Path

TODAY = dt.date(2026, 11, 29)

# Every way an invalid course file is broken (one way per file).  Each one is
# an *error* under the spec (sections 1-7), never only a warning.
INVALID_KINDS = (
    "misspelled-key",  # learning_outcome instead of learning_outcomes
    "wrong-type",  # workload.ects: "five"
    "impossible-date",  # 2027-02-30 / 2026-09-31
    "missing-required",  # summary, url, languages, field, ... removed
    "bad-isced",  # field code not in ISCED-F 2013
    "http-url",  # url: http://...
    "duplicate-key",  # the same key twice in one mapping
    "enrol-after-start",  # sessions[].enrol_by > start
    "end-before-start",  # sessions[].end < start
    "unknown-language",  # "dk" is not an ISO 639-1 code
    "onsite-without-location",  # onsite session without a location
    "bad-currency",  # SKR / EURO are not ISO 4217
    "unknown-enum",  # participation: hybrid, credential.type: diploma
    "unresolved-reference",  # stacks_into a course that does not exist
)

# Real ISCED-F 2013 codes used by the topics below (checked against
# shared/data/standards/vocabularies/isced-f-2013.json), and codes that do
# not exist in it (for the bad-isced files).
BAD_ISCED = ("0618", "0425", "0544", "0616", "0699", "0217", "1100")

ESCO = "http://data.europa.eu/esco/skill/"

# --------------------------------------------------------------------------
# Vocabulary for the texts
# --------------------------------------------------------------------------

# (slug, fields, {lang: title}, summary phrase, outcome objects, keywords, skills)
TOPICS = [
    (
        "data-visualisation",
        ["0314", "0542"],
        {
            "en": "Data visualisation",
            "sv": "Datavisualisering",
            "pl": "Wizualizacja danych",
            "de": "Datenvisualisierung",
        },
        "turn survey and register data into clear, honest charts",
        [
            "chart types that fit a question",
            "reproducible charts in a scripting language",
            "uncertainty in a figure",
            "dashboards for non-specialists",
        ],
        ["statistics", "charts", "R", "dashboards"],
        ["present data visually", "communicate analytical insights"],
    ),
    (
        "applied-statistics",
        ["0542"],
        {
            "en": "Applied statistics",
            "sv": "Tillämpad statistik",
            "pl": "Statystyka stosowana",
            "de": "Angewandte Statistik",
        },
        "estimate, test and explain effects in messy real-world data",
        [
            "regression models for observational data",
            "confidence intervals and tests",
            "sampling designs",
            "model diagnostics",
        ],
        ["statistics", "regression", "sampling"],
        ["use statistical analysis techniques", "perform data analysis"],
    ),
    (
        "python-programming",
        ["0613"],
        {
            "en": "Programming in Python",
            "sv": "Programmering i Python",
            "pl": "Programowanie w Pythonie",
            "de": "Programmieren mit Python",
        },
        "write, test and package small programs that automate everyday work",
        ["functions and modules", "automated tests", "version control with Git", "command-line tools"],
        ["Python", "programming", "automation", "Git"],
        ["use scripting programming", "Python (computer programming)"],
    ),
    (
        "cloud-infrastructure",
        ["0612"],
        {
            "en": "Cloud infrastructure",
            "sv": "Molninfrastruktur",
            "pl": "Infrastruktura chmurowa",
            "de": "Cloud-Infrastruktur",
        },
        "plan, deploy and run services on public and private clouds",
        [
            "infrastructure as code",
            "container orchestration",
            "cost and capacity plans",
            "backup and recovery procedures",
        ],
        ["cloud", "containers", "DevOps"],
        ["manage cloud data and storage", "deploy cloud resource"],
    ),
    (
        "cybersecurity-basics",
        ["0612", "0619"],
        {
            "en": "Cybersecurity essentials",
            "sv": "Grunder i cybersäkerhet",
            "pl": "Podstawy cyberbezpieczeństwa",
            "de": "Grundlagen der Cybersicherheit",
        },
        "protect a small organisation against the most common attacks",
        [
            "threat models for small organisations",
            "password and access policies",
            "incident response plans",
            "phishing awareness campaigns",
        ],
        ["security", "NIS2", "risk"],
        ["implement ICT risk management", "apply information security policies"],
    ),
    (
        "project-management",
        ["0413"],
        {
            "en": "Project management",
            "sv": "Projektledning",
            "pl": "Zarządzanie projektami",
            "de": "Projektmanagement",
        },
        "plan, lead and close projects on time and within budget",
        ["work breakdown structures", "risk registers", "stakeholder maps", "agile and stage-gate methods"],
        ["projects", "planning", "agile", "leadership"],
        ["perform project management", "manage stakeholders"],
    ),
    (
        "accounting-for-small-business",
        ["0411"],
        {
            "en": "Accounting for small businesses",
            "sv": "Redovisning för småföretag",
            "pl": "Rachunkowość w małej firmie",
            "de": "Buchführung für Kleinunternehmen",
        },
        "keep the books, file VAT returns and read a balance sheet",
        ["double-entry bookkeeping", "VAT returns", "annual accounts", "cash-flow forecasts"],
        ["accounting", "VAT", "bookkeeping"],
        ["keep financial records", "prepare financial statements"],
    ),
    (
        "digital-marketing",
        ["0414"],
        {
            "en": "Digital marketing",
            "sv": "Digital marknadsföring",
            "pl": "Marketing cyfrowy",
            "de": "Digitales Marketing",
        },
        "plan campaigns across search, social media and e-mail and measure what works",
        [
            "campaign plans across channels",
            "web analytics reports",
            "search engine optimisation",
            "A/B tests",
        ],
        ["marketing", "SEO", "social media", "analytics"],
        ["perform online marketing", "use web analytics"],
    ),
    (
        "renewable-energy-systems",
        ["0713"],
        {
            "en": "Renewable energy systems",
            "sv": "Förnybara energisystem",
            "pl": "Systemy energii odnawialnej",
            "de": "Erneuerbare Energiesysteme",
        },
        "size and assess solar, wind and heat-pump installations",
        [
            "photovoltaic systems",
            "heat-pump installations",
            "energy yield estimates",
            "grid connection requirements",
        ],
        ["energy", "solar", "heat pumps", "sustainability"],
        ["design photovoltaic systems", "assess energy consumption"],
    ),
    (
        "energy-efficiency-in-buildings",
        ["0713", "0732"],
        {
            "en": "Energy efficiency in buildings",
            "sv": "Energieffektivisering i byggnader",
            "pl": "Efektywność energetyczna budynków",
            "de": "Energieeffizienz in Gebäuden",
        },
        "cut the energy use of existing homes and offices",
        [
            "energy audits",
            "insulation and ventilation measures",
            "renovation plans",
            "energy performance certificates",
        ],
        ["buildings", "energy audit", "renovation"],
        ["perform energy audit", "advise on energy efficiency"],
    ),
    (
        "welding-basics",
        ["0715"],
        {
            "en": "Welding fundamentals",
            "sv": "Svetsning grundkurs",
            "pl": "Podstawy spawania",
            "de": "Grundlagen des Schweißens",
        },
        "join steel plate and pipe safely with MIG/MAG and TIG processes",
        [
            "MIG/MAG welds on steel plate",
            "weld preparation and fit-up",
            "weld defects",
            "safe workshop routines",
        ],
        ["welding", "MIG", "TIG", "metalwork"],
        ["use welding equipment", "inspect weld quality"],
    ),
    (
        "industrial-automation",
        ["0714"],
        {
            "en": "Industrial automation",
            "sv": "Industriell automation",
            "pl": "Automatyka przemysłowa",
            "de": "Industrielle Automatisierung",
        },
        "program, commission and troubleshoot PLC-controlled machines",
        [
            "PLC programs",
            "sensor and actuator wiring",
            "fault-finding procedures",
            "machine safety functions",
        ],
        ["PLC", "automation", "robotics"],
        ["program PLC", "troubleshoot automation systems"],
    ),
    (
        "care-of-older-people",
        ["0921"],
        {
            "en": "Care of older people",
            "sv": "Äldreomsorg",
            "pl": "Opieka nad osobami starszymi",
            "de": "Altenpflege",
        },
        "support older people to live safely and independently",
        [
            "person-centred care plans",
            "fall prevention measures",
            "medication routines",
            "communication with relatives",
        ],
        ["care", "elderly", "health"],
        ["assist elderly people", "apply person-centred care"],
    ),
    (
        "mental-health-first-aid",
        ["0923", "0913"],
        {
            "en": "Mental health first aid",
            "sv": "Första hjälpen till psykisk hälsa",
            "pl": "Pierwsza pomoc w zdrowiu psychicznym",
            "de": "Erste Hilfe für die Psyche",
        },
        "recognise a mental-health crisis and respond with confidence",
        [
            "signs of common mental-health problems",
            "supportive conversations",
            "referral routes",
            "self-care practices",
        ],
        ["mental health", "first aid", "wellbeing"],
        ["provide first aid", "counsel clients"],
    ),
    (
        "nursing-wound-care",
        ["0913"],
        {
            "en": "Wound care in nursing",
            "sv": "Sårvård i omvårdnad",
            "pl": "Leczenie ran w pielęgniarstwie",
            "de": "Wundversorgung in der Pflege",
        },
        "assess and treat acute and chronic wounds following current evidence",
        ["wound assessments", "dressing choices", "infection prevention", "care documentation"],
        ["nursing", "wound care", "infection control"],
        ["treat wounds", "document nursing care"],
    ),
    (
        "early-childhood-pedagogy",
        ["0112", "0922"],
        {
            "en": "Play-based learning in early childhood",
            "sv": "Lekbaserat lärande i förskolan",
            "pl": "Nauka przez zabawę w edukacji przedszkolnej",
            "de": "Spielbasiertes Lernen in der Kita",
        },
        "plan play-based activities that support language and maths in pre-school",
        [
            "play-based learning activities",
            "observation and documentation",
            "inclusive group routines",
            "dialogue with parents",
        ],
        ["pre-school", "play", "pedagogy"],
        ["plan children's activities", "monitor children's development"],
    ),
    (
        "digital-teaching",
        ["0111", "0611"],
        {
            "en": "Digital course design for teachers",
            "sv": "Digital kursdesign för lärare",
            "pl": "Projektowanie kursów cyfrowych dla nauczycieli",
            "de": "Digitale Kursgestaltung für Lehrkräfte",
        },
        "design online and blended courses that keep learners engaged",
        [
            "learning activities for online groups",
            "accessible course materials",
            "formative online assessment",
            "learning-platform analytics",
        ],
        ["e-learning", "teaching", "accessibility"],
        ["design online learning", "use e-learning platforms"],
    ),
    (
        "swedish-for-professionals",
        ["0231"],
        {
            "en": "Swedish for professionals",
            "sv": "Svenska för yrkesverksamma",
            "pl": "Szwedzki w pracy",
            "de": "Schwedisch für den Beruf",
        },
        "handle meetings, e-mail and phone calls at work in Swedish",
        ["work-related conversations", "professional e-mail", "meeting vocabulary", "short presentations"],
        ["languages", "Swedish", "communication"],
        ["speak Swedish", "write Swedish"],
    ),
    (
        "business-english",
        ["0231", "0413"],
        {
            "en": "Business English",
            "sv": "Affärsengelska",
            "pl": "Angielski w biznesie",
            "de": "Wirtschaftsenglisch",
        },
        "negotiate, present and write with confidence in English at work",
        ["negotiation phrases", "business presentations", "formal and informal e-mail", "meeting minutes"],
        ["English", "business", "communication"],
        ["speak English", "write business correspondence"],
    ),
    (
        "circular-economy",
        ["0521", "0413"],
        {
            "en": "Circular economy in practice",
            "sv": "Cirkulär ekonomi i praktiken",
            "pl": "Gospodarka obiegu zamkniętego w praktyce",
            "de": "Kreislaufwirtschaft in der Praxis",
        },
        "redesign products and services so that materials stay in use",
        ["material-flow analyses", "circular business models", "life-cycle assessments", "take-back schemes"],
        ["sustainability", "circularity", "LCA"],
        ["apply circular economy principles", "conduct life cycle assessment"],
    ),
    (
        "climate-adaptation",
        ["0521", "0731"],
        {
            "en": "Climate adaptation in planning",
            "sv": "Klimatanpassning i planeringen",
            "pl": "Adaptacja do zmian klimatu w planowaniu",
            "de": "Klimaanpassung in der Planung",
        },
        "assess flood and heat risks and address them in local plans",
        ["climate scenarios", "climate-risk analyses", "planning regulations", "adaptation measures"],
        ["climate", "planning", "flooding"],
        ["assess environmental impact", "urban planning"],
    ),
    (
        "food-safety-haccp",
        ["0721", "1013"],
        {
            "en": "Food safety and HACCP",
            "sv": "Livsmedelssäkerhet och HACCP",
            "pl": "Bezpieczeństwo żywności i HACCP",
            "de": "Lebensmittelsicherheit und HACCP",
        },
        "set up and run a food-safety plan in a kitchen or food plant",
        ["hazard analyses", "critical control points", "cleaning schedules", "traceability records"],
        ["food safety", "HACCP", "hygiene"],
        ["apply HACCP", "ensure food safety"],
    ),
    (
        "logistics-and-supply-chains",
        ["0413", "1041"],
        {
            "en": "Sustainable supply chain management",
            "sv": "Hållbara försörjningskedjor",
            "pl": "Zrównoważone łańcuchy dostaw",
            "de": "Nachhaltiges Lieferkettenmanagement",
        },
        "map, measure and improve the footprint of a supply chain",
        ["supply-chain maps", "supplier audits", "transport emission estimates", "due-diligence reports"],
        ["logistics", "supply chain", "sustainability"],
        ["manage supply chain", "analyse logistic changes"],
    ),
    (
        "occupational-safety",
        ["1022"],
        {
            "en": "Occupational health and safety",
            "sv": "Arbetsmiljö och säkerhet",
            "pl": "Bezpieczeństwo i higiena pracy",
            "de": "Arbeitsschutz und Arbeitssicherheit",
        },
        "find, assess and reduce risks in the workplace",
        [
            "workplace risk assessments",
            "safety inspections",
            "accident investigations",
            "safety instructions",
        ],
        ["safety", "risk", "workplace"],
        ["ensure health and safety of staff", "conduct risk assessments"],
    ),
    (
        "gdpr-compliance",
        ["0421", "0612"],
        {
            "en": "Data protection and GDPR",
            "sv": "Dataskydd och GDPR",
            "pl": "Ochrona danych osobowych i RODO",
            "de": "Datenschutz und DSGVO",
        },
        "handle personal data lawfully in a small organisation",
        [
            "records of processing activities",
            "data protection impact assessments",
            "data-subject requests",
            "personal-data breach procedures",
        ],
        ["GDPR", "privacy", "law"],
        ["comply with legal regulations", "ensure data protection"],
    ),
    (
        "leadership-for-new-managers",
        ["0413", "0417"],
        {
            "en": "Leadership for new managers",
            "sv": "Ledarskap för nya chefer",
            "pl": "Przywództwo dla nowych menedżerów",
            "de": "Führung für neue Führungskräfte",
        },
        "take on a first management role and lead a team through change",
        ["feedback conversations", "team goals and follow-up", "conflict handling", "change communication"],
        ["leadership", "management", "teams"],
        ["lead a team", "give constructive feedback"],
    ),
    (
        "horticulture-urban-gardening",
        ["0812"],
        {
            "en": "Urban gardening",
            "sv": "Urban odling",
            "pl": "Ogrodnictwo miejskie",
            "de": "Urbanes Gärtnern",
        },
        "grow vegetables and plants in small urban spaces all year round",
        ["planting plans", "soil and compost management", "water-saving irrigation", "organic pest control"],
        ["gardening", "horticulture", "food"],
        ["cultivate plants", "manage soil fertility"],
    ),
    (
        "video-production",
        ["0211"],
        {
            "en": "Video production for the web",
            "sv": "Videoproduktion för webben",
            "pl": "Produkcja wideo do internetu",
            "de": "Videoproduktion für das Web",
        },
        "plan, shoot and edit short videos for websites and social media",
        ["storyboards", "lighting and sound set-ups", "editing workflows", "subtitles and accessibility"],
        ["video", "media", "editing"],
        ["edit digital moving images", "operate camera"],
    ),
    (
        "machine-learning-intro",
        ["0613", "0542"],
        {
            "en": "Introduction to machine learning",
            "sv": "Introduktion till maskininlärning",
            "pl": "Wprowadzenie do uczenia maszynowego",
            "de": "Einführung in maschinelles Lernen",
        },
        "train, evaluate and explain simple predictive models",
        [
            "supervised learning models",
            "train and test splits",
            "model evaluation metrics",
            "bias in training data",
        ],
        ["machine learning", "AI", "Python", "data"],
        ["use machine learning", "evaluate model performance"],
    ),
    (
        "tourism-hospitality",
        ["1015", "1013"],
        {
            "en": "Sustainable tourism",
            "sv": "Hållbar turism",
            "pl": "Turystyka zrównoważona",
            "de": "Nachhaltiger Tourismus",
        },
        "develop visitor experiences that respect local communities and nature",
        [
            "visitor experience concepts",
            "sustainability certifications",
            "local partnerships",
            "visitor-flow management",
        ],
        ["tourism", "hospitality", "sustainability"],
        ["develop tourism products", "manage visitor flows"],
    ),
]

QUALIFIERS = [
    ("", "", ""),
    ("basics", " – the basics", "basics"),
    ("advanced", ": advanced methods", "advanced"),
    ("public-sector", " for the public sector", "public sector"),
    ("in-practice", " in practice", "practice"),
    ("smes", " for small and medium-sized enterprises", "SME"),
    ("level-2", ", level 2", "level 2"),
    ("online", " online", "online learning"),
    ("for-managers", " for managers", "management"),
    ("refresher", " refresher", "refresher"),
]

# Qualifiers in the other languages (titles must differ within a provider).
QUALIFIERS_LOCAL = {
    "": {"sv": "", "pl": "", "de": ""},
    "basics": {"sv": " – grunderna", "pl": " – podstawy", "de": " – Grundlagen"},
    "advanced": {"sv": ": fördjupning", "pl": ": poziom zaawansowany", "de": ": Vertiefung"},
    "public-sector": {
        "sv": " för offentlig sektor",
        "pl": " w sektorze publicznym",
        "de": " im öffentlichen Dienst",
    },
    "in-practice": {"sv": " i praktiken", "pl": " w praktyce", "de": " in der Praxis"},
    "smes": {"sv": " för små och medelstora företag", "pl": " dla MŚP", "de": " für KMU"},
    "level-2": {"sv": ", nivå 2", "pl": ", poziom 2", "de": ", Stufe 2"},
    "online": {"sv": " på distans", "pl": " online", "de": " online"},
    "for-managers": {"sv": " för chefer", "pl": " dla kadry kierowniczej", "de": " für Führungskräfte"},
    "refresher": {"sv": " – repetitionskurs", "pl": " – kurs przypominający", "de": " – Auffrischung"},
}

# Texts in the providers' own languages, so that every language map holds
# the file's default language (the validator warns otherwise).
LOCAL = {
    "sv": {
        "area": "inom området {t}",
        "desc": (
            "Kursen vänder sig till yrkesverksamma som vill utveckla sin kompetens {area}. "
            "Undervisningen varvar korta föreläsningar med praktiska övningar och ett eget "
            "projekt.\n\nLäs mer på [kurssidan]({url}).\n"
        ),
        "outcomes": [
            "Redogöra för centrala begrepp {area}.",
            "Tillämpa metoder {area} i det egna arbetet.",
            "Analysera ett verkligt fall och föreslå förbättringar.",
            "Planera och dokumentera ett eget arbete med stöd av kursens verktyg.",
            "Värdera olika lösningar utifrån kvalitet, kostnad och hållbarhet.",
            "Presentera sitt arbete för kollegor och kunder på ett begripligt sätt.",
        ],
        "prereq": "Grundläggande datorvana och viss arbetslivserfarenhet inom området.",
        "assess": "Examinationen bedöms mot kursens lärandemål.",
        "qual": "Certifikat i kompetensutveckling",
        "board": "Kvalitetsrådet vid {name}",
        "pdesc": (
            "{name} erbjuder kurser på deltid för vuxna i {city} och på distans.\n\n"
            "Läs mer om [vår vidareutbildning]({url}).\n"
        ),
    },
    "pl": {
        "area": "z zakresu „{t}”",
        "desc": (
            "Kurs jest przeznaczony dla osób pracujących, które chcą rozwijać kompetencje {area}. "
            "Zajęcia łączą krótkie wykłady z ćwiczeniami praktycznymi i własnym projektem."
            "\n\nWięcej informacji na [stronie kursu]({url}).\n"
        ),
        "outcomes": [
            "Wyjaśnia kluczowe pojęcia {area}.",
            "Stosuje metody {area} we własnej pracy.",
            "Analizuje rzeczywisty przypadek i proponuje usprawnienia.",
            "Planuje i dokumentuje własną pracę z użyciem narzędzi z kursu.",
            "Ocenia różne rozwiązania pod kątem jakości, kosztów i zrównoważonego rozwoju.",
            "Przedstawia swoją pracę współpracownikom i klientom w zrozumiały sposób.",
        ],
        "prereq": "Podstawowa obsługa komputera i pewne doświadczenie zawodowe w danej dziedzinie.",
        "assess": "Egzamin jest oceniany według efektów uczenia się kursu.",
        "qual": "Certyfikat rozwoju zawodowego",
        "board": "Rada ds. jakości – {name}",
        "pdesc": (
            "{name} prowadzi kursy dla dorosłych w trybie niestacjonarnym w mieście {city} i online.\n\n"
            "Więcej o [naszej ofercie]({url}).\n"
        ),
    },
    "de": {
        "area": "im Bereich „{t}“",
        "desc": (
            "Der Kurs richtet sich an Berufstätige, die ihre Kompetenzen {area} ausbauen wollen. "
            "Kurze Vorträge wechseln sich mit praktischen Übungen und einem eigenen Projekt ab."
            "\n\nMehr dazu auf der [Kursseite]({url}).\n"
        ),
        "outcomes": [
            "Zentrale Begriffe {area} erklären.",
            "Methoden {area} in der eigenen Arbeit anwenden.",
            "Einen realen Fall analysieren und Verbesserungen vorschlagen.",
            "Die eigene Arbeit mit den Werkzeugen des Kurses planen und dokumentieren.",
            "Lösungen nach Qualität, Kosten und Nachhaltigkeit bewerten.",
            "Die eigene Arbeit Kolleginnen, Kollegen und Kunden verständlich präsentieren.",
        ],
        "prereq": "Grundlegende Computerkenntnisse und etwas Berufserfahrung im Fachgebiet.",
        "assess": "Die Prüfung wird an den Lernergebnissen des Kurses gemessen.",
        "qual": "Zertifikat Berufliche Weiterbildung",
        "board": "Qualitätsbeirat der {name}",
        "pdesc": (
            "{name} bietet berufsbegleitende Kurse für Erwachsene in {city} und online an.\n\n"
            "Mehr über [unsere Weiterbildung]({url}).\n"
        ),
    },
}

AUDIENCES = [
    "people working in public administration",
    "staff of small and medium-sized companies",
    "team leaders and supervisors",
    "career changers",
    "technicians and skilled workers",
    "teachers and trainers",
    "health and social care staff",
    "self-employed professionals",
    "job seekers registered with the public employment service",
    "NGO staff and volunteers",
]

VERBS = [
    "Apply",
    "Explain",
    "Design",
    "Evaluate",
    "Use",
    "Plan",
    "Document",
    "Compare",
    "Build",
    "Assess",
    "Carry out",
    "Interpret",
    "Select",
    "Present",
    "Improve",
]
CONTEXTS = [
    "in a realistic workplace setting",
    "for a small organisation",
    "under time pressure",
    "with colleagues from other disciplines",
    "following current European standards",
    "using open-source tools",
    "for a real client case",
    "in line with national regulations",
    "and justify the choices made",
    "for a non-specialist audience",
]

SUMMARY_TEMPLATES = {
    "en": "A {kind} for {aud}: learn to {phrase}.",
    "sv": "En kurs för yrkesverksamma som vill fördjupa sina kunskaper och använda dem i arbetet.",
    "pl": "Kurs dla osób pracujących, które chcą pogłębić wiedzę i wykorzystać ją w pracy.",
    "de": "Ein berufsbegleitender Kurs für alle, die ihr Wissen vertiefen und im Beruf anwenden wollen.",
}

COUNTRIES = {
    # country: (default language, currency, [(city, NUTS 2024 region, street)], phone prefix)
    "SE": (
        "sv",
        "SEK",
        [
            ("Stockholm", "SE110", "Drottninggatan"),
            ("Gothenburg", "SE232", "Vasagatan"),
            ("Malmö", "SE224", "Södra Förstadsgatan"),
            ("Umeå", "SE331", "Storgatan"),
        ],
        "+46",
    ),
    "PL": (
        "pl",
        "PLN",
        [
            ("Warszawa", "PL911", "ul. Marszałkowska"),
            ("Kraków", "PL213", "ul. Długa"),
            ("Wrocław", "PL514", "ul. Świdnicka"),
            ("Gdańsk", "PL634", "ul. Grunwaldzka"),
        ],
        "+48",
    ),
    "DE": (
        "de",
        "EUR",
        [
            ("Berlin", "DE300", "Friedrichstraße"),
            ("Hamburg", "DE600", "Mönckebergstraße"),
            ("Leipzig", "DED51", "Karl-Liebknecht-Straße"),
            ("Mannheim", "DE126", "Augustaanlage"),
        ],
        "+49",
    ),
    "AT": ("de", "EUR", [("Wien", "AT130", "Mariahilfer Straße"), ("Graz", "AT221", "Herrengasse")], "+43"),
    "IE": (
        "en",
        "EUR",
        [("Dublin", "IE061", "Pearse Street"), ("Cork", "IE053", "Washington Street")],
        "+353",
    ),
    "FI": (
        "en",
        "EUR",
        [("Helsinki", "FI1B1", "Mannerheimintie"), ("Tampere", "FI19B", "Hämeenkatu")],
        "+358",
    ),
    "NL": ("en", "EUR", [("Amsterdam", "NL32B", "Damrak"), ("Rotterdam", "NL366", "Coolsingel")], "+31"),
}
COUNTRY_ORDER = ["SE", "SE", "PL", "PL", "DE", "DE", "AT", "IE", "FI", "NL"]
SECOND_LANGS = {"sv": "en", "pl": "en", "de": "en", "en": None}

PLACE_NAMES = [
    "nordhavn",
    "vesterby",
    "ostrava",
    "lindholm",
    "brzozowo",
    "rheinau",
    "kallio",
    "delta",
    "kastanje",
    "birkeland",
    "mostowo",
    "sonnenfeld",
    "lakeside",
    "hillcrest",
    "granite",
    "solberga",
    "wierzbno",
    "eichenau",
    "skogsby",
    "riverbend",
    "vistula",
    "alderney",
    "fjordvik",
    "lindenau",
    "zielony",
    "marsh",
    "elmstead",
    "heathfield",
    "strand",
    "dunmore",
]
PROVIDER_TYPES = [
    ("university", "university", "University"),
    ("university-of-applied-sciences", "uas", "University of Applied Sciences"),
    ("vocational-school", "vocational-college", "Vocational College"),
    ("adult-education-centre", "adult-learning", "Adult Learning Centre"),
    ("private-training-provider", "academy", "Training Academy"),
    ("employer", "works", "Works Academy"),
    ("professional-body", "institute", "Professional Institute"),
    ("public-employment-service", "employment-service", "Employment Service Training"),
    ("ngo", "network", "Learning Network"),
]
DOMAIN_SUFFIX = {
    "university": "uni",
    "university-of-applied-sciences": "uas",
    "vocational-school": "vc",
    "adult-education-centre": "learn",
    "private-training-provider": "academy",
    "employer": "works",
    "professional-body": "inst",
    "public-employment-service": "jobs",
    "ngo": "net",
}
QA_BODIES = {
    "SE": ("Swedish Higher Education Authority (UKÄ)", "https://www.uka.example/"),
    "PL": ("Polish Accreditation Committee", "https://www.pka.example/"),
    "DE": ("Akkreditierungsrat", "https://www.akkreditierungsrat.example/"),
    "AT": ("AQ Austria", "https://www.aq.example/"),
    "IE": ("Quality and Qualifications Ireland", "https://www.qqi.example/"),
    "FI": ("Finnish Education Evaluation Centre", "https://www.karvi.example/"),
    "NL": ("NVAO", "https://www.nvao.example/"),
}
LABELS = [
    ("quality-label", "ISO 9001 certification body", "https://www.iso-cert.example/"),
    ("quality-label", "EduQua quality mark", "https://www.eduqua.example/"),
    (
        "programme-licence",
        "National Agency for Adult Education",
        "https://www.adult-education-agency.example/",
    ),
]
ASSESSMENT_METHODS = [
    "written-exam",
    "oral-exam",
    "online-test",
    "assignment",
    "project",
    "portfolio",
    "practical-demonstration",
    "presentation",
    "peer-assessment",
    "workplace-assessment",
]
IDV = ["unsupervised", "supervised", "supervised-online-with-id", "supervised-onsite-with-id"]
CRED_TYPES = ["micro-credential", "micro-credential", "certificate", "badge", "statement-of-attainment"]
FORMATS = ["europass-edc", "open-badges-3", "pdf", "paper"]
SCHEDULES = ["daytime", "evening", "weekend", "full-time"]
FUNDING_SCHEMES = {
    "SE": ["Omställningsstudiestöd", "Arbetsförmedlingen labour-market training"],
    "PL": ["Krajowy Fundusz Szkoleniowy", "Baza Usług Rozwojowych"],
    "DE": ["Bildungsgutschein (SGB III)", "Aufstiegs-BAföG"],
    "AT": ["AMS Weiterbildungsförderung"],
    "IE": ["Springboard+", "Skillnet Ireland"],
    "FI": ["Adult education allowance (Työllisyysrahasto)"],
    "NL": ["STAP-budget successor scheme", "SLIM subsidy"],
}

# --------------------------------------------------------------------------
# A small YAML writer
# --------------------------------------------------------------------------


class Date(str):
    """A YYYY-MM-DD date, written unquoted as the spec's examples do."""


class Flow(dict):
    """A mapping written in flow style: {amount: 450, currency: EUR}."""


class Dup:
    """Marker value: write `key` twice (first with `first`, then `second`)."""

    def __init__(self, first, second):
        self.first, self.second = first, second


_YAML11_SPECIAL = re.compile(r"^(?:y|n|yes|no|true|false|on|off|null|~)$", re.IGNORECASE)
_PLAIN_BAD = re.compile(r"[\n\t\"\\`]|: |\s#|:$|^[-?:,\[\]{}#&*!|>'%@`]")
_FLOW_BAD = re.compile(r"[,\[\]{}]")
_SESSION_ID = re.compile(r"^[0-9]{4}-[a-z]+(?:-[a-z0-9]+)*$")


def _q_str(s: str) -> str:
    if (
        s
        and s == s.strip()
        and (s[0].isalpha() or _SESSION_ID.match(s))
        and not _PLAIN_BAD.search(s)
        and not _YAML11_SPECIAL.match(s)
    ):
        return s
    return json.dumps(s, ensure_ascii=False)


_Q_CACHE: dict[str, str] = {}


def q(s) -> str:
    """Scalar as YAML text (plain when that reads back as the same string)."""
    t = type(s)
    if t is str:
        r = _Q_CACHE.get(s)
        if r is None:
            r = _q_str(s)
            if len(_Q_CACHE) < 100_000:
                _Q_CACHE[s] = r
        return r
    if t is Date:
        return str.__str__(s)
    if t is bool:
        return "true" if s else "false"
    if t is int or t is float:
        return repr(s)
    return _q_str(s)


def q_flow(s) -> str:
    t = q(s)
    if t[0] != '"' and _FLOW_BAD.search(t):
        return json.dumps(s, ensure_ascii=False)
    return t


_WRAP_CACHE: dict[str, list[str]] = {}


def _wrap(text: str, width: int = 78) -> list[str]:
    """Greedy word wrap on single spaces (the texts have no double spaces)."""
    hit = _WRAP_CACHE.get(text)
    if hit is not None:
        return hit
    lines, cur = [], ""
    for word in text.split(" "):
        if cur and len(cur) + 1 + len(word) > width:
            lines.append(cur)
            cur = word
        else:
            cur = f"{cur} {word}" if cur else word
    if cur:
        lines.append(cur)
    if len(_WRAP_CACHE) < 100_000:
        _WRAP_CACHE[text] = lines
    return lines


def _scalar_lines(prefix: str, value, ind: str, out: list) -> None:
    """prefix is 'key:' or '-' (already indented)."""
    if type(value) is str:
        if "\n" in value:
            out.append(prefix + (" |" if value.endswith("\n") else " |-"))
            for line in value.rstrip("\n").split("\n"):
                out.append(ind + line if line else "")
            return
        if (
            len(value) > 90
            and " " in value
            and value == value.strip()
            and "  " not in value
            and "\t" not in value
        ):
            out.append(prefix + " >-")
            out.extend([ind + line for line in _wrap(value)])
            return
    out.append(f"{prefix} {q(value)}")


def _flow_map(value: dict) -> str:
    return "{" + ", ".join([f"{k}: {q_flow(v)}" for k, v in value.items()]) + "}"


def _flow_list(value: list) -> str | None:
    """[a, b] when every item is a short one-line scalar, else None."""
    total = 0
    for v in value:
        t = type(v)
        if t is str:
            if "\n" in v:
                return None
            total += len(v) + 2
        elif t is int or t is float:
            total += 8
        else:
            return None
    if total >= 80:
        return None
    return "[" + ", ".join([q_flow(v) for v in value]) + "]"


def emit(obj: dict, ind: str = "", out: list | None = None, first: str | None = None) -> list:
    """Append the block mapping obj to out.  first replaces the indentation
    of the first line (for list items: '- ')."""
    out = [] if out is None else out
    for key, value in obj.items():
        if first is not None:
            head, first = f"{first}{key}:", None
        else:
            head = f"{ind}{key}:"
        t = type(value)
        if t is Dup:
            emit({key: value.first}, ind, out, head[: -len(key) - 1])
            emit({key: value.second}, ind, out)
        elif t is Flow:
            out.append(f"{head} {_flow_map(value)}")
        elif t is dict:
            out.append(head)
            emit(value, ind + "  ", out)
        elif t is list:
            flow = _flow_list(value)
            if flow is not None:
                out.append(f"{head} {flow}")
            else:
                out.append(head)
                _emit_list(value, ind + "  ", out)
        else:
            _scalar_lines(head, value, ind + "  ", out)
    return out


def _emit_list(items: list, ind: str, out: list) -> None:
    for item in items:
        t = type(item)
        if t is dict:
            emit(item, ind + "  ", out, ind + "- ")
        elif t is Flow:
            out.append(f"{ind}- {_flow_map(item)}")
        else:
            _scalar_lines(ind + "-", item, ind + "  ", out)


# --------------------------------------------------------------------------
# Catalogue model
# --------------------------------------------------------------------------


def _md(text: str) -> str:
    """Wrap the plain paragraph lines of a Markdown text at 78 characters."""
    out = []
    for line in text.split("\n"):
        if len(line) > 78 and not line.startswith("- "):
            out.extend(_wrap(line))
        else:
            out.append(line)
    return "\n".join(out)


def _money(x: float):
    x = round(x, 2)
    return int(x) if float(x).is_integer() else x


def _date(d: dt.date) -> Date:
    return Date(d.isoformat())


def _make_providers(rng: random.Random, n: int) -> list[dict]:
    providers, used = [], set()
    for i in range(n):
        place = PLACE_NAMES[i % len(PLACE_NAMES)]
        ptype, suffix, en_suffix = PROVIDER_TYPES[rng.randrange(len(PROVIDER_TYPES))]
        pid = f"{place}-{suffix}"
        k = 2
        while pid in used:
            pid = f"{place}-{suffix}-{k}"
            k += 1
        used.add(pid)
        country = COUNTRY_ORDER[rng.randrange(len(COUNTRY_ORDER))]
        lang, currency, cities, phone = COUNTRIES[country]
        city, region, street = cities[rng.randrange(len(cities))]
        providers.append(
            {
                "id": pid,
                "type": ptype,
                "country": country,
                "lang": lang,
                "currency": currency,
                "city": city,
                "region": region,
                "street": street,
                "phone": phone,
                "name_en": f"{place.capitalize()} {en_suffix}" + (f" {k - 1}" if k > 2 else ""),
                # short host names, as real ones are: nordhavn-uni.example
                "domain": f"{place}-{DOMAIN_SUFFIX[ptype]}{k - 1 if k > 2 else ''}.example",
                # institutional QA on about two providers in three
                "has_qa": rng.random() < 0.65,
                "external_qa": False,
            }
        )
    return providers


def _provider_doc(rng: random.Random, p: dict) -> dict:
    lang = p["lang"] if rng.random() < 0.5 else "en"
    p["default_language"] = lang
    desc_en = _md(
        f"{p['name_en']} offers part-time courses for adults in {p['city']} and online.\n"
        "Most courses can be combined into larger certificates.\n\n"
        f"Read more about [our continuing education](https://www.{p['domain']}/courses).\n"
    )
    doc: dict = {}
    if lang == "en":
        doc["name"] = p["name_en"]
    else:
        place = p["id"].split("-")[0].capitalize()
        local = {
            "sv": f"{place}s utbildningscentrum",
            "pl": f"Centrum Kształcenia {place}",
            "de": f"Bildungszentrum {place}",
        }[lang]
        doc["name"] = {lang: local, "en": p["name_en"]}
    doc["legal_name"] = p["name_en"] + (
        " Ltd" if p["type"] in ("private-training-provider", "employer") else ""
    )
    doc["type"] = p["type"]
    doc["country"] = p["country"]
    if rng.random() < 0.8:
        doc["region"] = p["region"]
    doc["url"] = f"https://www.{p['domain']}/"
    doc["default_language"] = lang
    if lang == "en":
        doc["description"] = desc_en
    else:
        local_desc = _md(
            LOCAL[lang]["pdesc"].format(
                name=doc["name"][lang], city=p["city"], url=f"https://www.{p['domain']}/courses"
            )
        )
        doc["description"] = {lang: local_desc, "en": desc_en}
    if p["has_qa"]:
        if p["type"].startswith("university"):
            body, url = QA_BODIES[p["country"]]
            entry = {
                "type": "institutional-accreditation",
                "body": body,
                "url": url,
                "valid_until": _date(dt.date(2030 + rng.randrange(6), 12, 31)),
            }
        else:
            t, body, url = LABELS[rng.randrange(len(LABELS))]
            entry = {
                "type": t,
                "body": body,
                "url": url,
                "valid_until": _date(dt.date(2030 + rng.randrange(4), 6, 30)),
            }
        doc["quality_assurance"] = [entry]
        p["external_qa"] = True
        if rng.random() < 0.3:
            doc["quality_assurance"].append({"type": "internal-review"})
    ids = {}
    if p["type"].startswith("university"):
        ids["erasmus"] = f"{p['country'][0]} {p['id'][:7].upper().replace('-', '')}01"
    ids["pic"] = str(900000000 + rng.randrange(99999999))
    if rng.random() < 0.5:
        ids["vat"] = f"{p['country']}{rng.randrange(10**8, 10**9)}"
    doc["identifiers"] = ids
    doc["contact"] = {
        "email": f"courses@{p['domain']}",
        "url": f"https://www.{p['domain']}/contact",
        "phone": f"{p['phone']} {rng.randrange(10, 99)} {rng.randrange(100, 999)} {rng.randrange(1000, 9999)}",
    }
    doc["maintainers"] = [f"@{p['id'][:30]}-team"] + (["@catalogue-editors"] if rng.random() < 0.3 else [])
    return doc


def _course(
    rng: random.Random, p: dict, slug: str, topic, qual, earlier_valid: list[str], all_provider_ids: list[str]
) -> dict:
    tslug, fields, titles, phrase, objects, kws, skills = topic
    qslug, qen, qkw = qual
    lang = p["lang"]
    # Languages of instruction: English first (plain English texts), or the
    # provider's language first (texts as language maps).
    local_first = lang != "en" and rng.random() < 0.25
    if local_first:
        languages = [lang, "en"] if rng.random() < 0.6 else [lang]
    elif lang != "en" and rng.random() < 0.4:
        languages = ["en", lang]
    else:
        languages = ["en"]
    title_en = titles["en"] + qen
    aud = AUDIENCES[rng.randrange(len(AUDIENCES))]
    kind = ("short course", "part-time course", "hands-on course", "online course")[rng.randrange(4)]
    summary_en = SUMMARY_TEMPLATES["en"].format(kind=kind, aud=aud, phrase=phrase)
    n_out = rng.randint(3, 6)
    outcomes_en = []
    for i in range(n_out):
        verb = VERBS[rng.randrange(len(VERBS))]
        obj = objects[(i + rng.randrange(4)) % len(objects)]
        ctx = CONTEXTS[rng.randrange(len(CONTEXTS))]
        outcomes_en.append(f"{verb} {obj} {ctx}.")
    weeks = rng.choice((4, 6, 8, 10, 12))
    desc_en = (
        f"This {kind} is meant for {aud}. It covers {objects[0]}, {objects[1]} and "
        f"{objects[2]}, with exercises based on real cases.\n\n"
        f"Over about {weeks} weeks you will:\n\n"
        f"- work on *{objects[3]}* with a small group;\n"
        f"- get feedback from teachers who work in the field;\n"
        f"- finish with a piece of work you can use in your own job.\n\n"
        f"Course material is shared on the learning platform; see the "
        f"[course page](https://www.{p['domain']}/courses/{slug}) for the reading list "
        f"and the `{tslug}` study guide.\n"
    )
    desc_en = _md(desc_en)
    title_local = titles[lang] + QUALIFIERS_LOCAL[qslug][lang] if lang != "en" else None
    if local_first:
        loc = LOCAL[lang]
        t = titles[lang]
        area = loc["area"].format(t=t if lang == "de" else t[0].lower() + t[1:])
        title = {lang: title_local, "en": title_en}
        summary = {lang: SUMMARY_TEMPLATES[lang], "en": summary_en}
        # the long description in the local language only (keeps files near 3 KB)
        description = {
            lang: _md(loc["desc"].format(area=area, url=f"https://www.{p['domain']}/courses/{slug}"))
        }
        local_out = [o.format(area=area) for o in loc["outcomes"]]
        outcomes = [{lang: local_out[i], "en": o} for i, o in enumerate(outcomes_en)]
    else:
        loc = None
        title = {"en": title_en, lang: title_local} if lang != "en" and rng.random() < 0.5 else title_en
        summary = summary_en
        description = desc_en
        outcomes = outcomes_en

    def T(text: str, key: str | None = None, **fmt):
        """A text in English, or a {local, en} map when the course's first
        language is the provider's own (LOCAL[lang][key] is the local text)."""
        if not local_first:
            return text
        return {lang: loc[key].format(**fmt), "en": text}

    c: dict = {}
    if rng.random() < 0.3:
        c["schema_version"] = 1
    c["title"] = title
    c["summary"] = summary
    c["description"] = description
    c["url"] = f"https://www.{p['domain']}/courses/{slug}"
    c["languages"] = languages
    nf = 1 if len(fields) == 1 or rng.random() < 0.5 else 2
    c["field"] = list(fields[:nf])
    c["learning_outcomes"] = outcomes

    # Workload: 20-35 hours per ECTS credit when both are given.
    ects = rng.choice((1, 1.5, 2, 2.5, 3, 4, 5, 6, 7.5, 10, 15))
    hours = round(ects * rng.uniform(25, 30))
    r = rng.random()
    if r < 0.6:
        c["workload"] = {"ects": ects, "hours": hours}
    elif r < 0.8:
        c["workload"] = {"ects": ects}
    else:
        c["workload"] = {"hours": hours}

    level: dict = {}
    eqf = rng.randint(4, 7)
    level["eqf"] = eqf
    if p["type"].startswith("university") and eqf >= 5:
        level["qf_ehea"] = {5: "short-cycle", 6: "first-cycle", 7: "second-cycle"}[eqf]
    if rng.random() < 0.2:
        fw = {"SE": "SeQF", "PL": "PRK", "DE": "DQR", "AT": "NQR", "IE": "NFQ", "FI": "FiNQF", "NL": "NLQF"}[
            p["country"]
        ]
        level["nqf"] = {"framework": fw, "level": str(eqf)}
    if rng.random() < 0.9:
        c["level"] = level

    methods = rng.sample(ASSESSMENT_METHODS, rng.randint(1, 3))
    a: dict = {"methods": methods}
    if rng.random() < 0.5:
        m = methods[0].replace("-", " ")
        a["description"] = T(
            f"Assessment is based on {'an' if m[0] in 'aeiou' else 'a'} {m} "
            "marked against the learning outcomes.",
            "assess",
        )
    a["identity_verification"] = IDV[rng.randrange(len(IDV))]
    a["grading"] = "graded" if rng.random() < 0.5 else "pass-fail"
    c["assessment"] = a

    participation = rng.choice(("online", "online", "onsite", "blended"))
    c["participation"] = participation
    cred: dict = {"type": CRED_TYPES[rng.randrange(len(CRED_TYPES))]}
    r = rng.random()
    if r < 0.1:
        cred["awarding_bodies"] = [p["id"]]
    elif r < 0.15:
        other = all_provider_ids[rng.randrange(len(all_provider_ids))]
        cred["awarding_bodies"] = [p["id"], other] if other != p["id"] else [p["id"]]
    elif r < 0.2:
        cred["awarding_bodies"] = [
            {
                "name": "European Association for Continuing Education",
                "country": "BE",
                "url": "https://www.eace.example/",
            }
        ]
    cred["formats"] = rng.sample(FORMATS, rng.randint(1, 3))
    c["credential"] = cred

    qa = []
    if not p["has_qa"] or rng.random() < 0.4:
        if rng.random() < 0.7:
            t = rng.choice(("programme-accreditation", "quality-label", "programme-licence"))
            body, url = (
                QA_BODIES[p["country"]] if t == "programme-accreditation" else LABELS[rng.randrange(2)][1:]
            )
            qa.append(
                {
                    "type": t,
                    "body": body,
                    "url": url,
                    "valid_until": _date(dt.date(2030 + rng.randrange(5), rng.randint(1, 12), 28)),
                }
            )
        else:
            qa.append(
                {
                    "type": "internal-review",
                    "body": T(f"{p['name_en']} quality board", "board", name=p["name_en"]),
                }
            )
    if qa:
        c["quality_assurance"] = qa
    external = p["external_qa"] or any(e["type"] != "internal-review" for e in qa)

    if rng.random() < 0.4:
        c["prerequisites"] = T("Basic computer skills and some work experience in the field.", "prereq")
    st: dict = {"standalone": rng.random() < 0.85}
    into = []
    if earlier_valid and rng.random() < 0.15:
        into.append({"course": f"{p['id']}/{earlier_valid[rng.randrange(len(earlier_valid))]}"})
    if rng.random() < 0.1:
        into.append(
            {
                "qualification": T("Certificate in Continuing Professional Development", "qual"),
                "url": f"https://www.{p['domain']}/certificates/cpd",
            }
        )
    if into:
        st["stacks_into"] = into
    if rng.random() < 0.7:
        c["stackability"] = st

    sk = []
    for label in skills:
        if rng.random() < 0.7:
            sk.append({"esco": ESCO + str(uuid.UUID(int=rng.getrandbits(128), version=4)), "label": label})
    if not local_first and rng.random() < 0.4:
        # a free-text skill (kept to plain strings: a one-key language map
        # would look like a malformed {esco, label} entry)
        sk.append(objects[rng.randrange(len(objects))])
    if sk:
        c["skills"] = sk
    keywords = list(kws)
    if qkw and qkw.lower() not in {k.lower() for k in keywords}:
        keywords.append(qkw)
    c["keywords"] = keywords

    currency = p["currency"] if rng.random() < 0.9 else "EUR"
    amount = rng.choice((0, 0, 49.5, 95, 120, 250, 450, 690, 990, 1290.99, 1500, 2400))
    if currency == "SEK":
        amount = _money(amount * 10)
    elif currency == "PLN":
        amount = _money(amount * 4.3)
    price = Flow(amount=amount, currency=currency)

    # 0-3 sessions.  A course without sessions has a course price (section 6);
    # section 7's "no session in the future" warning is read, as the
    # validator does, as applying to courses that list sessions.
    n_sessions = rng.choice((0, 1, 1, 2, 2, 3))
    sessions = []
    used_ids = set()
    for s in range(n_sessions):
        if rng.random() < 0.12:
            sid = "anytime" if "anytime" not in used_ids else f"anytime-{s}"
            sess = {"id": sid, "schedule": "self-paced"}
            if participation != "online":
                sess["participation"] = "online"
        else:
            start = dt.date(2027, 2, 1) + dt.timedelta(days=rng.randrange(280))
            end = start + dt.timedelta(days=7 * rng.choice((1, 2, 4, 6, 8, 10)) - 3)
            season = (
                "spring",
                "spring",
                "spring",
                "spring",
                "summer",
                "summer",
                "autumn",
                "autumn",
                "autumn",
                "autumn",
                "winter",
                "winter",
            )[start.month - 1]
            sid = f"2027-{season}"
            if sid in used_ids:
                sid = f"2027-{start.strftime('%b').lower()}-{s + 1}"
            sess = {"id": sid, "start": _date(start), "end": _date(end)}
            if rng.random() < 0.8:
                sess["enrol_by"] = _date(start - dt.timedelta(days=rng.randrange(0, 29)))
            spart = participation
            if rng.random() < 0.15:
                spart = rng.choice(("online", "onsite", "blended"))
                sess["participation"] = spart
            if spart in ("onsite", "blended"):
                country, (city, region, street), named = _place(p, slug, sid)
                loc = Flow(city=city, country=country)
                if rng.random() < 0.6:
                    loc["address"] = f"{street} {rng.randint(1, 120)}"
                if rng.random() < 0.3:
                    loc["postcode"] = str(rng.randint(10000, 99999))
                if named:
                    loc["region"] = region
                sess["location"] = loc
            sess["schedule"] = SCHEDULES[rng.randrange(len(SCHEDULES))]
            if rng.random() < 0.7:
                sess["seats"] = rng.randint(6, 60)
        used_ids.add(sess["id"])
        if len(languages) > 1 and rng.random() < 0.1:
            sess["languages"] = languages[:1]
        if rng.random() < 0.15:
            sess["price"] = Flow(amount=_money(amount * 1.2), currency=currency)
        if rng.random() < 0.3:
            sess["url"] = f"https://www.{p['domain']}/apply/{slug}"
        sessions.append(sess)
    if not sessions or any("price" not in s for s in sessions) or rng.random() < 0.5:
        c["price"] = price
    if sessions:
        c["sessions"] = sessions

    funding: dict = {}
    if external and rng.random() < 0.5:
        funding["ila_eligible"] = True
    elif rng.random() < 0.3:
        funding["ila_eligible"] = False
    if rng.random() < 0.3:
        funding["schemes"] = FUNDING_SCHEMES[p["country"]][: rng.randint(1, 2)]
    if funding:
        c["funding"] = funding
    if rng.random() < 0.2:
        c["contact"] = {"email": f"{tslug.split('-')[0]}@{p['domain']}"}
    c["last_reviewed"] = _date(TODAY - dt.timedelta(days=rng.randrange(5, 150)))
    return c


# --------------------------------------------------------------------------
# Breaking a course on purpose
# --------------------------------------------------------------------------


def _place(p: dict, slug: str, sid: str) -> tuple[str, tuple[str, str, str], bool]:
    """Where a session meets: (country, (city, NUTS region, street), whether the file names
    the region). Mostly the provider's city, sometimes another city of its country or one
    abroad, so the place filters have many values. Drawn from a generator of its own,
    seeded by the session, so that the rest of the catalogue stays as it was."""
    rng = random.Random(f"place/{p['id']}/{slug}/{sid}")
    roll = rng.random()
    if roll < 0.7:
        country, city = p["country"], (p["city"], p["region"], p["street"])
    else:
        country = p["country"] if roll < 0.85 else COUNTRY_ORDER[rng.randrange(len(COUNTRY_ORDER))]
        cities = COUNTRIES[country][2]
        city = cities[rng.randrange(len(cities))]
    return country, city, rng.random() < 0.4


def _first_dated_session(c: dict, p: dict, rng: random.Random, force_new: bool = False) -> dict:
    for s in c.get("sessions", []):
        if "start" in s and not force_new:
            return s
    s = {
        "id": "2027-extra",
        "start": _date(dt.date(2027, 4, 12)),
        "end": _date(dt.date(2027, 5, 28)),
        "schedule": "evening",
    }
    if c.get("participation") in ("onsite", "blended"):
        s["location"] = Flow(city=p["city"], country=p["country"])
    c.setdefault("sessions", []).append(s)
    if "price" not in c:
        c["price"] = Flow(amount=100, currency=p["currency"])
    return s


def _rebuild(c: dict, key: str, new_key: str | None = None, new_value=None) -> dict:
    """Copy c keeping key order, renaming (new_key) or replacing key's value."""
    out = {}
    for k, v in c.items():
        if k == key:
            out[new_key or k] = v if new_value is None else new_value
        else:
            out[k] = v
    return out


def _break(c: dict, kind: str, p: dict, rng: random.Random) -> dict:
    if kind == "misspelled-key":
        return _rebuild(c, "learning_outcomes", new_key="learning_outcome")
    if kind == "wrong-type":
        c["workload"] = {"ects": "five", **{k: v for k, v in c["workload"].items() if k != "ects"}}
        return c
    if kind == "impossible-date":
        if rng.random() < 0.7:
            s = _first_dated_session(c, p, rng)
            s["start"] = Date("2027-02-30")
            s["end"] = Date("2027-04-30")
            s.pop("enrol_by", None)
        else:
            c["last_reviewed"] = Date("2026-09-31")
        return c
    if kind == "missing-required":
        key = rng.choice(
            (
                "summary",
                "url",
                "languages",
                "field",
                "assessment",
                "participation",
                "credential",
                "title",
                "workload",
            )
        )
        del c[key]
        return c
    if kind == "bad-isced":
        c["field"] = [c["field"][0], BAD_ISCED[rng.randrange(len(BAD_ISCED))]]
        return c
    if kind == "http-url":
        c["url"] = c["url"].replace("https://", "http://", 1)
        return c
    if kind == "duplicate-key":
        key = rng.choice(("participation", "summary", "url"))
        if key == "participation":
            other = "onsite" if c["participation"] == "online" else "online"
            val = Dup(c["participation"], other)
        else:
            val = Dup(c[key], c[key])
        return _rebuild(c, key, new_value=val)
    if kind == "enrol-after-start":
        s = _first_dated_session(c, p, rng)
        start = dt.date.fromisoformat(s["start"])
        s["enrol_by"] = _date(start + dt.timedelta(days=rng.randint(1, 14)))
        return c
    if kind == "end-before-start":
        s = _first_dated_session(c, p, rng)
        start = dt.date.fromisoformat(s["start"])
        s["end"] = _date(start - dt.timedelta(days=rng.randint(1, 30)))
        return c
    if kind == "unknown-language":
        c["languages"] = [*list(c["languages"]), "dk"]
        return c
    if kind == "onsite-without-location":
        s = _first_dated_session(c, p, rng, force_new=True)
        s["participation"] = "onsite"
        s.pop("location", None)
        return c
    if kind == "bad-currency":
        bad = "SKR" if rng.random() < 0.5 else "EURO"
        if "price" not in c:
            c["price"] = Flow(amount=100, currency=bad)
        else:
            c["price"] = Flow(amount=c["price"]["amount"], currency=bad)
        for s in c.get("sessions", []):
            s.pop("price", None)
        return c
    if kind == "unknown-enum":
        if rng.random() < 0.5:
            c["participation"] = "hybrid"
        else:
            c["credential"]["type"] = "diploma"
        return c
    if kind == "unresolved-reference":
        st = c.setdefault("stackability", {"standalone": False})
        st["stacks_into"] = [{"course": f"{p['id']}/no-such-course"}]
        return c
    raise ValueError(kind)


# --------------------------------------------------------------------------
# Driver
# --------------------------------------------------------------------------


def _fits(topic, qual) -> bool:
    """Leave out pairs like 'Circular economy in practice in practice'."""
    words = set(topic[2]["en"].lower().split())
    return not any(w in words for w in qual[0].split("-") if w not in ("for", "in", "level", "2"))


COMBOS = [(t, ql) for t in TOPICS for ql in QUALIFIERS if _fits(t, ql)]

COURSE_HEADER = "# yaml-language-server: $schema=../../../generator/schemas/course.schema.json\n"
PROVIDER_HEADER = "# yaml-language-server: $schema=../../generator/schemas/provider.schema.json\n"


def _split(total: int, rng: random.Random) -> list[int]:
    """Split total courses into providers of 40-60 courses (fewer only when total < 40)."""
    if total <= 0:
        return []
    n_prov = max(1, round(total / 50))
    while n_prov > 1 and total / n_prov < 40:
        n_prov -= 1
    while total / n_prov > 60:
        n_prov += 1
    sizes = [total // n_prov] * n_prov
    for i in range(total - sum(sizes)):
        sizes[i] += 1
    # jitter while staying in 40..60
    for _ in range(n_prov):
        a, b = rng.randrange(n_prov), rng.randrange(n_prov)
        d = rng.randint(0, 8)
        if a != b and sizes[a] + d <= 60 and sizes[b] - d >= 40:
            sizes[a] += d
            sizes[b] -= d
    return sizes


def generate(out_dir: Path, courses: int, invalid_share: float = 0.05, seed: int = 1) -> dict:
    """Write a synthetic catalogue under out_dir (which must be absent or empty).

    Returns counts: providers, courses, valid_courses, invalid_courses, bytes,
    by_kind (invalid files per kind) and invalid (relative path -> kind).
    """
    out_dir = Path(out_dir)
    if out_dir.exists() and any(out_dir.iterdir()):
        raise FileExistsError(f"{out_dir} is not empty")
    if not 0 <= invalid_share <= 1:
        raise ValueError("invalid_share must be between 0 and 1")
    rng = random.Random(seed)
    sizes = _split(courses, rng)
    providers = _make_providers(rng, len(sizes))
    all_ids = [p["id"] for p in providers]

    n_invalid = round(courses * invalid_share)
    invalid_idx = sorted(rng.sample(range(courses), n_invalid)) if n_invalid else []
    kinds = list(INVALID_KINDS) * (n_invalid // len(INVALID_KINDS) + 1)
    rng.shuffle(kinds)
    invalid_kind = dict(zip(invalid_idx, kinds, strict=False))

    total_bytes = 0
    invalid: dict[str, str] = {}
    by_kind: dict[str, int] = dict.fromkeys(INVALID_KINDS, 0)
    out_dir.mkdir(parents=True, exist_ok=True)
    gidx = 0
    for p, size in zip(providers, sizes, strict=False):
        pdir = out_dir / p["id"]
        cdir = pdir / "courses"
        cdir.mkdir(parents=True)
        text = PROVIDER_HEADER + "\n".join(emit(_provider_doc(rng, p))) + "\n"
        data = text.encode("utf-8")
        (pdir / "provider.yaml").write_bytes(data)
        total_bytes += len(data)
        valid_active: list[str] = []
        # distinct (topic, qualifier) pairs: slugs and titles differ within a provider
        for topic, qual in rng.sample(COMBOS, size):
            slug = topic[0] + (f"-{qual[0]}" if qual[0] else "")
            c = _course(rng, p, slug, topic, qual, valid_active, all_ids)
            kind = invalid_kind.get(gidx)
            if kind:
                c = _break(c, kind, p, rng)
                invalid[f"{p['id']}/courses/{slug}.yaml"] = kind
                by_kind[kind] += 1
            elif valid_active and rng.random() < 0.02:
                # withdrawn, replaced by an earlier valid active course
                c["status"] = "withdrawn"
                c["withdrawn"] = {
                    "date": _date(TODAY - dt.timedelta(days=rng.randrange(10, 200))),
                    "reason": "Replaced by a revised course.",
                    "replaced_by": f"{p['id']}/{valid_active[rng.randrange(len(valid_active))]}",
                }
                c.pop("sessions", None)
                c["price"] = c.get("price") or Flow(amount=0, currency=p["currency"])
            else:
                valid_active.append(slug)
            data = (COURSE_HEADER + "\n".join(emit(c)) + "\n").encode("utf-8")
            (cdir / f"{slug}.yaml").write_bytes(data)
            total_bytes += len(data)
            gidx += 1
    return {
        "providers": len(providers),
        "courses": courses,
        "valid_courses": courses - len(invalid),
        "invalid_courses": len(invalid),
        "bytes": total_bytes,
        "seed": seed,
        "invalid_share": invalid_share,
        "by_kind": by_kind,
        "invalid": invalid,
    }


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out_dir", type=Path)
    ap.add_argument("--courses", type=int, required=True)
    ap.add_argument("--invalid-share", type=float, default=0.05)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--force", action="store_true", help="delete OUT_DIR first if it exists")
    ap.add_argument(
        "--manifest", type=Path, help="write the counts and the list of invalid files (JSON) here"
    )
    a = ap.parse_args(argv)
    if a.courses < 1:
        ap.error("--courses must be at least 1")
    if a.force and a.out_dir.exists():
        shutil.rmtree(a.out_dir)
    try:
        res = generate(a.out_dir, a.courses, a.invalid_share, a.seed)
    except (FileExistsError, ValueError) as e:
        print(f"synth: {e}", file=sys.stderr)
        return 2
    if a.manifest:
        a.manifest.write_text(json.dumps(res, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    summary = {k: v for k, v in res.items() if k != "invalid"}
    print(json.dumps(summary, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main())
