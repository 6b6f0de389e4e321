#!/usr/bin/env python3
"""Mutation testing of the rule modules and the validator: does a wrong rule turn a test red?

    .venv/bin/python tools/mutation.py            # all rule modules (about 15-25 minutes on 2 cores)
    .venv/bin/python tools/mutation.py plan       # one module (by its name in return_to_run/)
    .venv/bin/python tools/mutation.py --report   # print the score of the last run again

mutmut (configured in pyproject.toml, [tool.mutmut]) makes small deliberate changes to the
code one at a time (`<` to `<=`, 30 to 31, `and` to `or` ...) and runs the unit tests that
cover the changed function. A change no test notices "survives". Changes that cannot alter
behaviour (equivalent mutants) are listed in tests/mutation_equivalents.toml, each with a
one-line reason, and are not counted against the score. Prints the score per module, the
total, and the diff of every surviving change. Slow, so it is not part of the test command.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tomllib
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MUTMUT = [sys.executable, "-m", "mutmut"]
EQUIVALENTS_FILE = ROOT / "tests" / "mutation_equivalents.toml"
TARGET_SCORE = 0.95


def rule_modules() -> list[str]:
    """The modules [tool.mutmut] only_mutate names, as short names ('plan', 'validation').

    A package pattern ('return_to_run/validation/*.py') counts as one module, named after the
    package, like its mutants (return_to_run.validation.<file>.<function>__mutmut_<n>).
    """
    config = tomllib.loads((ROOT / "pyproject.toml").read_text())["tool"]["mutmut"]
    names = [Path(pattern).parts[1].removesuffix(".py") for pattern in config["only_mutate"]]
    return list(dict.fromkeys(names))


def equivalents() -> dict[str, str]:
    """Mutant name -> why it cannot change behaviour."""
    if not EQUIVALENTS_FILE.exists():
        return {}
    return {name: entry["reason"] for name, entry in tomllib.loads(EQUIVALENTS_FILE.read_text()).items()}


def run_mutmut(modules: list[str]) -> None:
    selectors = [f"return_to_run.{module}.*" for module in modules]
    log = ROOT / "mutants" / "run.log"
    log.parent.mkdir(exist_ok=True)
    print(f"Running mutmut on {', '.join(modules)} (progress in {log.relative_to(ROOT)}) ...", flush=True)
    with log.open("w") as out:
        subprocess.run([*MUTMUT, "run", *selectors], cwd=ROOT, stdout=out, stderr=subprocess.STDOUT, check=False)


def results() -> dict[str, str]:
    """Mutant name -> status (killed, survived, timeout, no tests, ...)."""
    listing = subprocess.run([*MUTMUT, "results", "--all", "true"], cwd=ROOT, capture_output=True, text=True)
    found = {}
    for line in listing.stdout.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if name:
            found[name] = status.strip()
    return found


def module_of(mutant: str) -> str:
    return mutant.split(".")[1]


def report(modules: list[str]) -> float:
    statuses = {name: status for name, status in results().items() if module_of(name) in modules}
    known_equivalent = equivalents()
    per_module: dict[str, Counter] = {module: Counter() for module in modules}
    survivors = []
    caught_but_listed = []  # a listed mutant a test catches: the list is out of date (code moved)
    for name, status in sorted(statuses.items()):
        counts = per_module[module_of(name)]
        if name in known_equivalent and status in ("survived", "no tests"):
            counts["equivalent"] += 1
        elif status in ("killed", "timeout", "segfault", "suspicious"):
            if name in known_equivalent:
                caught_but_listed.append(name)
            counts["caught"] += 1
        elif status in ("survived", "no tests"):
            counts["missed"] += 1
            survivors.append(name)
        else:  # skipped, not checked: not counted either way
            counts["other"] += 1
    print(f"\n{'module':<14}{'caught':>8}{'missed':>8}{'equiv.':>8}{'score':>9}{'not run':>9}")
    total = Counter()
    for module, counts in per_module.items():
        total += counts
        scored = counts["caught"] + counts["missed"]
        score = counts["caught"] / scored if scored else 1.0
        print(
            f"{module:<14}{counts['caught']:>8}{counts['missed']:>8}{counts['equivalent']:>8}{score:>9.1%}"
            f"{counts['other'] or '':>9}"
        )
    scored = total["caught"] + total["missed"]
    overall = total["caught"] / scored if scored else 1.0
    print(
        f"{'all':<14}{total['caught']:>8}{total['missed']:>8}{total['equivalent']:>8}{overall:>9.1%}"
        f"{total['other'] or '':>9}   (target {TARGET_SCORE:.0%})"
    )
    if total["other"]:
        print("'not run': mutants of code changed since they were tested; run those modules again.")
    if caught_but_listed:
        print(
            f"\n{len(caught_but_listed)} mutants listed as equivalent are caught by a test (counted as caught); "
            f"check {EQUIVALENTS_FILE.relative_to(ROOT)}: {', '.join(caught_but_listed[:10])}"
        )
    stale = sorted(set(known_equivalent) - set(statuses))
    if stale and len(modules) == len(rule_modules()):
        print(
            f"\n{len(stale)} listed equivalent mutants no longer exist; remove them from "
            f"{EQUIVALENTS_FILE.relative_to(ROOT)}: {', '.join(stale[:10])}"
        )
    if survivors:
        print(f"\nSurviving changes ({len(survivors)}): each is a rule no test pins down.")
        for name in survivors:
            shown = subprocess.run([*MUTMUT, "show", name], cwd=ROOT, capture_output=True, text=True).stdout
            print("\n" + "\n".join(line for line in shown.splitlines() if not line.startswith(("---", "+++"))))
    return overall


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("modules", nargs="*", help="short module names (default: every rule module)")
    parser.add_argument("--report", action="store_true", help="only print the results of the last run")
    args = parser.parse_args(argv)
    modules = args.modules or rule_modules()
    unknown = sorted(set(modules) - set(rule_modules()))
    if unknown:
        parser.error(f"not a rule module: {', '.join(unknown)} (choose from {', '.join(rule_modules())})")
    if not args.report:
        run_mutmut(modules)
    report(modules)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
