"""Our haystack backend for Whoosh (grown by the search issue)."""

from haystack.backends.whoosh_backend import WhooshEngine


class ArchiveWhooshEngine(WhooshEngine):
    pass
