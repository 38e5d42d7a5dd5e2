"""Named exceptions. Library code raises these; only the CLI turns them into exit codes."""


class EventwireError(Exception):
    """Base class of every error eventwire raises on purpose."""


class InputError(EventwireError):
    """An input (file, line, article) cannot be read or coded; the message says why."""


class ResourceError(EventwireError):
    """A packaged data file (lexicon, dictionary, gazetteer) is missing or malformed."""


class GoldDataError(EventwireError):
    """An evaluation data set is missing or cannot be parsed."""


class StoreError(EventwireError):
    """The event store cannot be opened, migrated, read or written; the message says why."""
