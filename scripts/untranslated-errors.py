#!/usr/bin/env python3
"""Lists the error messages the code says that the catalogue of translated
errors (src/api/error_text.cc) does not know, by source file, and counts them.

A helper, not a test: it reads the sources for the message templates of the
Status constructors (InvalidArgumentError's second argument, the others'
first), so it sees what is written as a literal or a fmt::format template,
not messages assembled another way.
Usage: scripts/untranslated-errors.py [--all]   (--all: also the command line's,
the file store's, mail transport's and vocabulary loading's own messages)
"""
import os
import re
import sys

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "src")
LITERALS = r'((?:"(?:[^"\\]|\\.)*"\s*)+)'
CALL = re.compile(r'\b(NotFoundError|FailedPreconditionError|PermissionDeniedError|AbortedError|AlreadyExistsError|'
                  r'ResourceExhaustedError|UnauthenticatedError|TooManyRequestsError|UnavailableError|MalformedError)'
                  r'\(\s*(?:fmt::format\(\s*)?' + LITERALS)
INVALID = re.compile(r'\bInvalidArgumentError\(\s*(?:[^,()]|\([^()]*\))+,\s*(?:fmt::format\(\s*)?' + LITERALS)
# Messages only an operator at the command line meets.
OPERATOR_ONLY = ("cli/", "files/", "mail/", "text/", "storage/postgres/", "storage/sqlite/")


def template(literals):
    text = "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', literals))
    text = re.sub(r"\{:[^}]*\}", "{}", text).replace('\\"', '"')
    return text.replace("{{", "{").replace("}}", "}")


def main():
    said = {}
    for directory, _, files in os.walk(ROOT):
        for name in files:
            if not name.endswith((".cc", ".h")) or "_test" in name or "error_text" in name:
                continue
            path = os.path.join(directory, name)
            relative = os.path.relpath(path, ROOT)
            text = open(path, encoding="utf-8").read()
            for match in list(CALL.finditer(text)) + list(INVALID.finditer(text)):
                said.setdefault(template(match.groups()[-1]), relative)
    catalogue_text = open(os.path.join(ROOT, "api", "error_text.cc"), encoding="utf-8").read()
    catalogue = [m.group(1).replace('\\"', '"') for m in re.finditer(r'\{"((?:[^"\\]|\\.)*)",', catalogue_text)]
    phrases = {t for t in catalogue if "{" not in t}

    def translates(source):
        # As error_text.cc matches a message: the source's own "{}" stand for any value,
        # and a "{~}" must be filled by a phrase of the catalogue (or a value).
        for entry in catalogue:
            pieces = re.split(r"\{~?\}", entry)
            kinds = re.findall(r"\{~?\}", entry)
            pattern = "".join(re.escape(piece) + ("(.*?)" if i < len(kinds) else "") for i, piece in enumerate(pieces))
            match = re.fullmatch(pattern, source, re.S)
            if match and all(k == "{}" or v == "{}" or v in phrases for k, v in zip(kinds, match.groups())):
                return True
        return False
    everything = "--all" in sys.argv
    considered = {t: f for t, f in said.items()
                  if t.strip() and not re.fullmatch(r"[a-z_]+", t) and (everything or not f.startswith(OPERATOR_ONLY))}
    missing = sorted((f, t) for t, f in considered.items() if not translates(t))
    for f, t in missing:
        print(f"{f}\t{t}")
    print(f"{len(considered) - len(missing)} of {len(considered)} templates have a translation; "
          f"{len(missing)} do not", file=sys.stderr)


if __name__ == "__main__":
    main()
