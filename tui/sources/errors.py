"""The one error type of the source loaders."""


class SourceError(Exception):
    """An article could not be read; the message is fit to show a user on one line."""
