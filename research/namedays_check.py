"""The days ``rag.namedays`` reckons against python-holidays' US calendar (its ``public`` and
``unofficial`` categories), year by year: every day of a name both know must agree.
python-holidays is not a dependency of the product (see ``rag/namedays.py``); install it
beside it in a scratch folder to run this:

    pip install --no-deps --target /tmp/holidays holidays
    PYTHONPATH=.:/tmp/holidays python -m research.namedays_check --years 1990-2059
"""

from __future__ import annotations

import argparse

from rag.namedays import NAMES, day_in


def main() -> None:
    ap = argparse.ArgumentParser(description=(__doc__ or "").split("\n\n")[0])
    ap.add_argument("--years", default="1990-2059")
    args = ap.parse_args()
    import holidays

    first, last = (int(y) for y in args.years.split("-"))
    keys = sorted({key for _, key in NAMES})
    compared = differ = 0
    for year in range(first, last + 1):
        calendar = holidays.country_holidays("US", years=year, categories=("public", "unofficial"), language="en_US")
        known = {name: day for day, name in calendar.items() if "observed" not in name}
        for key in keys:
            if key in known:
                compared += 1
                if known[key] != day_in(key, year):
                    differ += 1
                    print(f"{year} {key}: python-holidays {known[key]}, rag.namedays {day_in(key, year)}")
    print(f"python-holidays {holidays.__version__}: {compared} days compared over {first}-{last}, {differ} differ")


if __name__ == "__main__":
    main()
