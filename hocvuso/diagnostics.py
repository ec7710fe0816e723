"""A problem found in content, located by file, line and column."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"

_SEVERITY_LABEL = {ERROR: "lỗi", WARNING: "cảnh báo"}


@dataclass(frozen=True)
class Diagnostic:
    path: str
    line: int  # 1-based; 0 when unknown
    column: int  # 1-based; 0 when unknown
    message: str
    severity: str = ERROR

    def format(self) -> str:
        """`file:line:column: lỗi: message`, the shape editors and CI annotations understand."""
        location = self.path
        if self.line:
            location += f":{self.line}"
            if self.column:
                location += f":{self.column}"
        return f"{location}: {_SEVERITY_LABEL[self.severity]}: {self.message}"

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.message)
