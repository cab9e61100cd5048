"""Our haystack backend for Whoosh.

It changes three things in haystack's ``WhooshSearchBackend`` (DESIGN.md §7 has the numbers):

1. The schema. Facet fields become exact, sortable ``ID`` fields (haystack makes them analysed,
   stemmed ``TEXT``: "Beijing" came back as "beij"), a multi-valued facet keeps its values in a
   list column, text fields get no second ``sortable`` copy and no spelling field, and each
   text field uses the analyzer its ``SearchIndex`` field names.
2. The searcher. haystack opens new index readers for every query, and Whoosh's compound-file
   reader copies each segment into memory on every open. We keep one searcher per process and
   thread and refresh it only when the index generation changes.
3. Facets and narrowing. haystack runs every narrow query as a full scored search
   (``limit=None``) and counts facets with ``allow_overlap=True`` on every field, which for a
   single-valued field walks every posting of the field per query. We hand narrow queries to
   Whoosh as an unscored ``filter`` and count single-valued facets from their column.

Writes wait up to ``WRITER_TIMEOUT`` seconds for another writer's lock instead of failing at
once (Whoosh's default) or buffering in a thread (haystack's ``AsyncWriter``), and write
segments as separate files: Whoosh reads a compound segment by copying it into memory, once
per process here, separate files it reads in place.

Every write (``update``, ``remove``, ``clear``, ``optimize``) first takes ``search.locks``'s file
lock next to the index, the one the index queue's drain takes (``search.queue``), so
``update_index``, ``rebuild_index`` and the drain take turns instead of racing for Whoosh's lock.
And each document carries its object's ``updated`` time (``indexed_version``): a batch that
``update_index`` read before an article was saved, and writes after the queue already indexed
the new text, skips that article instead of writing the old text back (DESIGN.md §7).
"""

from __future__ import annotations

import datetime
import threading
from contextlib import contextmanager

from django.utils.encoding import force_str
from haystack.backends import log_query
from haystack.backends.whoosh_backend import (
    WhooshEngine,
    WhooshSearchBackend,
    WhooshSearchQuery,
)
from haystack.constants import DJANGO_CT, DJANGO_ID, ID
from haystack.exceptions import SearchBackendError, SkipDocument
from haystack.fields import FacetField
from haystack.utils import get_identifier, get_model_ct
from whoosh import columns
from whoosh import query as whoosh_query
from whoosh.analysis import StemmingAnalyzer
from whoosh.fields import BOOLEAN, DATETIME, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.fields import ID as WHOOSH_ID
from whoosh.sorting import Count, FacetType, FieldFacet, OverlappingCategorizer

from search.locks import IndexLock, index_lock

# One searcher per (thread, index directory): Whoosh readers are not safe to share between
# threads, and gunicorn's sync workers have one thread each, so in production this is one per
# process.
_local = threading.local()

# The stored field holding the version (``updated`` time in microseconds) of a document's object.
VERSION = "indexed_version"
_EPOCH = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def object_version(obj) -> int | None:
    """An object's ``updated`` time as whole microseconds since 1970, or None if it has none."""
    updated = getattr(obj, "updated", None)
    if not isinstance(updated, datetime.datetime):
        return None
    if updated.tzinfo is None:
        updated = updated.replace(tzinfo=datetime.UTC)
    return (updated - _EPOCH) // datetime.timedelta(microseconds=1)


class KEYWORDLIST(KEYWORD):
    """A comma-separated keyword field that also keeps each document's values in a column.

    Counting a multi-valued facet then reads the matching documents' lists, instead of
    Whoosh's fallback of walking every posting of the field on every query.
    """

    def __init__(self, stored: bool = True):
        super().__init__(stored=stored, commas=True, scorable=False)
        self.column_type = columns.VarBytesListColumn()

    def to_column_value(self, value):
        if isinstance(value, str):
            value = value.split(",")
        return [v.strip().encode("utf-8") for v in value if v and v.strip()]

    def from_column_value(self, value):
        return [v.decode("utf-8") for v in value]


class _ListCategorizer(OverlappingCategorizer):
    def key_to_name(self, key):
        return key.decode("utf-8") if isinstance(key, bytes) else key


class ListFacet(FacetType):
    """Facet on a ``KEYWORDLIST`` field: a document counts once under each of its values."""

    def __init__(self, fieldname: str, maptype=None):
        self.fieldname = fieldname
        self.maptype = maptype

    def default_name(self) -> str:
        return self.fieldname

    def categorizer(self, global_searcher):
        return _ListCategorizer(global_searcher, self.fieldname)


class ArchiveWhooshSearchBackend(WhooshSearchBackend):
    # Seconds a write waits for another process's writer (update_index, an admin save).
    WRITER_TIMEOUT = 60.0
    # update() keeps the newest copy of each object (see ``object_version``).
    VERSIONED = True

    def build_schema(self, fields):
        schema_fields = {
            ID: WHOOSH_ID(stored=True, unique=True),
            DJANGO_CT: WHOOSH_ID(stored=True),
            DJANGO_ID: WHOOSH_ID(stored=True),
            VERSION: STORED(),
        }
        content_field_name = ""

        for field in fields.values():
            name = field.index_fieldname
            if isinstance(field, FacetField):
                if field.is_multivalued:
                    schema_fields[name] = KEYWORDLIST(stored=field.stored)
                elif field.field_type == "integer":
                    schema_fields[name] = NUMERIC(stored=field.stored, numtype=int, sortable=True)
                else:
                    schema_fields[name] = WHOOSH_ID(stored=field.stored, sortable=True)
            elif not field.indexed:
                schema_fields[name] = STORED()
            elif field.is_multivalued:
                schema_fields[name] = KEYWORD(
                    stored=field.stored, commas=True, field_boost=field.boost
                )
            elif field.field_type in ("date", "datetime"):
                schema_fields[name] = DATETIME(stored=field.stored, sortable=True)
            elif field.field_type == "integer":
                schema_fields[name] = NUMERIC(
                    stored=field.stored, numtype=int, field_boost=field.boost, sortable=True
                )
            elif field.field_type == "float":
                schema_fields[name] = NUMERIC(
                    stored=field.stored, numtype=float, field_boost=field.boost
                )
            elif field.field_type == "boolean":
                schema_fields[name] = BOOLEAN(stored=field.stored)
            else:
                schema_fields[name] = TEXT(
                    stored=field.stored,
                    analyzer=field.analyzer or StemmingAnalyzer(),
                    field_boost=field.boost,
                    phrase=True,
                )
            if field.document:
                content_field_name = name

        if len(schema_fields) <= 4:
            raise SearchBackendError(
                "No fields were found in any search_indexes. "
                "Please correct this before attempting to search."
            )
        return content_field_name, Schema(**schema_fields)

    # --- Writing -------------------------------------------------------------------------

    def lock(self) -> IndexLock:
        """The cross-process lock every writer of this index takes (``search.locks``)."""
        if self.path:
            return index_lock(self.path)
        # An index in memory lives in this process only; the lock object does too.
        lock = getattr(self, "_memory_lock", None)
        if lock is None:
            lock = self._memory_lock = IndexLock(None)
        return lock

    @contextmanager
    def writing(self):
        """Hold the index lock, then Whoosh's writer; commit on success, cancel on error."""
        with self.lock().held(timeout=self.WRITER_TIMEOUT):
            writer = self.writer()
            try:
                yield writer
            except BaseException:
                writer.cancel()
                raise
            writer.commit()

    def writer(self):
        """A writer for this index, waiting for the lock rather than failing."""
        if not self.setup_complete:
            self.setup()
        self.index = self.index.refresh()
        return self.index.writer(timeout=self.WRITER_TIMEOUT, delay=0.05, compound=False)

    def update(self, index, iterable, commit=True, fresh=False):
        """Index objects; ``fresh=True`` when they were read under the lock (the queue's drain).

        Otherwise an object older than the copy in the index is skipped: ``update_index`` read
        it before a save that the queue has indexed since.
        """
        with self.writing() as writer, _StoredVersions(writer) as indexed_versions:
            for obj in iterable:
                version = object_version(obj)
                if (
                    not fresh
                    and version is not None
                    and version < indexed_versions.get(get_identifier(obj))
                ):
                    # Read before a later save that is already indexed: keep the newer text.
                    self.log.info("Skipping a stale copy of `%s`", obj)
                    continue
                try:
                    doc = index.full_prepare(obj)
                except SkipDocument:
                    self.log.debug("Indexing for object `%s` skipped", obj)
                    continue
                doc = {key: self._from_python(value) for key, value in doc.items()}
                doc.pop("boost", None)  # document boosts do not exist in Whoosh 2.5+
                if version is not None:
                    doc[VERSION] = version
                try:
                    writer.update_document(**doc)
                except Exception:
                    if not self.silently_fail:
                        raise
                    self.log.exception(
                        "Preparing object for update", extra={"data": {"index": index}}
                    )

    def remove(self, obj_or_string, commit=True):
        with self.writing() as writer:
            writer.delete_by_term(ID, get_identifier(obj_or_string))

    def clear(self, models=None, commit=True):
        if models is None:
            with self.lock().held(timeout=self.WRITER_TIMEOUT):
                self.delete_index()
            return
        with self.writing() as writer:
            cts = [get_model_ct(model) for model in models]
            writer.delete_by_query(
                whoosh_query.Or([whoosh_query.Term(DJANGO_CT, ct) for ct in cts])
            )

    def optimize(self):
        with self.lock().held(timeout=self.WRITER_TIMEOUT):
            writer = self.writer()
            writer.commit(optimize=True)

    # --- The long-lived searcher ---------------------------------------------------------

    def searcher(self):
        """This thread's searcher, refreshed when the index has a new generation."""
        if not self.setup_complete:
            self.setup()
        cache = getattr(_local, "searchers", None)
        if cache is None:
            cache = _local.searchers = {}
        key = self.path or id(self.storage)
        searcher = cache.get(key)
        if searcher is None or searcher.is_closed:
            searcher = self.index.searcher()
        elif not searcher.up_to_date():
            # Checking lists the index directory: microseconds, so do it on every query.
            searcher = self._fresh(searcher)
        cache[key] = searcher
        return searcher

    def _fresh(self, searcher):
        try:
            return searcher.refresh()
        except Exception:
            # The index was deleted and rebuilt under us (rebuild_index): start over.
            self.log.info("Reopening the Whoosh searcher for %s", self.path)
            return self.index.refresh().searcher()

    def forget_searcher(self) -> None:
        """Drop this thread's searcher (after deleting the index, and in tests)."""
        cache = getattr(_local, "searchers", None)
        if cache:
            searcher = cache.pop(self.path or id(self.storage), None)
            if searcher is not None:
                searcher.close()

    def delete_index(self):
        self.forget_searcher()
        super().delete_index()

    # --- Searching -----------------------------------------------------------------------

    def _facet(self, fieldname: str) -> FacetType:
        field = self.schema[fieldname] if fieldname in self.schema.names() else None
        if isinstance(field, KEYWORDLIST):
            return ListFacet(fieldname, maptype=Count)
        if field is not None and field.column_type is not None:
            return FieldFacet(fieldname, maptype=Count)
        # A field we did not build for facets: Whoosh's slow path still gives right counts.
        return FieldFacet(fieldname, allow_overlap=True, maptype=Count)

    def _sort_facets(self, sort_by):
        if not sort_by:
            return None, False
        directions = {s.startswith("-") for s in sort_by}
        if len(directions) > 1:
            raise SearchBackendError(
                "Whoosh requires all order_by fields to use the same sort direction"
            )
        names = [s.lstrip("-") for s in sort_by]
        return [FieldFacet(name) for name in names], directions == {True}

    def _filter(self, narrow_queries, models, limit_to_registered_models):
        """Narrow queries and the model restriction as one unscored Whoosh query, or None."""
        filters = []
        for narrow in narrow_queries or ():
            parsed = self.parser.parse(force_str(narrow))
            if parsed is not None and parsed is not whoosh_query.NullQuery:
                filters.append(parsed)

        if limit_to_registered_models is None:
            from django.conf import settings

            limit_to_registered_models = getattr(
                settings, "HAYSTACK_LIMIT_TO_REGISTERED_MODELS", True
            )
        if models:
            model_choices = sorted(get_model_ct(model) for model in models)
        elif limit_to_registered_models:
            model_choices = self.build_models_list()
        else:
            model_choices = []
        if model_choices:
            filters.append(
                whoosh_query.Or([whoosh_query.Term(DJANGO_CT, ct) for ct in model_choices])
            )
        if not filters:
            return None
        return filters[0] if len(filters) == 1 else whoosh_query.And(filters)

    @log_query
    def search(
        self,
        query_string,
        sort_by=None,
        start_offset=0,
        end_offset=None,
        fields="",
        highlight=False,
        facets=None,
        date_facets=None,
        query_facets=None,
        narrow_queries=None,
        spelling_query=None,
        within=None,
        dwithin=None,
        distance_point=None,
        models=None,
        limit_to_registered_models=None,
        result_class=None,
        **kwargs,
    ):
        if not self.setup_complete:
            self.setup()

        empty = {"results": [], "hits": 0, "facets": {}, "spelling_suggestion": None}
        query_string = force_str(query_string)
        if not query_string.strip():
            return empty

        if date_facets or query_facets:
            # Date facets run one query per bucket (slow); we index year/month/day keys instead.
            raise SearchBackendError(
                "ArchiveWhooshEngine counts field facets only: facet on year, month or day."
            )

        sortedby, reverse = self._sort_facets(sort_by)
        facet_names = list(facets or ())
        groupedby = {name: self._facet(name) for name in facet_names}

        searcher = self.searcher()
        if not searcher.doc_count():
            return empty

        parsed_query = (
            whoosh_query.Every() if query_string.strip() == "*" else self.parser.parse(query_string)
        )
        if parsed_query is None or parsed_query is whoosh_query.NullQuery:
            return empty

        page_num, page_length = self.calculate_page(start_offset, end_offset)
        try:
            raw_page = searcher.search_page(
                parsed_query,
                page_num,
                pagelen=page_length,
                sortedby=sortedby,
                reverse=reverse,
                groupedby=groupedby or None,
                filter=self._filter(narrow_queries, models, limit_to_registered_models),
            )
        except ValueError:
            if not self.silently_fail:
                raise
            return empty

        # Whoosh returns the last page when asked for one past it.
        if raw_page.pagenum < page_num:
            empty["hits"] = len(raw_page.results)
            return empty

        results = self._process_results(
            raw_page, result_class=result_class, facet_types=None, query_string=query_string
        )
        results["facets"] = self._facet_counts(raw_page.results, facet_names)
        return results

    def _facet_counts(self, whoosh_results, facet_names):
        """{"fields": {name: [(value, count), ...]}} most frequent first, as haystack expects."""
        fields = {}
        for name in facet_names:
            groups = whoosh_results.groups(name)
            counts = [(value, count) for value, count in groups.items() if value not in (None, "")]
            counts.sort(key=lambda item: (-item[1], str(item[0])))
            fields[name] = counts
        return {"fields": fields, "dates": {}, "queries": {}}


class _StoredVersions:
    """Each document's ``indexed_version``, read through the writer's own reader."""

    def __init__(self, writer):
        self.writer = writer
        self.searcher = None

    def __enter__(self):
        return self

    def __exit__(self, *exc_info):
        if self.searcher is not None:
            self.searcher.close()

    def get(self, identifier: str) -> int:
        if self.searcher is None:
            self.searcher = self.writer.searcher()
        fields = self.searcher.document(**{ID: identifier})
        version = (fields or {}).get(VERSION)
        return version if isinstance(version, int) else -1


class ArchiveWhooshEngine(WhooshEngine):
    backend = ArchiveWhooshSearchBackend
    query = WhooshSearchQuery
