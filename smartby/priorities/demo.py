"""Demo content for anbefalinger og prioritering (called by `smartby demo`): a follow-up history
for about half of the 46 recommendations (2022 to this year, with evidence linked to demo
projects) and one published prioritisation round scored by three demo assessors. The same seed
gives the same content; nothing happens when status entries or the round already exist."""

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from smartby.accounts.models import User
from smartby.priorities import operations
from smartby.priorities.models import Recommendation, Round, StatusEntry
from smartby.registry.models import Project

ROUND_TITLE = "Fælles digitaliseringsindsatser 2027"
ASSESSORS = [
    ("mette.lund@demo.smartby.example.org", "Mette Lund"),
    ("jonas.krogh@demo.smartby.example.org", "Jonas Krogh"),
    ("sara.holm@demo.smartby.example.org", "Sara Holm"),
]
# (title, description, recommendation number)
PROPOSALS = [
    (
        "Fælles data space for forsyningsdata",
        "Kommunernes forsyninger deler målerdata i et fælles format, så varmeplaner og "
        "klimaplaner kan bygge på de samme tal.",
        28,
    ),
    (
        "Parkeringssensorer og ladestandere på kortet",
        "Ledige p-pladser og ladestandere vises i realtid i fælles data og i borgernes apps.",
        30,
    ),
    (
        "Virtuelle møder i jobcentre",
        "Borgerne kan vælge videomøde med sagsbehandleren; kalender og samtykke følger med.",
        17,
    ),
    (
        "Telefonrobot til de enkleste henvendelser",
        "Ny teknologi i telefonkontakten svarer på åbningstider, affaldsordning og kvitteringer.",
        18,
    ),
    (
        "Basale digitale kompetencer for ledige",
        "Kurser for ledige i MitID, digital post og selvbetjening i samarbejde med jobcentrene.",
        39,
    ),
    (
        "Vejviser til kommunale data",
        "Et fælles katalog over kommunernes data med beskrivelse, kvalitet og adgang.",
        44,
    ),
]
COMMENTS = {
    "i_gang": "Arbejdet er sat i gang, og der er nedsat en arbejdsgruppe.",
    "delvist_gennemfoert": "De første leverancer er i drift; resten er planlagt.",
    "gennemfoert": "Anbefalingen er gennemført og overgået til drift.",
    "opgivet": "Indsatsen er stoppet, da den ikke fik finansiering.",
}
PATHS = {
    "i_gang": ["i_gang"],
    "delvist_gennemfoert": ["i_gang", "delvist_gennemfoert"],
    "gennemfoert": ["i_gang", "delvist_gennemfoert", "gennemfoert"],
    "opgivet": ["i_gang", "opgivet"],
}


def load(*, seed: int) -> None:
    """Create the demo follow-up and round; skipped parts that already exist."""
    rng = random.Random(seed)
    with transaction.atomic():
        if not StatusEntry.objects.exists():
            _follow_up(rng)
        if not Round.objects.filter(title=ROUND_TITLE).exists():
            _round(rng)


def _follow_up(rng: random.Random) -> None:
    today = timezone.localdate()
    projects = list(Project.objects.order_by("pk").values_list("pk", flat=True)[:400])
    recs = list(Recommendation.objects.order_by("number"))
    for rec in rng.sample(recs, k=min(24, len(recs))):
        final = rng.choice(["i_gang", "i_gang", "delvist_gennemfoert", "gennemfoert", "opgivet"])
        day = dt.date(2022, 1, 1) + dt.timedelta(days=rng.randrange(0, 300))
        for status in PATHS[final]:
            if day > today:
                break
            operations.add_status_entry(
                None,
                rec,
                {"status": status, "date": day.isoformat(), "comment": COMMENTS[status]},
                source="demo",
            )
            day += dt.timedelta(days=rng.randrange(120, 420))
        if projects and final != "opgivet":
            project = Project.objects.get(pk=rng.choice(projects))
            operations.add_evidence(
                None,
                rec,
                {
                    "title": f"Projekt: {project.title}"[:200],
                    "url": f"https://www.{project.lead_organisation.slug}.example.dk/"
                    f"projekter/{project.slug}",
                    "project": project.slug,
                    "added_on": min(day, today).isoformat(),
                },
                source="demo",
            )


def _round(rng: random.Random) -> None:
    round = operations.create_round(
        None,
        {
            "title": ROUND_TITLE,
            "description": "Netværkets forslag til fælles indsatser i 2027, vurderet efter "
            "Digitaliseringspartnerskabets kriterier.",
        },
        source="demo",
    )
    numbers = {r.number: r for r in Recommendation.objects.all()}
    for title, description, number in PROPOSALS:
        operations.create_proposal(
            None,
            round,
            {
                "title": title,
                "description": description,
                "recommendation": str(number) if number in numbers else "",
            },
            source="demo",
        )
    for email, name in ASSESSORS:
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User.objects.create_user(email, None, name=name)  # no password: demo only
        operations.invite_assessor(None, round, {"email": email}, source="demo")
        data = {}
        for proposal in round.proposals.all():
            base = rng.randint(2, 4)
            for field in ("value_citizens", "value_goals", "digital_difference"):
                data[f"p{proposal.pk}-{field}"] = str(max(1, min(5, base + rng.randint(-1, 1))))
            data[f"p{proposal.pk}-investment"] = str(rng.randint(1, 4))
            data[f"p{proposal.pk}-comment"] = ""
        operations.save_scores(user, round, data, source="demo")
    operations.change_round_state(None, round, "close", source="demo")
    operations.change_round_state(None, round, "publish", source="demo")
