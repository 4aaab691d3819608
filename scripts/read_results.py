"""Reads a run folder's tables with pandas, as the README's "From Python" section shows.

Usage: python3 scripts/read_results.py RUN_FOLDER
Prints each table's shape and the drawdown comparisons; exits non-zero if a
table does not read as documented (Results/README.md)."""
import json
import os
import sys

import pandas as pd

run = sys.argv[1]
strategies = pd.read_csv(os.path.join(run, "strategies.csv"))
comparisons = pd.read_csv(os.path.join(run, "comparisons.csv"))
paths = pd.read_csv(os.path.join(run, "paths.csv"))
distributions = pd.read_csv(os.path.join(run, "distributions.csv"))
fans = pd.read_csv(os.path.join(run, "fans.csv"))
with open(os.path.join(run, "summary.json")) as f:
    summary = json.load(f)
# summary.json nests its figures: json_normalize flattens each list.
flat = pd.json_normalize(summary["strategies"])

assert list(strategies["strategy"]) == [s["name"] for s in summary["strategies"]]
assert (strategies["maxDrawdownMean"] - flat["maxDrawdown.mean"]).abs().max() < 1e-15
assert set(paths["strategy"]) == set(strategies["strategy"])
assert len(paths) == int(strategies["paths"].sum())
by_path = paths.pivot(index="path", columns="strategy", values="maxDrawdown")
assert (by_path.mean() - strategies.set_index("strategy")["maxDrawdownMean"]).abs().max() < 1e-12
assert list(comparisons.columns[:3]) == ["hedged", "baseline", "pairedPaths"]
assert {"metric", "strategy", "kind", "x0", "x1", "y"} <= set(distributions.columns)
print(f"strategies {strategies.shape}, comparisons {comparisons.shape}, paths {paths.shape}, "
      f"distributions {distributions.shape}, fans {fans.shape}")
print(comparisons[["hedged", "baseline", "meanReduction", "meanReductionLower", "meanReductionUpper"]].to_string(index=False))
