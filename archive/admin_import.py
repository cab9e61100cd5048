"""The admin's "Import articles" page: paste or upload, preview every article, then confirm.

Nothing is saved before the editor confirms. The preview step parses each file with the same
parser as `import_articles` and keeps the valid files in a staging folder under the data
directory, named by a random token that only this editor's session knows; the confirm step
imports the chosen ones through `archive.ingest.save_article`, each in its own transaction.
"""

import json
import secrets
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from archive.ingest import Outcome, edited_fields, find_places, save_article
from archive.models import Article, Place
from archive.parser import ArticleFileError, ParsedArticle, parse_article_bytes
from archive.uploads import MAX_FILES, MAX_TOTAL_BYTES, UploadedText, UploadProblem, unpack_upload

SESSION_KEY = "archive_import_batches"
STAGING_MAX_AGE = 24 * 3600


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class ImportForm(forms.Form):
    pasted = forms.CharField(
        label=gettext_lazy("Paste one article"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 14, "cols": 100, "spellcheck": "false"}),
        help_text=gettext_lazy("The whole file: English part, the <hr /> line, then the original."),
    )
    pasted_name = forms.CharField(
        label=gettext_lazy("File name for the pasted article"),
        required=False,
        max_length=200,
        help_text=gettext_lazy(
            "Optional; an article imported again under the same name is updated."
        ),
    )
    files = MultipleFileField(
        label=gettext_lazy("Or upload files"),
        required=False,
        help_text=format_lazy(
            gettext_lazy(
                ".txt article files, or .zip archives of them: at most {files} files and "
                "{total_mb} MB in all; each article file at most {file_kb} KB."
            ),
            files=MAX_FILES,
            total_mb=MAX_TOTAL_BYTES // (1024 * 1024),
            file_kb=settings.ARCHIVE_MAX_FILE_BYTES // 1024,
        ),
    )

    def clean(self):
        data = super().clean()
        if not data.get("pasted", "").strip() and not data.get("files"):
            raise forms.ValidationError(_("Paste an article or choose files to upload."))
        return data


@dataclass
class PreviewItem:
    index: int
    name: str
    parsed: ParsedArticle | None = None
    errors: list[str] = field(default_factory=list)
    existing: Article | None = None
    status: str = ""
    edited: list[str] = field(default_factory=list)
    dateline_place: Place | None = None
    places: list[Place] = field(default_factory=list)

    @property
    def importable(self) -> bool:
        return self.parsed is not None and self.status != "unchanged"


def import_view(request: HttpRequest, model_admin) -> HttpResponse:
    if not model_admin.has_add_permission(request):
        raise PermissionDenied
    context = {
        **model_admin.admin_site.each_context(request),
        "opts": Article._meta,
        "title": _("Import articles"),
    }
    if request.method == "POST" and request.POST.get("token"):
        return _confirm(request, model_admin)
    if request.method == "POST":
        if int(request.META.get("CONTENT_LENGTH") or 0) > MAX_TOTAL_BYTES + 1024 * 1024:
            form = ImportForm()
            messages.error(
                request,
                _("The upload is larger than %(size)d MB.")
                % {"size": MAX_TOTAL_BYTES // (1024 * 1024)},
            )
        else:
            form = ImportForm(request.POST, request.FILES)
            if form.is_valid():
                return _preview(request, form, context)
    else:
        form = ImportForm()
    return render(request, "admin/archive/article/import_form.html", {**context, "form": form})


def _preview(request: HttpRequest, form: ImportForm, context: dict) -> HttpResponse:
    texts, problems = _collect(form)
    items = [_preview_item(index, text) for index, text in enumerate(texts)]
    token = secrets.token_urlsafe(16)
    staging = _staging_dir(token)
    staging.mkdir(parents=True)
    manifest = {}
    for item, text in zip(items, texts, strict=True):
        if item.importable:
            (staging / f"{item.index}.txt").write_bytes(text.data)
            manifest[str(item.index)] = item.name
    (staging / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False))
    request.session[SESSION_KEY] = [*request.session.get(SESSION_KEY, [])[-9:], token]
    _remove_old_staging()
    return render(
        request,
        "admin/archive/article/import_preview.html",
        {
            **context,
            "title": _("Check the articles before importing"),
            "items": items,
            "problems": [str(problem) for problem in problems],
            "token": token,
            "importable_count": sum(item.importable for item in items),
        },
    )


def _collect(form: ImportForm) -> tuple[list[UploadedText], list[UploadProblem]]:
    texts: list[UploadedText] = []
    problems: list[UploadProblem] = []
    pasted = form.cleaned_data.get("pasted", "")
    if pasted.strip():
        name = form.cleaned_data.get("pasted_name", "").strip() or "pasted.txt"
        texts.append(UploadedText(Path(name).name, pasted.encode("utf-8")))
    for upload in form.cleaned_data.get("files") or []:
        found, refused = unpack_upload(
            upload.name, upload, upload.size, settings.ARCHIVE_MAX_FILE_BYTES
        )
        texts += found
        problems += refused
    if len(texts) > MAX_FILES:
        problems.append(UploadProblem("upload", f"only the first {MAX_FILES} files are taken"))
        texts = texts[:MAX_FILES]
    return texts, problems


def _preview_item(index: int, text: UploadedText) -> PreviewItem:
    item = PreviewItem(index=index, name=text.name)
    try:
        item.parsed = parse_article_bytes(text.data, text.name, settings.ARCHIVE_MAX_FILE_BYTES)
    except ArticleFileError as problem:
        item.errors = [str(error) for error in problem.errors]
        item.status = "error"
        return item
    tags = find_places(item.parsed)
    found = Place.objects.in_bulk(tags.all)
    item.dateline_place = found.get(tags.dateline)
    item.places = [found[pk] for pk in tags.mentions if pk in found]
    same_text = Article.objects.filter(checksum=item.parsed.checksum).first()
    same_name = Article.objects.filter(source_name=_source_name(text.name)).first()
    if same_text:
        item.existing, item.status = same_text, "unchanged"
    elif same_name:
        item.existing, item.status = same_name, "update"
        item.edited = edited_fields(same_name)
    else:
        item.status = "new"
    return item


def _confirm(request: HttpRequest, model_admin) -> HttpResponse:
    token = request.POST["token"]
    staging = _staging_dir(token)
    if token not in request.session.get(SESSION_KEY, []) or not staging.is_dir():
        messages.error(request, _("This preview has expired; upload the articles again."))
        return HttpResponseRedirect(reverse("admin:archive_article_import"))
    manifest = json.loads((staging / "manifest.json").read_text())
    chosen = [key for key in request.POST.getlist("import") if key in manifest]
    publish = request.POST.get("publish") == "on"
    counts = dict.fromkeys(Outcome, 0)
    failures = []
    for key in chosen:
        name = manifest[key]
        try:
            parsed = parse_article_bytes(
                (staging / f"{key}.txt").read_bytes(), name, settings.ARCHIVE_MAX_FILE_BYTES
            )
            # The editor saw any edits this would overwrite on the preview and checked the box.
            outcome = save_article(
                parsed, _source_name(name), publish=publish, overwrite_edits=True
            )
            counts[outcome] += 1
        except ArticleFileError as problem:
            counts[Outcome.FAILED] += 1
            failures += [str(error) for error in problem.errors]
    shutil.rmtree(staging, ignore_errors=True)
    request.session[SESSION_KEY] = [t for t in request.session.get(SESSION_KEY, []) if t != token]
    summary = ", ".join(f"{outcome.value} {count}" for outcome, count in counts.items())
    level = messages.WARNING if failures or not chosen else messages.SUCCESS
    messages.add_message(request, level, _("Import finished: %(summary)s.") % {"summary": summary})
    for failure in failures:
        messages.error(request, failure)
    return HttpResponseRedirect(reverse("admin:archive_article_changelist"))


def _source_name(name: str) -> str:
    """The name an uploaded file is stored under: its own name without folders, as the
    command line stores a file's name."""
    return name.replace("\\", "/").rsplit("/", 1)[-1]


def _staging_dir(token: str) -> Path:
    if not token.replace("-", "").replace("_", "").isalnum():
        raise PermissionDenied
    return Path(settings.DATA_DIR) / "import-staging" / token


def _remove_old_staging() -> None:
    root = Path(settings.DATA_DIR) / "import-staging"
    cutoff = time.time() - STAGING_MAX_AGE
    for folder in root.iterdir() if root.is_dir() else []:
        if folder.stat().st_mtime < cutoff:
            shutil.rmtree(folder, ignore_errors=True)
