"""Field types are part of the wire protocol; they live in `zpd.fieldtypes`."""

from zpd.fieldtypes import (
    Category,
    FieldDef,
    FieldType,
    JsonValue,
    Sensitivity,
    TextFormat,
    is_valid_key,
)

__all__ = [
    "Category",
    "FieldDef",
    "FieldType",
    "JsonValue",
    "Sensitivity",
    "TextFormat",
    "is_valid_key",
]
