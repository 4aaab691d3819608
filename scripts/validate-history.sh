#!/usr/bin/env bash
# Replays the Cboe CNDR rules (Scenarios/cndr.yaml) on the real SPX/VIX path
# of 2006-2017 and compares them with the real CNDR index year by year:
#   scripts/validate-history.sh DIR     (DIR: the history folder, e.g. ../shared/data)
# Prints the yearly max drawdowns and returns side by side and the
# correlation of monthly returns; the files go to Results/cndr-validation/.
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:?usage: scripts/validate-history.sh DIR (the folder with spx_daily.csv, vix_daily.csv, cndr_daily_to_2017.csv)}"
[ -x .build/release/alvh ] || scripts/setup.sh
# Interest on the collateral at the real T-bill rates when the folder has them (FRED's DTB4WK.csv).
bills=()
for file in tbill_daily.csv DTB4WK.csv DTB3.csv; do [ -f "$data/$file" ] && bills=(--bill-rates) && break; done
# From the November 2005 expiration, so that 2006 has a close of the year before.
.build/release/alvh replay Scenarios/cndr.yaml --data "$data" --from 2005-11-18 --to 2017-12-31 \
  --cycles expirations --compare CNDR --out Results/cndr-validation --force "${bills[@]}"
