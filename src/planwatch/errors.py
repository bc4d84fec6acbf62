"""Errors that reach the user as one line naming the file and the reason."""


class InputError(Exception):
    """Bad input: a missing file, an unknown format, undecodable bytes, a bad row.

    The CLI prints `planwatch: <where>: <reason>` and exits 2.
    """

    def __init__(self, where: str, reason: str) -> None:
        super().__init__(f"{where}: {reason}")
        self.where = where
        self.reason = reason
