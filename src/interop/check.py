#!/usr/bin/env python3
"""Checks for the interop suite (src/interop/run.sh), on ~/.aws directories.

Each directory holds a `credentials` file and maybe a `config` file, as ~/.aws does.

    check.py parseable DIR
        Exit 0 if botocore can read every file in DIR; else print why and exit 1.
    check.py token DIR [--profile mfa]
        Print the aws_session_token that botocore reads from the profile in DIR/credentials.
    check.py compare BEFORE AFTER [--profile mfa] [--source default]
        Check that AFTER is BEFORE refreshed by awsmfa, which owns only some lines of the
        target profile. Two checks, for each of the two files:
        - bytes: with the lines that awsmfa owns taken out of both files (the owned keys of the
          target section and their continuation lines), AFTER is BEFORE, byte for byte, except
          that a missing final newline may have been added and a missing target section may
          have been appended (a header line, after blank lines). This also covers files that
          botocore cannot read.
        - sections, where botocore can read BEFORE: botocore's own parser
          (botocore.configloader.raw_config_parse) reads every section other than the target
          exactly as before. In the credentials file, the target keeps every key that awsmfa
          does not own, and has every owned key, non-empty. In the config file,
          `profile NAME` may be new and may have gained `region`, from the source profile,
          and the awsmfa_source_profile and awsmfa_serial_number keys,
          and nothing else.
        On the first failure, prints it in one line and exits 1. If all hold, exits 0, and prints
        one line only if a file could be checked byte by byte but not by section.

botocore reads the files with configparser.RawConfigParser in the locale's encoding. The
line classifier below follows the rules of that parser (Python 3's configparser._read): whole
line comments only, `[name]` headers, keys split at the first `=` or `:` and lower-cased, and
lines indented deeper than their key continue its value.
"""

import argparse
import configparser
import os
import re
import sys

import botocore.configloader
import botocore.exceptions

OWNED_CREDENTIALS = (
    "aws_access_key_id",
    "aws_secret_access_key",
    "aws_session_token",
    "aws_security_token",
    "aws_credential_expiration",
)
# Owned keys that every refreshed target section must have, non-empty.
REQUIRED_CREDENTIALS = (
    "aws_access_key_id",
    "aws_secret_access_key",
    "aws_session_token",
    "aws_credential_expiration",
)
EXPIRATION = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ\Z")

# The patterns of configparser.RawConfigParser with its default options.
SECTCRE = re.compile(r"\[(?P<header>.+)\]")
OPTCRE = re.compile(r"(?P<option>.*?)\s*(?P<vi>=|:)\s*(?P<value>.*)$")
NONSPACECRE = re.compile(r"\S")
COMMENT_PREFIXES = ("#", ";")
LINE = re.compile(rb"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+\Z")
BOM = b"\xef\xbb\xbf"


# Keys of the target's config section in which awsmfa records where the session came from.
ORIGIN_KEYS = ("awsmfa_source_profile", "awsmfa_serial_number")


class Failure(Exception):
    pass


def same_except(label, before, after, skipped):
    """Every section but `skipped` must read exactly as before."""
    for name in sorted(set(before) | set(after)):
        if name == skipped:
            continue
        if name not in after:
            raise Failure(f"{label}: section [{name}] is gone")
        if name not in before:
            raise Failure(f"{label}: section [{name}] is new")
        if before[name] != after[name]:
            raise Failure(f"{label}: section [{name}] reads differently: {diff(before[name], after[name])}")


def read_bytes(path):
    """The bytes of a file, or None if it does not exist."""
    try:
        with open(path, "rb") as f:
            return f.read()
    except FileNotFoundError:
        return None


def split_lines(data):
    """Lines with their endings, split where Python's text mode splits them (\\r\\n, \\r, \\n)."""
    return LINE.findall(data)


def classify(data, target, owned):
    """Each line as (raw bytes, is it owned); the owned keys the target has; the sections seen.

    A line is owned when it is an option line of section `target` whose key (lower-cased, as
    botocore reads it) is in `owned`, or a continuation line of such an option. Files botocore
    cannot read are classified as far as the rules go: a leading BOM is ignored, bytes that are
    not UTF-8 stay opaque, and lines that are neither headers nor options change nothing.
    """
    result = []
    present = set()
    sections = set()
    section = None
    optname = None
    indent_level = 0
    for number, raw in enumerate(split_lines(data)):
        text = raw[len(BOM):] if number == 0 and raw.startswith(BOM) else raw
        line = text.decode("utf-8", "surrogateescape").rstrip("\r\n")
        if line.strip().startswith(COMMENT_PREFIXES):
            result.append((raw, False))
            continue
        value = line.strip()
        if not value:
            # A blank line: botocore adds it to the value being read, which stays open.
            result.append((raw, False))
            continue
        first = NONSPACECRE.search(line)
        indent = first.start() if first else 0
        if section is not None and optname and indent > indent_level:
            result.append((raw, section == target and optname in owned))
            continue
        indent_level = indent
        header = SECTCRE.match(value)
        if header:
            section = header.group("header")
            sections.add(section)
            optname = None
            result.append((raw, False))
            continue
        option = OPTCRE.match(value) if section is not None else None
        if option:
            optname = option.group("option").rstrip().lower()
            is_owned = bool(optname) and section == target and optname in owned
            if is_owned:
                present.add(optname)
            result.append((raw, is_owned))
        else:
            result.append((raw, False))
    return result, present, sections


def header_name(raw):
    line = raw.decode("utf-8", "surrogateescape").strip()
    match = SECTCRE.match(line)
    return match.group("header") if match else None


def compare_bytes(label, before, after, target, owned):
    """The byte-level check of one file; raises Failure."""
    if before is None and after is None:
        return
    if after is None:
        raise Failure(f"{label}: the file is gone")
    before_lines, _, before_sections = classify(before or b"", target, owned)
    before_kept = [raw for raw, is_owned in before_lines if not is_owned]
    after_kept = [raw for raw, is_owned in classify(after, target, owned)[0] if not is_owned]
    if after_kept == before_kept:
        return
    n = len(before_kept)
    prefix = after_kept[:n]
    if len(prefix) == n and n > 0 and prefix[:-1] == before_kept[:-1]:
        last_before, last_after = before_kept[-1], prefix[-1]
        if last_after != last_before and not last_before.endswith((b"\n", b"\r")):
            if last_after.rstrip(b"\r\n") == last_before:
                prefix = prefix[:-1] + [last_before]
    if prefix != before_kept:
        for b, a in zip(before_kept, after_kept):
            if a != b:
                raise Failure(f"{label}: a line awsmfa does not own changed: {b!r} became {a!r}")
        raise Failure(f"{label}: lines awsmfa does not own are missing from the end")
    tail = after_kept[n:]
    headers = [raw for raw in tail if raw.strip()]
    if target in before_sections:
        raise Failure(f"{label}: lines were added that awsmfa does not own: {headers or tail!r}")
    if len(headers) != 1 or header_name(headers[0]) != target or headers[0] != tail[-1]:
        raise Failure(f"{label}: the lines added at the end are not one [{target}] header: {tail!r}")


def parse(path):
    """botocore's reading of a file: a dict of sections, or None if the file does not exist.

    Raises botocore's ConfigParseError if botocore cannot read it.
    """
    if not os.path.isfile(path):
        return None
    return botocore.configloader.raw_config_parse(path)


def parse_or_reason(path):
    try:
        return parse(path), None
    except botocore.exceptions.BotoCoreError as e:
        return None, one_line(e)


def one_line(error):
    """What botocore's error says, in one line, without the temporary path."""
    cause = error.kwargs.get("error") if hasattr(error, "kwargs") else None
    if isinstance(cause, configparser.MissingSectionHeaderError):
        text = f"line {cause.lineno} comes before any section header: {cause.line.rstrip()!r}"
    elif isinstance(cause, configparser.ParsingError):
        # configparser keeps each bad line as its repr(), with the line ending escaped.
        bad = [(n, re.sub(r"(?:\\r)?\\n(['\"])$", r"\1", line)) for n, line in cause.errors]
        text = "; ".join(f"line {n} has no '=' or ':': {line}" for n, line in bad)
    elif isinstance(cause, configparser.DuplicateSectionError):
        text = f"line {cause.lineno}: section [{cause.section}] appears twice"
    elif isinstance(cause, configparser.DuplicateOptionError):
        text = f"line {cause.lineno}: [{cause.section}] has {cause.option} twice"
    elif cause is not None:
        text = f"{type(cause).__name__}: {str(cause).splitlines()[0] if str(cause) else ''}"
    else:
        text = str(error).splitlines()[0]
    return text if len(text) <= 200 else text[:197] + "..."


def compare_credentials(before_dir, after_dir, profile):
    label = "credentials"
    before_path = os.path.join(before_dir, "credentials")
    after_path = os.path.join(after_dir, "credentials")
    compare_bytes(label, read_bytes(before_path), read_bytes(after_path), profile, OWNED_CREDENTIALS)
    before, reason = parse_or_reason(before_path)
    if reason is not None:
        return "credentials checked byte by byte only"
    after, reason = parse_or_reason(after_path)
    if reason is not None:
        raise Failure(f"{label}: botocore could read it before the refresh, and now cannot: {reason}")
    before = before or {}
    after = after or {}
    same_except(label, before, after, profile)
    if profile not in after:
        raise Failure(f"{label}: section [{profile}] is missing")
    old, new = before.get(profile, {}), after[profile]
    for key in sorted(set(old) | set(new)):
        if key in OWNED_CREDENTIALS:
            continue
        if key not in new:
            raise Failure(f"{label}: [{profile}] lost {key}")
        if key not in old:
            raise Failure(f"{label}: [{profile}] gained {key}, which awsmfa does not own")
        if old[key] != new[key]:
            raise Failure(f"{label}: [{profile}] {key} reads differently: {old[key]!r} became {new[key]!r}")
    for key in REQUIRED_CREDENTIALS:
        if not isinstance(new.get(key), str) or not new[key]:
            raise Failure(f"{label}: [{profile}] has no {key}")
    if "aws_security_token" in new and new["aws_security_token"] != new["aws_session_token"]:
        raise Failure(f"{label}: [{profile}] aws_security_token, which botocore prefers, is not the new session token")
    if not EXPIRATION.match(new["aws_credential_expiration"]):
        raise Failure(f"{label}: [{profile}] aws_credential_expiration is not ISO-8601 UTC: "
                      f"{new['aws_credential_expiration']!r}")
    return None


def compare_config(before_dir, after_dir, profile, source):
    label = "config"
    section = profile if profile == "default" else f"profile {profile}"
    source_section = source if source == "default" else f"profile {source}"
    before_path = os.path.join(before_dir, "config")
    after_path = os.path.join(after_dir, "config")
    before_bytes, after_bytes = read_bytes(before_path), read_bytes(after_path)
    # awsmfa owns a `region` line of the target only if the target had no region before.
    had_region = "region" in classify(before_bytes or b"", section, ("region",))[1]
    owned = ORIGIN_KEYS + (() if had_region else ("region",))
    compare_bytes(label, before_bytes, after_bytes, section, owned)
    before, reason = parse_or_reason(before_path)
    if reason is not None:
        return "config checked byte by byte only"
    after, reason = parse_or_reason(after_path)
    if reason is not None:
        raise Failure(f"{label}: botocore could read it before the refresh, and now cannot: {reason}")
    before = before or {}
    if after is None:
        raise Failure(f"{label}: there is no config file after the refresh")
    same_except(label, before, after, section)
    if section not in after:
        raise Failure(f"{label}: section [{section}] is missing")
    old, new = before.get(section, {}), after[section]
    gained = {k: v for k, v in new.items() if k not in old}
    if any(old[k] != new.get(k) for k in old if k not in ORIGIN_KEYS):
        raise Failure(f"{label}: section [{section}] reads differently: {diff(old, new)}")
    if set(gained) - {"region", *ORIGIN_KEYS}:
        raise Failure(f"{label}: section [{section}] gained keys other than region and"
                      f" {', '.join(ORIGIN_KEYS)}: {sorted(gained)}")
    if new.get("awsmfa_source_profile") != source:
        raise Failure(f"{label}: [{section}] records source profile"
                      f" {new.get('awsmfa_source_profile')!r}, not {source!r}")
    if "region" in gained:
        sources = set()
        credentials, _ = parse_or_reason(os.path.join(before_dir, "credentials"))
        for where, name in ((before, source_section), (credentials or {}, source)):
            value = where.get(name, {}).get("region")
            if isinstance(value, str):
                sources.add(value)
        if gained["region"] not in sources:
            raise Failure(f"{label}: [{section}] gained region {gained['region']!r}, which is not the region "
                          f"of source profile {source} ({sorted(sources) or 'none'})")
    return None


def diff(old, new):
    keys = sorted(set(old) | set(new))
    changes = [f"{k}: {old.get(k, '(absent)')!r} -> {new.get(k, '(absent)')!r}" for k in keys if old.get(k) != new.get(k)]
    return "; ".join(changes)


def main(argv):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("parseable", help="can botocore read every file in DIR")
    p.add_argument("dir")
    p = commands.add_parser("token", help="print the profile's aws_session_token as botocore reads it")
    p.add_argument("dir")
    p.add_argument("--profile", default="mfa")
    p = commands.add_parser("compare", help="check AFTER against BEFORE")
    p.add_argument("before")
    p.add_argument("after")
    p.add_argument("--profile", default="mfa", help="the target profile (default mfa)")
    p.add_argument("--source", default="default", help="the source profile (default default)")
    args = parser.parse_args(argv)

    if args.command == "parseable":
        for name in ("credentials", "config"):
            _, reason = parse_or_reason(os.path.join(args.dir, name))
            if reason is not None:
                print(f"botocore cannot read {name}: {reason}")
                return 1
        return 0
    if args.command == "token":
        credentials, reason = parse_or_reason(os.path.join(args.dir, "credentials"))
        if reason is not None:
            print(f"botocore cannot read credentials: {reason}", file=sys.stderr)
            return 1
        token = (credentials or {}).get(args.profile, {}).get("aws_session_token")
        if not isinstance(token, str):
            print(f"credentials: [{args.profile}] has no aws_session_token", file=sys.stderr)
            return 1
        print(token)
        return 0
    try:
        notes = [compare_credentials(args.before, args.after, args.profile),
                 compare_config(args.before, args.after, args.profile, args.source)]
    except Failure as failure:
        print(failure)
        return 1
    notes = [n for n in notes if n]
    if notes:
        print("; ".join(notes))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
