"""Case codes as people type them: any case, with or without the hyphen, with spaces."""

import re

CASE_CODE = re.compile(r"[A-Z0-9]{4}-[A-Z0-9]{4}")


def case_code_canonical(typed: str) -> str:
    """The stored form of a typed code (``gts2 pban`` → ``GTS2-PBAN``); "" if it cannot be one."""
    raw = re.sub(r"[\s-]", "", typed).upper()
    code = f"{raw[:4]}-{raw[4:]}"
    return code if CASE_CODE.fullmatch(code) else ""
