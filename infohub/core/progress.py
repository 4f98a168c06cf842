"""A progress bar on standard error for management commands that work through many items."""

from django.core.management.base import OutputWrapper


class ProgressBar:
    """A text bar on standard error, for inputs large enough to wait for.

    Called as ``bar(stage, done, total)``. On a terminal it redraws one line; otherwise
    (a log, a pipe) it writes a line each time the bar grows, so a log gets a few lines
    rather than one per item.
    """

    WIDTH = 20
    # Smaller inputs finish before a bar would be worth reading, unless on a terminal.
    MIN_ITEMS = 20

    def __init__(self, out: OutputWrapper, *, enabled: bool = True, unit: str = "files") -> None:
        self.out = out
        self.enabled = enabled
        self.unit = unit
        self.terminal = out.isatty()
        self.shown: dict[str, int] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        if not self.enabled or total == 0 or (total <= self.MIN_ITEMS and not self.terminal):
            return
        filled = self.WIDTH * done // total
        if not self.terminal and self.shown.get(stage) == filled:
            return
        self.shown[stage] = filled
        bar = "#" * filled + "." * (self.WIDTH - filled)
        line = f"{stage} [{bar}] {done}/{total} {self.unit}"
        if self.terminal:
            self.out.write(f"\r{line}", ending="\n" if done == total else "", style_func=_plain)
            self.out.flush()
        else:
            self.out.write(line, style_func=_plain)


def _plain(text: str) -> str:
    return text
