"""Reference data that never changes with a pull request: focus areas, statuses, codes."""

from __future__ import annotations

from enum import StrEnum


class FocusArea(StrEnum):
    """The six focus areas of the ASEAN Smart Cities Framework (2018)."""

    CIVIC_AND_SOCIAL = "civic-and-social"
    HEALTH_AND_WELL_BEING = "health-and-well-being"
    SAFETY_AND_SECURITY = "safety-and-security"
    QUALITY_ENVIRONMENT = "quality-environment"
    BUILT_INFRASTRUCTURE = "built-infrastructure"
    INDUSTRY_AND_INNOVATION = "industry-and-innovation"


FOCUS_AREA_LABELS: dict[FocusArea, str] = {
    FocusArea.CIVIC_AND_SOCIAL: "Civic & Social",
    FocusArea.HEALTH_AND_WELL_BEING: "Health & Well-being",
    FocusArea.SAFETY_AND_SECURITY: "Safety & Security",
    FocusArea.QUALITY_ENVIRONMENT: "Quality Environment",
    FocusArea.BUILT_INFRASTRUCTURE: "Built Infrastructure",
    FocusArea.INDUSTRY_AND_INNOVATION: "Industry & Innovation",
}


class Status(StrEnum):
    """A project's yearly status; `planning-or-ongoing` is a source that left it open."""

    PLANNING = "planning"
    PLANNING_OR_ONGOING = "planning-or-ongoing"
    ONGOING = "ongoing"
    COMPLETED = "completed"
    REMOVED = "removed"


STATUS_LABELS: dict[Status, str] = {
    Status.PLANNING: "Planning",
    Status.PLANNING_OR_ONGOING: "Planning or ongoing (source leaves it open)",
    Status.ONGOING: "Ongoing",
    Status.COMPLETED: "Completed",
    Status.REMOVED: "Removed from the plan",
}


class Measure(StrEnum):
    """What a published figure counts; the two shares are percentages of the project total."""

    PROJECTS = "projects"
    PROJECTS_BY_STATUS = "projects-by-status"
    STATUS_SHARE = "status-share"
    FOCUS_AREA_SHARE = "focus-area-share"
    PARTNERSHIPS = "partnerships"
    MEMBER_CITIES = "member-cities"


class FigureKind(StrEnum):
    """Where a published figure was printed: an official report, or a statement in a speech."""

    REPORT = "report"
    STATEMENT = "statement"


class PartnerKind(StrEnum):
    """Kinds of external partner, as the source tables classify them."""

    GOVERNMENT = "government"
    PRIVATE_SECTOR = "private-sector"
    MULTILATERAL_FINANCIAL_INSTITUTION = "multilateral-financial-institution"
    UN_AGENCY = "un-agency"
    ACADEMIA = "academia"
    NGO = "ngo"
    INDUSTRY_BODY = "industry-body"


PARTNER_KIND_LABELS: dict[PartnerKind, str] = {
    PartnerKind.GOVERNMENT: "Government or government agency",
    PartnerKind.PRIVATE_SECTOR: "Private sector",
    PartnerKind.MULTILATERAL_FINANCIAL_INSTITUTION: "Multilateral financial institution",
    PartnerKind.UN_AGENCY: "UN agency",
    PartnerKind.ACADEMIA: "Academia",
    PartnerKind.NGO: "NGO",
    PartnerKind.INDUSTRY_BODY: "Industry body",
}


class SourceKind(StrEnum):
    """What kind of document a source is."""

    OFFICIAL = "official"
    GOVERNMENT = "government"
    GOVERNMENT_NEWS = "government-news"
    GOVERNMENT_FACTSHEET = "government-factsheet"
    MULTILATERAL = "multilateral"
    NGO = "ngo"
    ORGANISATION_NEWS = "organisation-news"
    COMPANY = "company"
    NEWS = "news"
    GAZETTEER = "gazetteer"


class MeetingMode(StrEnum):
    """How an annual meeting was held."""

    IN_PERSON = "in-person"
    ONLINE = "online"


# The ASEAN member states (Timor-Leste admitted 2025), ISO 3166-1 alpha-2.
MEMBER_STATES: dict[str, str] = {
    "BN": "Brunei Darussalam",
    "KH": "Cambodia",
    "ID": "Indonesia",
    "LA": "Lao PDR",
    "MY": "Malaysia",
    "MM": "Myanmar",
    "PH": "Philippines",
    "SG": "Singapore",
    "TH": "Thailand",
    "TL": "Timor-Leste",
    "VN": "Viet Nam",
}

# ISO 3166-1 alpha-2 and ISO 4217 codes, copied from pycountry 26.2.16 so that
# validation needs no extra runtime dependency. A string keeps them compact.
_ISO_COUNTRY_TEXT = """
AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR
BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ
EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW
GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY
KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV
MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY
QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG
TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM
ZW
"""
_ISO_CURRENCY_TEXT = """
AED AFN ALL AMD AOA ARS AUD AWG AZN BAM BBD BDT BHD BIF BMD BND BOB BOV BRL BSD BTN BWP BYN
BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR
FJD FKP GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY
KES KGS KHR KMF KPW KRW KWD KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU
MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON
RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP STN SVC SYP SZL THB TJS TMT TND TOP
TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XCD XCG XDR XOF XPF
YER ZAR ZMW ZWG
"""
ISO_COUNTRIES = frozenset(_ISO_COUNTRY_TEXT.split())
ISO_CURRENCIES = frozenset(_ISO_CURRENCY_TEXT.split())


class SeekingKind(StrEnum):
    """What a city looks for to carry a project forward."""

    PARTNER = "partner"
    FUNDING = "funding"
    TECHNICAL_ASSISTANCE = "technical-assistance"


SEEKING_LABELS: dict[SeekingKind, str] = {
    SeekingKind.PARTNER: "A partner to carry the project with the city",
    SeekingKind.FUNDING: "Funding: investment, loans or grants",
    SeekingKind.TECHNICAL_ASSISTANCE: "Technical assistance: studies, design, advice",
}


class Stage(StrEnum):
    """Where a project's investment stands, after the OC4IDS project stages.

    OC4IDS names identification, preparation, implementation and completion; preparation
    is split here into the steps project-preparation facilities fund (concept to feasibility,
    then design and procurement), so that "past feasibility" has a meaning.
    """

    IDENTIFICATION = "identification"
    PRE_FEASIBILITY = "pre-feasibility"
    FEASIBILITY = "feasibility"
    DESIGN = "design"
    PROCUREMENT = "procurement"
    IMPLEMENTATION = "implementation"
    COMPLETION = "completion"


STAGE_LABELS: dict[Stage, str] = {
    Stage.IDENTIFICATION: "Identification: concept, needs and rationale",
    Stage.PRE_FEASIBILITY: "Pre-feasibility: options screened",
    Stage.FEASIBILITY: "Feasibility: study under way",
    Stage.DESIGN: "Design: feasibility done, detailed design",
    Stage.PROCUREMENT: "Procurement: tender or investor selection",
    Stage.IMPLEMENTATION: "Implementation: works or roll-out under way",
    Stage.COMPLETION: "Completion: built and handed over",
}
# Stages by which a feasibility study must exist (the check `stage-without-feasibility`).
STAGES_PAST_FEASIBILITY = frozenset(
    {Stage.DESIGN, Stage.PROCUREMENT, Stage.IMPLEMENTATION, Stage.COMPLETION}
)


class Instrument(StrEnum):
    """How money or help reaches a project (the Investment Toolkit's instruments)."""

    BUDGET = "budget"
    GRANT = "grant"
    LOAN = "loan"
    EQUITY = "equity"
    GUARANTEE = "guarantee"
    PPP = "ppp"
    GREEN_BOND = "green-bond"
    LAND_VALUE_CAPTURE = "land-value-capture"
    TECHNICAL_ASSISTANCE = "technical-assistance"


INSTRUMENT_LABELS: dict[Instrument, str] = {
    Instrument.BUDGET: "Public budget",
    Instrument.GRANT: "Grant",
    Instrument.LOAN: "Loan",
    Instrument.EQUITY: "Equity investment",
    Instrument.GUARANTEE: "Guarantee",
    Instrument.PPP: "Public-private partnership (PPP)",
    Instrument.GREEN_BOND: "Green bond",
    Instrument.LAND_VALUE_CAPTURE: "Land value capture",
    Instrument.TECHNICAL_ASSISTANCE: "Technical assistance (grant-funded studies and advice)",
}


class PartyType(StrEnum):
    """Who a funding source is (OC4IDS's financing parties, by type)."""

    CITY = "city"
    NATIONAL_GOVERNMENT = "national-government"
    FOREIGN_GOVERNMENT = "foreign-government"
    MULTILATERAL = "multilateral"
    PRIVATE_SECTOR = "private-sector"
    NGO = "ngo"
    OTHER = "other"


PARTY_TYPE_LABELS: dict[PartyType, str] = {
    PartyType.CITY: "The city's own budget",
    PartyType.NATIONAL_GOVERNMENT: "The national government",
    PartyType.FOREIGN_GOVERNMENT: "A foreign government or its agency",
    PartyType.MULTILATERAL: "A multilateral bank or fund",
    PartyType.PRIVATE_SECTOR: "Private sector",
    PartyType.NGO: "NGO or foundation",
    PartyType.OTHER: "Other",
}


class FundingState(StrEnum):
    """Whether a funding source is signed or still being arranged."""

    COMMITTED = "committed"
    PIPELINE = "pipeline"


class Readiness(StrEnum):
    """How far one dimension of project preparation is met."""

    YES = "yes"
    PARTIAL = "partial"
    NO = "no"


class ReadinessDimension(StrEnum):
    """The G20 principles for project preparation, one checklist item each."""

    RATIONALE = "rationale"
    OPTIONS = "options"
    COMMERCIAL_VIABILITY = "commercial-viability"
    AFFORDABILITY = "affordability"
    DELIVERABILITY = "deliverability"


READINESS_DIMENSION_LABELS: dict[ReadinessDimension, str] = {
    ReadinessDimension.RATIONALE: "Strategic rationale: the need and the case are made",
    ReadinessDimension.OPTIONS: "Options appraisal: alternatives weighed",
    ReadinessDimension.COMMERCIAL_VIABILITY: "Commercial viability: revenues and risks work",
    ReadinessDimension.AFFORDABILITY: "Affordability: the public side can pay its share",
    ReadinessDimension.DELIVERABILITY: "Deliverability: who builds and runs it, and how",
}


def is_external(country: str | None) -> bool:
    """Whether a partner from `country` is one of ASEAN's external partners.

    A member state's own agencies are not; an international body (no country) is.
    """
    return country not in MEMBER_STATES
