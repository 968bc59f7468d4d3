"""Write N random valid intakes to a JSON file (seeded, so every run is the same).

python bench/generate_intakes.py 10000 intakes.json [--seed 1]
"""

import argparse
import json
import random

from painwise.clinical.assessment import intake as schema
from painwise.clinical.assessment.regions import REGIONS


def _bools(model: type, rng: random.Random, p: float) -> dict[str, bool]:
    return {n: rng.random() < p for n, f in model.model_fields.items() if f.annotation is bool}


def one(rng: random.Random) -> dict:
    data = {
        "age": rng.randint(18, 90),
        "pain_duration_weeks": round(rng.uniform(0, 520), 1),
        "first_episode": rng.random() < 0.2,
        "pain_regions": rng.sample(REGIONS, rng.randint(1, 6)),
        "pain_distribution": rng.choice(["discrete", "regional", "multifocal", "widespread"]),
        "pain_now": rng.randint(0, 10),
        "pain_average_week": rng.randint(0, 10),
        "pain_worst_week": rng.randint(0, 10),
        "leg_pain_below_knee": rng.random() < 0.3,
        "leg_numbness_or_tingling": rng.random() < 0.2,
        "red_flags": _bools(schema.RedFlags, rng, 0.03),
        "inflammatory": {
            **_bools(schema.Inflammatory, rng, 0.25),
            "back_pain_onset_age": rng.choice([None, rng.randint(10, 70)]),
        },
        "startback": {**_bools(schema.StartBack, rng, 0.4), "bothersomeness": rng.randint(0, 4)},
        "sensitivity": _bools(schema.Sensitivity, rng, 0.3),
        "neuroplastic_signs": _bools(schema.NeuroplasticSigns, rng, 0.4),
    }
    if rng.random() < 0.7:
        data["phq9"] = [rng.randint(0, 3) for _ in range(9)]
        data["gad7"] = [rng.randint(0, 3) for _ in range(7)]
    if rng.random() < 0.3:
        data["clinical_exam"] = _bools(schema.ClinicalExam, rng, 0.5)
    return data


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("count", type=int)
    parser.add_argument("path")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    with open(args.path, "w") as fh:
        json.dump([one(rng) for _ in range(args.count)], fh)


if __name__ == "__main__":
    main()
