"""The pacing simulation (a model, not evidence) on a small sample: the engine must give fewer
flares than boom-bust and fixed increases, and at least the capacity of fixed increases.
The full 1,000-person table comes from `python bench/simulate_pacing.py`."""

from bench.simulate_pacing import simulate


def test_the_engine_beats_boom_bust_and_fixed_increases_on_a_small_sample():
    table = simulate(40, seed=3)
    engine, boom, fixed = table["engine"], table["boom_bust"], table["fixed"]
    assert engine["flares_per_person"] < boom["flares_per_person"]
    assert engine["flares_per_person"] < fixed["flares_per_person"]
    assert engine["capacity_vs_goal"] >= fixed["capacity_vs_goal"]
