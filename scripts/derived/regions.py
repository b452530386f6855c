"""A generated region inside a hand-written file, between two marker comments."""

import re
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Region:
    path: Path
    name: str  # the marker text: "# >>> {name}" ... "# <<< {name}"

    def _pattern(self) -> re.Pattern:
        return re.compile(
            rf"(?ms)^([ \t]*)# >>> {re.escape(self.name)}[^\n]*\n(.*?)^[ \t]*# <<< {re.escape(self.name)}\n"
        )

    def current(self) -> str:
        match = self._pattern().search(self.path.read_text(encoding="utf-8"))
        if not match:
            raise ValueError(
                f"{self.path}: the markers '# >>> {self.name}' / '# <<< {self.name}' are missing"
            )
        return match.group(2)

    def write(self, body: str) -> None:
        text = self.path.read_text(encoding="utf-8")
        self.current()  # markers present

        def replace(match: re.Match) -> str:
            indent = match.group(1)
            head = match.group(0).splitlines()[0]
            return f"{head}\n{body}{indent}# <<< {self.name}\n"

        self.path.write_text(self._pattern().sub(replace, text, count=1), encoding="utf-8")
