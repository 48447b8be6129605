"""No message a practitioner or staff member reads is left out of the catalogs: a walk over the code (AST) finds
English text that reaches a person without passing through `_()` / `N_()`.

What reaches a person (the sinks): the message of one of the project's errors (every class in kiosk/ that derives
from an exception, and the OSError kinds files.py raises), what `print`, `say`, `report`, `fail`, `echo` or
`parser.error` are given, what is added to a list of problems, notes, refusals or lines, a value named like a
message (`why = ...`, `problem=...`), what `__str__` returns, and what a function of the same module returns when
its result goes straight to one of those. Text is "English" when it holds two words of letters.
Left out on purpose: docstrings, log records (the log is for whoever supports the kiosk, in English, like
every library's), and the few places in ALLOWED below, each with its reason.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "kiosk"
PROSE = re.compile(r"[A-Za-z]{2,}[^\w./-]([^\n]*[^\w./-])?[A-Za-z]{2,}", re.DOTALL)  # two words, not a file name
LOG_METHODS = {"debug", "info", "warning", "error", "exception", "critical", "log"}
LOGGERS = re.compile(r"^(log|logger|logging|_log|LOG)$")
SINK_CALLS = {
    "print",
    "say",
    "report",
    "fail",
    "echo",
    "exit",
    "ArgumentTypeError",
    "_note",
    "_disable",
    "_failed",
    "ask",
}
LISTS = re.compile(r"problem|skipped|refus|note|warning|message|lines|marks|reasons|said")
NAMES = re.compile(r"^_?(message|why|reason|problem|note|refused|refusal|detail|hint|fix|fault|help|description)s?$")
FUNCTIONS = re.compile(r"problem|reason|why|message|refus|describe|explain|_note|^line$|_lines?$|report")
ERRORS_BUILTIN = {
    "OSError",
    "IsADirectoryError",
    "NotADirectoryError",
    "FileNotFoundError",
    "PermissionError",
    "TimeoutError",
}

# (module path under kiosk/, start of the text or "*" for the whole module): why it is not a message.
ALLOWED: dict[tuple[str, str], str] = {
    ("remote/messages.py", "*"): "the detail of a desk-page refusal: see remote/service.py",
    ("stats/store.py", "PRAGMA"): "SQL",
    ("cli.py", "review reminder"): "a key of _NOUNS, whose words are N_() messages",
    ("cli.py", "kiosk narrate: "): "the command's name before its (translated) message",
    ("content/cache.py", "draft = true in its"): "only logged (a draft is not a problem)",
    ("content/cache.py", "no manifest: not"): "only logged (a draft is not a problem)",
    ("remote/service.py", "*"): "the desk page shows each answer's code (not_paired, too_many, ...) in its own words "
    "(assets/remote/app.js, both languages, chosen on the staff's device); the English detail is for debugging",
}


def _text(node: ast.AST) -> str | None:
    """The text of a literal, f-string, "...".format(...) or a + of them; None for anything else."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(part.value if isinstance(part, ast.Constant) else "{}" for part in node.values)  # type: ignore[misc]
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        return _text(node.func.value)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        return " ".join(t for t in (_text(node.left), _text(node.right)) if t) or None
    if isinstance(node, ast.IfExp):
        return " ".join(t for t in (_text(node.body), _text(node.orelse)) if t) or None
    return None


def _prose(node: ast.AST) -> Iterator[ast.expr]:
    """The English texts inside an expression that are not the argument of _() or N_()."""
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "N_"):
        return
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "format":
        yield from _prose(node.func.value)
        for arg in [*node.args, *(k.value for k in node.keywords)]:
            yield from _prose(arg)
        return
    text = _text(node) if isinstance(node, ast.Constant | ast.JoinedStr) else None
    if text is not None and isinstance(node, ast.Constant | ast.JoinedStr):
        if PROSE.search(text):
            yield node
        if isinstance(node, ast.JoinedStr):
            for part in node.values:
                if isinstance(part, ast.FormattedValue):
                    yield from _prose(part.value)
        return
    if isinstance(node, ast.Lambda | ast.Subscript | ast.Compare):
        return
    for child in ast.iter_child_nodes(node):
        yield from _prose(child)


def _name(node: ast.AST) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return ""


def error_classes(trees: dict[Path, ast.Module]) -> set[str]:
    """Every class of the package that derives (through others of the package) from an exception."""
    bases = {
        node.name: {_name(base) for base in node.bases}
        for tree in trees.values()
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
    }
    found = {name for name, parents in bases.items() if any(p.endswith(("Error", "Exception")) for p in parents)}
    while True:
        more = {name for name, parents in bases.items() if parents & found} - found
        if not more:
            return found | ERRORS_BUILTIN
        found |= more


def _is_log(call: ast.Call) -> bool:
    func = call.func
    return (
        isinstance(func, ast.Attribute)
        and func.attr in LOG_METHODS
        and bool(LOGGERS.match(_name(func.value)) or _name(func.value).endswith("log"))
    )


class _Walk:
    """One module's walk: each kind of node that can carry a text to a person has its own method (a sink)."""

    def __init__(self, tree: ast.Module, errors: set[str]) -> None:
        self.errors = errors
        self.found: list[ast.expr] = []
        self.functions = {node.name: node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}
        self.followed: set[str] = set()

    def returns_of(self, name: str) -> None:
        """A same-module function whose result reaches a person: what it returns does too."""
        function = self.functions.get(name)
        if function is None or name in self.followed:
            return
        self.followed.add(name)
        for node in ast.walk(function):
            if isinstance(node, ast.Return) and node.value is not None:
                self.sink(node.value, function)

    def sink(self, value: ast.AST, scope: ast.AST) -> None:
        """`value` reaches a person: its texts, the texts assigned to it in its scope, what its calls return."""
        self.found.extend(_prose(value))
        if isinstance(value, ast.Name):  # why = f"..."; print(why): the assignments in the same function
            for node in ast.walk(scope):
                if isinstance(node, ast.Assign | ast.AugAssign | ast.AnnAssign) and node.value is not None:
                    targets = node.targets if isinstance(node, ast.Assign) else [node.target]
                    if any(_name(t) == value.id for t in targets):
                        self.found.extend(_prose(node.value))
        for node in ast.walk(value):
            if isinstance(node, ast.Call) and _name(node.func) in self.functions and _name(node.func) != "format":
                self.returns_of(_name(node.func))

    def node(self, node: ast.AST, scope: ast.AST) -> None:
        if isinstance(node, ast.Call) and not _is_log(node):
            self.call(node, scope)
        elif isinstance(node, ast.Assign | ast.AnnAssign | ast.AugAssign) and node.value is not None:
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(NAMES.match(_name(t)) or LISTS.search(_name(t)) for t in targets):
                self.sink(node.value, scope)
        elif isinstance(node, ast.FunctionDef) and (node.name == "__str__" or FUNCTIONS.search(node.name)):
            for inner in ast.walk(node):
                if isinstance(inner, ast.Return) and inner.value is not None:
                    self.sink(inner.value, node)
        # a raise of one of the errors: the call in it is a sink (call)

    def call(self, node: ast.Call, scope: ast.AST) -> None:
        """A call that shows its arguments (print, an error, a problem list's append) or names them as texts."""
        callee = _name(node.func)
        if callee in SINK_CALLS or callee in self.errors or (callee == "error" and _name(node.func) != ""):
            for arg in [*node.args, *(k.value for k in node.keywords if k.arg not in ("file", "sep", "end"))]:
                self.sink(arg, scope)
        elif (
            callee in ("append", "extend", "insert")
            and isinstance(node.func, ast.Attribute)
            and LISTS.search(_name(node.func.value))
        ):
            for arg in node.args:
                self.sink(arg, scope)
        for keyword in node.keywords:
            if keyword.arg and NAMES.match(keyword.arg):
                self.sink(keyword.value, scope)


def untranslated(tree: ast.Module, errors: set[str]) -> list[ast.expr]:
    """The English texts of one module that reach a person without _()."""
    walk = _Walk(tree, errors)
    seen: set[int] = set()
    for scope in [tree, *walk.functions.values()]:
        for node in ast.walk(scope):
            if id(node) in seen and scope is tree:
                continue
            seen.add(id(node))
            walk.node(node, scope)
    unique: dict[tuple[int, int], ast.expr] = {}
    for node in walk.found:
        unique[(node.lineno, node.col_offset)] = node
    return [unique[key] for key in sorted(unique)]


def _allowed(module: str, text: str) -> bool:
    return (module, "*") in ALLOWED or any(m == module and text.startswith(s) for (m, s) in ALLOWED)


def _found() -> list[tuple[str, int, str]]:
    """(module, line, text) of every English text that reaches a person without _(), allowed ones included."""
    trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in sorted(PACKAGE.rglob("*.py"))}
    errors = error_classes(trees)
    return [
        (path.relative_to(PACKAGE).as_posix(), node.lineno, _text(node) or "")
        for path, tree in trees.items()
        for node in untranslated(tree, errors)
    ]


def package_findings() -> list[str]:
    return [f"kiosk/{module}:{line}: {text!r}" for module, line, text in _found() if not _allowed(module, text)]


def test_every_message_goes_through_the_catalogs() -> None:
    """No English text reaches a practitioner or staff member without _() (then update_catalogs.py, ja.po)."""
    findings = package_findings()
    assert not findings, f"{len(findings)} messages without _():\n" + "\n".join(findings)


def test_every_allowance_is_still_needed() -> None:
    """An allowance that no longer matches anything the walk finds is dropped, so the list stays short and true."""
    found = _found()
    for module, start in ALLOWED:
        assert any(m == module and (start == "*" or text.startswith(start)) for m, _line, text in found), (
            module,
            start,
        )


SAMPLE = """
from kiosk.core.errors import ContentError
from kiosk.core.i18n import _

class SoundError(ContentError):
    pass

def check(path, size, log):
    log.warning("this goes to the log in English: %s", path)
    if size > 10:
        raise SoundError(path, 1, f"the sound is {size} MB; keep it under 10")
    if size < 0:
        raise SoundError(path, 1, _("the sound is empty"))
    why = "cannot be played here"
    problems = []
    problems.append(ContentError(path, 1, why))
    print(_("checked {path}").format(path=path))
    print(describe(size))
    return problems

def describe(size):
    return f"{size} bytes in all"

class Counts:
    def __str__(self):
        return f"{self.n} kiosks silent"
"""


def test_the_walk_finds_what_it_should_in_a_sample() -> None:
    """The checker itself: an error's f-string, a message kept in a variable, a helper's return and __str__ are
    found; a log record, a docstring and _() text are not."""
    tree = ast.parse(SAMPLE)
    found = [_text(node) for node in untranslated(tree, error_classes({Path("x.py"): tree}))]
    assert found == [
        "the sound is {} MB; keep it under 10",
        "cannot be played here",
        "{} bytes in all",
        "{} kiosks silent",
    ]
