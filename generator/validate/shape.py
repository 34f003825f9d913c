"""Check a loaded YAML file against its schema and turn every problem into a located Issue."""
from __future__ import annotations

import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from ..diagnostics import Issue
from ..load.yamlfile import Loaded, key_path

_YAML_TYPE = {
    str: "text", int: "a whole number", float: "a number", bool: "true or false",
    list: "a list", dict: "a block of keys", type(None): "nothing (an empty value)",
}

_EXPECTED = {
    "string_type": "text",
    "int_type": "a whole number", "int_parsing": "a whole number",
    "bool_type": "true or false", "bool_parsing": "true or false",
    "list_type": "a list (lines starting with '- ')", "tuple_type": "a list (lines starting with '- ')",
    "dict_type": "a block of keys", "model_type": "a block of keys",
    "model_attributes_type": "a block of keys",
}


def _arrived(value: Any) -> str:
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f'the text "{shown}"'
    for typ, name in _YAML_TYPE.items():
        if type(value) is typ:
            if typ in (int, float):
                return f"the number {value}"
            if typ is bool:
                return f"{str(value).lower()}"
            return name
    return type(value).__name__


def _model_at(model: type[BaseModel], loc: tuple) -> type[BaseModel] | None:
    """The schema class that owns the last key of loc (for listing the allowed keys)."""
    current: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        field = current.model_fields.get(part)
        if field is None:
            return None
        current = _inner_model(field.annotation)
    return current if isinstance(current, type) and issubclass(current, BaseModel) else None


def _inner_model(annotation):
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _inner_model(arg)
        if found is not None:
            return found
    if isinstance(annotation, str):
        return None
    return None


def _describe(model: type[BaseModel] | None, name: str) -> str | None:
    if model is None:
        return None
    field = model.model_fields.get(name)
    return field.description if field else None


def check_shape(loaded: Loaded, model: type[BaseModel], display: str) -> tuple[Any, list[Issue]]:
    """Validate loaded.data against model. Returns (object or None, issues)."""
    if not isinstance(loaded.data, dict):
        line, col = loaded.position(())
        return None, [Issue("schema.top-level",
                            f"The file should be a block of keys (like 'id: ...'), but it is {_arrived(loaded.data)}.",
                            file=display, line=line or 1, column=col or 1,
                            hint="Start the file with 'id:' and the other fields at the left edge.")]
    try:
        return model.model_validate(loaded.data), []
    except ValidationError as exc:
        errors = exc.errors()
        locs = [tuple(e["loc"]) for e in errors]
        kept = [e for e in errors
                if not (e["type"] == "too_short" and any(len(l) > len(e["loc"]) and l[:len(e["loc"])] == tuple(e["loc"])
                                                       for l in locs))]
        return None, [_to_issue(err, loaded, model, display) for err in kept]


def _to_issue(err: dict, loaded: Loaded, model: type[BaseModel], display: str) -> Issue:
    loc = tuple(p for p in err["loc"] if not (isinstance(p, str) and p.startswith("function-")))
    # pydantic appends "[key]" for dict keys; keep plain names only
    etype = err["type"]
    value = err.get("input")
    name = loc[-1] if loc else ""
    owner = _model_at(model, loc) if loc else model
    desc = _describe(owner, name) if isinstance(name, str) else None
    code, message, hint = "schema.invalid", err["msg"], None

    if etype == "missing":
        code = "schema.missing"
        message = f'The field "{name}" is required but missing.'
        hint = f'Add a line "{name}: ..."' + (f" ({desc})" if desc else "") + "."
        line, col = loaded.position(loc[:-1])
    elif etype == "extra_forbidden":
        code = "schema.unknown-field"
        message = f'"{name}" is not a field charterkit knows here.'
        allowed = ", ".join(owner.model_fields) if owner else ""
        hint = "Check the spelling, or remove it." + (f" Fields allowed here: {allowed}." if allowed else "")
        line, col = loaded.position(loc, prefer_key=True)
    elif etype in _EXPECTED:
        code = "schema.wrong-type"
        message = f"Expected {_EXPECTED[etype]}, but found {_arrived(value)}."
        if desc:
            hint = f'"{name}": {desc}'
        line, col = loaded.position(loc)
    elif etype == "string_pattern_mismatch":
        code = "schema.format"
        pattern = (err.get("ctx") or {}).get("pattern", "")
        if "a-z][a-z0-9]" in pattern:
            message = f'"{value}" is not a valid ID.'
            hint = "Use lower-case letters a to z, digits and single hyphens, starting with a letter, e.g. statement-1."
        elif "\\d{4}" in pattern:
            message = f'"{value}" is not a date charterkit can read.'
            hint = "Write dates as YYYY-MM-DD, YYYY-MM or YYYY, in quotes, e.g. \"2022-03-09\"."
        elif "https?" in pattern:
            message = f'"{value}" is not a web address.'
            hint = "Start web addresses with https:// (or mailto: for email)."
        else:
            message = f'"{value}" does not have the right format.'
            hint = desc
        line, col = loaded.position(loc)
    elif etype == "literal_error":
        code = "schema.choice"
        expected = (err.get("ctx") or {}).get("expected", "")
        arrived = _arrived(value)
        message = f'{arrived[:1].upper()}{arrived[1:]} is not one of the allowed values: {expected}.'
        hint = desc
        if isinstance(value, str) and f"'{value.strip().lower()}'" in expected:
            hint = f'Write it in small letters, exactly as shown: {value.strip().lower()}' + (f". ({desc})" if desc else ".")
        line, col = loaded.position(loc)
    elif etype in ("too_short", "too_long"):
        code = "schema.length"
        ctx = err.get("ctx") or {}
        if isinstance(value, (list, tuple)) and etype == "too_short":
            message = f"The list needs at least {ctx.get('min_length', 1)} entry, but it has {len(value)}."
        elif isinstance(value, str):
            message = f"The text is too {'short' if etype == 'too_short' else 'long'}."
        else:
            message = err["msg"] + "."
        hint = desc
        line, col = loaded.position(loc)
    elif etype == "value_error":
        code = "schema.value"
        message = err["msg"].removeprefix("Value error, ")
        message = message[:1].upper() + message[1:] + "."
        hint = desc
        line, col = loaded.position(loc)
    else:
        line, col = loaded.position(loc)
        message = err["msg"] + "."
        hint = desc
    return Issue(code, message, file=display, line=line, column=col, key=key_path(loc) if loc else None, hint=hint)
