"""A problem found in content, located by file, line and column."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"
NOTICE = "notice"  # a suggestion (style): shown, fails neither the check nor the strict build

_SEVERITY_LABEL = {ERROR: "lỗi", WARNING: "cảnh báo", NOTICE: "gợi ý"}


@dataclass(frozen=True, slots=True)
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

    def format_github(self) -> str:
        """A GitHub Actions workflow command: shown on the pull request's changed line."""
        def escape(value: str, extra: str = "") -> str:
            value = value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
            for char in extra:
                value = value.replace(char, {":": "%3A", ",": "%2C"}[char])
            return value

        command = {WARNING: "warning", NOTICE: "notice"}.get(self.severity, "error")
        properties = [f"file={escape(self.path, ':,')}"]
        if self.line:
            properties.append(f"line={self.line}")
            if self.column:
                properties.append(f"col={self.column}")
        return f"::{command} {','.join(properties)}::{escape(self.message)}"

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.message)
