"""Errors for input files that a user supplies: reference data, schedules, remittances."""


class InputFileError(ValueError):
    """A file that cannot be read as the format it claims to be.

    The message names the file, the line and the value at fault and says what to do, so
    that an office administrator can fix the file without reading code.
    """

    def __init__(self, path, line, value, problem, fix=""):
        self.path = str(path)
        self.line = line
        self.value = value
        self.problem = problem
        self.fix = fix
        super().__init__(self.describe())

    def describe(self):
        where = self.path if self.line is None else f"{self.path}, line {self.line}"
        text = f"{where}: {self.problem}"
        if self.value is not None:
            text += f" (value {self.value!r})"
        if self.fix:
            text += f". {self.fix.rstrip('.')}"
        return text + "."
