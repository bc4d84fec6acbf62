"""Errors that reach the user as one line naming the file and the reason."""


class InputError(Exception):
    """Bad input: a missing file, an unknown format, undecodable bytes, a bad row.

    The reason is written in Chinese and, for the English pages and `--lang en`, in English beside it; where
    no English is given (a setting's own check on the command line) both languages read the one sentence.
    The CLI prints `planwatch: <where>: <reason>` and exits 2.
    """

    def __init__(self, where: str, reason: str, english: str = "", *, where_en: str = "") -> None:
        super().__init__(f"{where}: {reason}")
        self.where = where
        self.reason = reason
        self.english = english or reason
        self.where_en = where_en or where

    def text(self, lang: str = "zh") -> str:
        """The reason in `lang` (zh or en)."""
        return self.english if lang == "en" else self.reason

    def place(self, lang: str = "zh") -> str:
        """Where the input is wrong in `lang`: the file, and the sheet of a workbook."""
        return self.where_en if lang == "en" else self.where

    def said(self, lang: str = "zh") -> str:
        """The one line the command line prints: where, then why."""
        return f"{self.place(lang)}: {self.text(lang)}"
