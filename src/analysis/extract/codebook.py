"""The policy-instrument codebook: read a TOML file, check every entry, compile its rules.

The file (``resources/policy_instruments.toml`` by default) has one ``[codebook]`` table and one
``[tools.<key>]`` table per sub-tool, each with its ``[[tools.<key>.rules]]``. Its comments say
how to write an entry. Anything the checker does not recognise stops the run with a
``CodebookError`` that names the entry and the 1-based line of the file: a typo in a key would
otherwise switch a rule off without anyone noticing.
"""

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from ..paths import RESOURCES
from ..source.errors import InputFileError

DEFAULT_CODEBOOK = RESOURCES / "policy_instruments.toml"
# The three types of Rothwell and Zegveld (1985), in the order the literature gives them.
TYPES = {"supply": "供给型", "environment": "环境型", "demand": "需求型"}
# The loader's text columns, the only ones a rule can read.
TEXT_FIELDS = ("content", "name")

_CODEBOOK_KEYS = {"name", "version", "description", "sources", "fields"}
_TOOL_KEYS = {"type", "zh", "en", "definition", "rules"}
_RULE_KEYS = {"id", "keywords", "regex", "exclude"}
_TOML_POSITION = re.compile(r"\(at line (\d+), column \d+\)")
_HEADER = re.compile(r"^\s*(\[\[?)\s*(.+?)\s*\]\]?\s*(?:#.*)?$")
_KEY_PART = re.compile(r"\"((?:[^\"\\]|\\.)*)\"|'([^']*)'|([A-Za-z0-9_-]+)")


class CodebookError(InputFileError):
    """A codebook that cannot be used as it stands. ``entry`` names the table
    (``tools.funding``) or rule (``tools.funding.rules[2]``) at fault."""


@dataclass(frozen=True)
class Rule:
    id: str
    pattern: re.Pattern
    excludes: tuple[re.Pattern, ...]
    line: int | None


@dataclass(frozen=True)
class Tool:
    key: str
    type: str
    zh: str
    en: str
    definition: str
    rules: tuple[Rule, ...]
    line: int | None


@dataclass(frozen=True)
class Codebook:
    name: str
    fields: tuple[str, ...]
    tools: tuple[Tool, ...]
    path: str
    sources: tuple[str, ...] = ()


class _Lines:
    """Where things are in the TOML text, for error messages: tomllib keeps no positions."""

    def __init__(self, text: str):
        self.lines = text.splitlines()
        self.headers: list[tuple[int, tuple[str, ...], bool]] = []
        for number, line in enumerate(self.lines, 1):
            match = _HEADER.match(line)
            if match and not line.lstrip().startswith("#"):
                parts = tuple(
                    next(g for g in m.groups() if g is not None)
                    for m in _KEY_PART.finditer(match.group(2))
                )
                self.headers.append((number, parts, match.group(1) == "[["))

    def table(self, *key: str) -> int | None:
        """The line of ``[a.b]``; else of the first header inside it (``[a.b.c]``)."""
        inside = [n for n, parts, _ in self.headers if parts[: len(key)] == key]
        exact = [n for n, parts, _ in self.headers if parts == key]
        return (exact or inside or [None])[0]

    def array_entry(self, index: int, *key: str) -> int | None:
        """The line of the ``index``-th ``[[a.b]]`` (0-based)."""
        entries = [n for n, parts, array in self.headers if array and parts == key]
        return entries[index] if index < len(entries) else self.table(*key[:-1])

    def key(self, start: int | None, name: str) -> int | None:
        """The line that sets ``name`` in the table whose header is on line ``start``; the
        header's own line when the key is not written there (a missing key)."""
        if start is None:
            return None
        following = [n for n, _, _ in self.headers if n > start]
        stop = following[0] if following else len(self.lines) + 1
        assignment = re.compile(rf"^\s*(?:{re.escape(name)}|\"{re.escape(name)}\")\s*=")
        for number in range(start + 1, stop):
            if assignment.match(self.lines[number - 1]):
                return number
        return start or None


def load_codebook(path: str | Path | None = None) -> Codebook:
    """Read and check a codebook file (None: the bundled one). Raises ``CodebookError``
    naming the entry and line."""
    path = Path(path) if path is not None else DEFAULT_CODEBOOK
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CodebookError("no such codebook file", path=str(path)) from None
    except UnicodeDecodeError as exc:
        raise CodebookError(f"not UTF-8 text ({exc.reason})", path=str(path)) from None
    return parse_codebook(text, str(path))


def parse_codebook(text: str, path: str = "<codebook>") -> Codebook:
    lines = _Lines(text)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        message = str(exc)
        found = _TOML_POSITION.search(message)
        line = int(found.group(1)) if found else None
        entry = None
        if line is not None:
            before = [parts for n, parts, _ in lines.headers if n <= line]
            entry = ".".join(before[-1]) if before else None
        raise CodebookError(
            f"not valid TOML: {_TOML_POSITION.sub('', message).strip()}", line, path, entry
        ) from None
    return _Checker(lines, path).codebook(data)


class _Checker:
    def __init__(self, lines: _Lines, path: str):
        self.lines = lines
        self.path = path

    def fail(self, message: str, line: int | None, entry: str | None):
        raise CodebookError(message, line, self.path, entry)

    def unknown_keys(self, table: dict, allowed: set, line: int | None, entry: str) -> None:
        for key in table:
            if key not in allowed:
                self.fail(
                    f"unknown key {key!r} (allowed: {', '.join(sorted(allowed))})",
                    self.lines.key(line, key),
                    entry,
                )

    def text(self, table: dict, key: str, line: int | None, entry: str) -> str:
        value = table.get(key)
        if not isinstance(value, str) or not value.strip():
            what = "missing" if value is None else f"not a non-empty string ({value!r})"
            self.fail(f"{key!r} is {what}", self.lines.key(line, key), entry)
        return value

    def codebook(self, data: dict) -> Codebook:
        for key in data:
            if key not in {"codebook", "tools"}:
                self.fail(
                    f"unknown top-level entry {key!r} (allowed: codebook, tools)",
                    self.lines.table(key) or self.lines.key(0, key),
                    key,
                )
        meta = data.get("codebook", {})
        meta_line = self.lines.table("codebook")
        if not isinstance(meta, dict):
            self.fail("must be a table", meta_line, "codebook")
        self.unknown_keys(meta, _CODEBOOK_KEYS, meta_line, "codebook")
        fields = meta.get("fields", list(TEXT_FIELDS))
        if (
            not isinstance(fields, list)
            or not fields
            or any(f not in TEXT_FIELDS for f in fields)
            or len(set(fields)) != len(fields)
        ):
            self.fail(
                f"'fields' must list some of {', '.join(TEXT_FIELDS)} once each, not {fields!r}",
                self.lines.key(meta_line, "fields"),
                "codebook",
            )
        sources = meta.get("sources", [])
        if not isinstance(sources, list) or not all(isinstance(s, str) for s in sources):
            self.fail("'sources' must be a list of strings", meta_line, "codebook")
        tools = data.get("tools")
        if not isinstance(tools, dict) or not tools:
            self.fail("the codebook defines no [tools.<key>] tables", None, "tools")
        checked = [self.tool(key, entry) for key, entry in tools.items()]
        self.no_duplicates(checked)
        return Codebook(
            name=str(meta.get("name", Path(self.path).stem)),
            fields=tuple(fields),
            tools=tuple(checked),
            path=self.path,
            sources=tuple(sources),
        )

    def tool(self, key: str, table) -> Tool:
        entry = f"tools.{key}"
        line = self.lines.table("tools", key)
        if not isinstance(table, dict):
            self.fail("must be a table ([tools.<key>])", line, entry)
        self.unknown_keys(table, _TOOL_KEYS, line, entry)
        kind = self.text(table, "type", line, entry)
        if kind not in TYPES:
            self.fail(
                f"unknown type {kind!r} (one of: {', '.join(TYPES)})",
                self.lines.key(line, "type"),
                entry,
            )
        rules = table.get("rules")
        if not isinstance(rules, list) or not rules:
            self.fail(
                f"sub-tool {table.get('zh', key)!r} has no rules: add [[{entry}.rules]] tables",
                line,
                entry,
            )
        return Tool(
            key=key,
            type=kind,
            zh=self.text(table, "zh", line, entry),
            en=self.text(table, "en", line, entry),
            definition=self.text(table, "definition", line, entry),
            rules=tuple(self.rule(key, index, rule) for index, rule in enumerate(rules)),
            line=line,
        )

    def rule(self, tool_key: str, index: int, table) -> Rule:
        entry = f"tools.{tool_key}.rules[{index + 1}]"
        line = self.lines.array_entry(index, "tools", tool_key, "rules")
        if not isinstance(table, dict):
            self.fail("must be a table ([[…rules]])", line, entry)
        if isinstance(table.get("id"), str) and table["id"].strip():
            entry = f"{entry} {table['id']}"
        self.unknown_keys(table, _RULE_KEYS, line, entry)
        rule_id = self.text(table, "id", line, entry)
        alternatives = []
        keywords = table.get("keywords")
        if keywords is not None:
            if (
                not isinstance(keywords, list)
                or not keywords
                or not all(isinstance(k, str) and k for k in keywords)
            ):
                self.fail(
                    "'keywords' must be a non-empty list of non-empty strings",
                    self.lines.key(line, "keywords"),
                    entry,
                )
            alternatives.extend(re.escape(k) for k in keywords)
        regex = table.get("regex")
        if regex is not None:
            if not isinstance(regex, str) or not regex:
                self.fail(
                    "'regex' must be a non-empty string", self.lines.key(line, "regex"), entry
                )
            self.compile(regex, self.lines.key(line, "regex"), entry)
            alternatives.append(f"(?:{regex})")
        if not alternatives:
            self.fail("a rule needs 'keywords' or 'regex' (or both)", line, entry)
        pattern = self.compile("|".join(alternatives), line, entry)
        if pattern.fullmatch(""):
            self.fail("the rule matches empty text", self.lines.key(line, "regex"), entry)
        excludes = table.get("exclude", [])
        if not isinstance(excludes, list) or not all(isinstance(e, str) and e for e in excludes):
            self.fail(
                "'exclude' must be a list of non-empty regular expressions",
                self.lines.key(line, "exclude"),
                entry,
            )
        compiled = tuple(self.compile(e, self.lines.key(line, "exclude"), entry) for e in excludes)
        return Rule(id=rule_id, pattern=pattern, excludes=compiled, line=line)

    def compile(self, regex: str, line: int | None, entry: str) -> re.Pattern:
        try:
            return re.compile(regex)
        except re.error as exc:
            self.fail(f"bad regular expression {regex!r}: {exc}", line, entry)

    def no_duplicates(self, tools: list[Tool]) -> None:
        seen: dict[tuple[str, str], Tool] = {}
        for tool in tools:
            for attribute in ("zh", "en"):
                name = getattr(tool, attribute)
                if (attribute, name) in seen:
                    self.fail(
                        f"duplicate name {name!r}: also the {attribute} name of "
                        f"[tools.{seen[(attribute, name)].key}]",
                        self.lines.key(tool.line, attribute),
                        f"tools.{tool.key}",
                    )
                seen[(attribute, name)] = tool
        rules: dict[str, str] = {}
        for tool in tools:
            for rule in tool.rules:
                if rule.id in rules:
                    self.fail(
                        f"duplicate rule id {rule.id!r}: also a rule of [tools.{rules[rule.id]}]",
                        self.lines.key(rule.line, "id"),
                        f"tools.{tool.key}",
                    )
                rules[rule.id] = tool.key
