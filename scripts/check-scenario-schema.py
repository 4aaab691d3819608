#!/usr/bin/env python3
"""Validates scenario files against the scenario format's JSON Schema.

    scripts/check-scenario-schema.py SCHEMA FILE...

SCHEMA is Scenarios/scenario.schema.json (written by `alvh scenarios schema`).
Each problem is printed as `file: key.path: message`; the exit code is 1 when
any file breaks the schema, 2 when jsonschema or PyYAML is missing. YAML is
read as the YAML language server reads it (YAML 1.2: `2006-01-03` stays a
string, not a date).
"""
import json
import sys

try:
    import jsonschema
    import yaml
except ImportError as missing:  # the test suite skips with this reason
    print(f"check-scenario-schema: {missing.name} is not installed (pip install jsonschema pyyaml)", file=sys.stderr)
    sys.exit(2)


class YAML12Loader(yaml.SafeLoader):
    """SafeLoader without YAML 1.1's timestamps (YAML 1.2 has none)."""


YAML12Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def main(arguments):
    if len(arguments) < 2:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    with open(arguments[0], encoding="utf-8") as handle:
        schema = json.load(handle)
    validator = jsonschema.Draft7Validator(schema)
    bad = 0
    for path in arguments[1:]:
        with open(path, encoding="utf-8") as handle:
            document = yaml.load(handle, Loader=YAML12Loader)
        for error in sorted(validator.iter_errors(document), key=lambda e: list(map(str, e.absolute_path))):
            where = ".".join(str(part) for part in error.absolute_path) or "(top)"
            print(f"{path}: {where}: {error.message}")
            bad += 1
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
