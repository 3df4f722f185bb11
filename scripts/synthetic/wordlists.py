"""The words and phrases synthetic policy documents are made of.

Bodies, places, topics and cohorts name things; the opening, role, dependency and timeframe
patterns are the clauses a measure's source sentence is assembled from, so that every quote
the generator records is a substring of that sentence.
"""

NATIONAL_BODIES = (
    ("DfE", "Department for Education"),
    ("SoS", "Secretary of State for Education"),
    ("Ofsted", "Ofsted"),
    ("DHSC", "Department of Health and Social Care"),
    ("MoJ", "Ministry of Justice"),
    ("HO", "Home Office"),
    ("MHCLG", "Ministry of Housing, Communities and Local Government"),
    ("NHSE", "NHS England"),
    ("CQC", "Care Quality Commission"),
    ("OCC", "Office of the Children's Commissioner"),
    ("YJB", "Youth Justice Board"),
    ("Cafcass", "Children and Family Court Advisory and Support Service"),
    ("SWE", "Social Work England"),
    ("ESFA", "Education and Skills Funding Agency"),
    ("HMT", "HM Treasury"),
    ("CSPRP", "Child Safeguarding Practice Review Panel"),
    ("DWP", "Department for Work and Pensions"),
    ("ONS", "Office for National Statistics"),
)
LOCAL_KINDS = (
    ("LA", "local authority", "{place} Council"),
    ("ICB", "integrated care board", "{place} Integrated Care Board"),
    ("POL", "police force", "{place} Police"),
    ("VSH", "virtual school head", "Virtual School Head for {place}"),
    ("SCP", "safeguarding partnership", "{place} Safeguarding Children Partnership"),
    ("YOT", "youth offending team", "{place} Youth Offending Team"),
    ("RCC", "regional care co-operative", "{place} Regional Care Co-operative"),
)
PLACES = (
    "Barnsley", "Bath", "Bedford", "Birmingham", "Blackpool", "Bolton", "Bradford", "Brighton",
    "Bristol", "Bury", "Calderdale", "Camden", "Cheshire", "Cornwall", "Coventry", "Croydon",
    "Cumbria", "Derby", "Devon", "Doncaster", "Dorset", "Dudley", "Durham", "Ealing", "Essex",
    "Gateshead", "Gloucestershire", "Hackney", "Halton", "Hampshire", "Haringey", "Hartlepool",
    "Herefordshire", "Hertfordshire", "Hull", "Kent", "Kirklees", "Knowsley", "Lambeth",
    "Lancashire", "Leeds", "Leicester", "Lewisham", "Lincolnshire", "Liverpool", "Luton",
    "Manchester", "Medway", "Middlesbrough", "Newcastle", "Newham", "Norfolk", "Northumberland",
    "Nottingham", "Oldham", "Oxfordshire", "Peterborough", "Plymouth", "Portsmouth", "Reading",
    "Rochdale", "Rotherham", "Salford", "Sandwell", "Sefton", "Sheffield", "Shropshire", "Slough",
    "Solihull", "Somerset", "Southampton", "Southwark", "Stockport", "Suffolk", "Sunderland",
    "Surrey", "Swindon", "Tameside", "Telford", "Torbay", "Trafford", "Wakefield", "Walsall",
    "Warrington", "Wigan", "Wiltshire", "Wirral", "Wolverhampton", "Worcestershire", "York",
)  # fmt: skip
TOPICS = (
    "kinship care", "foster carer recruitment", "children's home profits",
    "a unique child identifier", "multi-agency child protection", "corporate parenting",
    "Staying Close", "care leavers' housing",
    "family group decision making", "agency social work", "secure accommodation",
    "deprivation of liberty", "early help", "special guardianship", "adoption support",
    "residential care standards", "elective home education", "school attendance", "youth justice",
    "independent advocacy", "placement sufficiency", "information sharing", "care experience",
    "family help", "children's social care data",
)  # fmt: skip
COHORTS = (
    "Children in kinship care", "Children in foster care", "Care leavers",
    "Children in residential care",
    "Children missing education", "Home-educated children", "Children on a child protection plan",
    "Children with complex needs", "Unaccompanied asylum-seeking children", "Young carers",
    "Children leaving custody", "Disabled children", "Foster carers", "Kinship carers",
    "Agency social workers", "Children's home managers", "Adopted children",
    "Care-experienced young adults",
)  # fmt: skip
OPENINGS = {
    "legislative-commitment": "Legislating for {topic}",
    "regulation-making-power": "A new power to make regulations on {topic}",
    "backstop-power": "A backstop power to intervene on {topic}",
    "regulatory-reform": "Reforming the regulation of {topic}",
    "exploration": "Exploring options for {topic}",
    "consideration": "Considering further action on {topic}",
    "pilot": "Piloting new approaches to {topic}",
    "research": "Commissioning research into {topic}",
    "funding": "New funding for {topic}",
    "joint-work": "Joint work on {topic}",
    "transparency": "Greater transparency on {topic}",
    "policy-commitment": "A commitment to improve {topic}",
}
STATUSES = (
    "announced",
    "announced",
    "under-exploration",
    "under-consideration",
    "underway",
    "in-bill",
)
ROLE_CLAUSES = {
    "lead": "led by {body}",
    "duty-holder": "placing a new duty on {body}",
    "power-holder": "giving {body} the power to act",
    "delivery-partner": "working with {body}",
    "regulator": "with oversight from {body}",
    "affected": "changing how {body} operate",
    "funder": "funded by {body}",
    "supported": "so that {body} get the support they need",
    "consulted": "after consulting {body}",
    "evidence-source": "drawing on evidence from {body}",
}
DEPENDENCY_CLAUSES = {
    "depends-on": "once {label} is in place",
    "backstop-for": "as a backstop for {label}",
    "informed-by": "informed by {label}",
    "pilot-of": "as a pilot of {label}",
}
TIMEFRAMES = (
    "over the next three years",
    "by 2027",
    "within this Parliament",
    "from April next year",
)
