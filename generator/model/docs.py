"""Write the editors' field reference (framework_data/SCHEMA.md) from the schema's own descriptions."""
from __future__ import annotations

import typing

from pydantic import BaseModel

from ..config import SiteConfig
from .glossary import Glossary
from .schema import Document


def _type_name(annotation) -> str:
    origin = typing.get_origin(annotation)
    args = [a for a in typing.get_args(annotation) if a is not type(None)]
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation.__name__
    if origin is tuple:
        return f"list of {_type_name(args[0])}"
    if origin is dict:
        return f"mapping of {_type_name(args[0])} to {_type_name(args[1])}"
    if origin is typing.Literal:
        return " or ".join(f"`{a}`" for a in typing.get_args(annotation))
    if origin is typing.Annotated:
        return _type_name(args[0])
    if args and origin is not None:
        return " or ".join(_type_name(a) for a in args)
    if annotation is str:
        return "text"
    if annotation is bool:
        return "true/false"
    if annotation is int:
        return "whole number"
    return getattr(annotation, "__name__", str(annotation))


def _models(root: type[BaseModel]) -> list[type[BaseModel]]:
    seen: list[type[BaseModel]] = []

    def visit(model):
        if model in seen:
            return
        seen.append(model)
        for field in model.model_fields.values():
            for sub in _inner(field.annotation):
                visit(sub)

    visit(root)
    return seen


def _inner(annotation):
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield annotation
    for arg in typing.get_args(annotation):
        yield from _inner(arg)


def schema_markdown() -> str:
    out = ["# Field reference\n",
           "Made by `charterkit schema --write` from the schema in `generator/`. Do not edit by hand.\n",
           "Fields marked *required* must be there; the others are optional.\n"]
    for title, root in (("Documents (framework_data/documents/*.yml)", Document),
                        ("Glossary (framework_data/glossary.yml)", Glossary), ("site_config.yml", SiteConfig)):
        out.append(f"\n## {title}\n")
        for model in _models(root):
            out.append(f"\n### {model.__name__}\n")
            if model.__doc__:
                out.append(model.__doc__.strip().splitlines()[0] + "\n")
            out.append("| field | type | what it is |\n| --- | --- | --- |")
            for name, field in model.model_fields.items():
                req = " *required*" if field.is_required() else ""
                out.append(f"| `{name}`{req} | {_type_name(field.annotation)} | {field.description or ''} |")
            out.append("")
        if root is Document:
            from .origin import origin_markdown
            out.append(origin_markdown())
    return "\n".join(out) + "\n"
