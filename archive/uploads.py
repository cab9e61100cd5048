"""Unpack what an editor uploads (.txt files, .zip archives of them) safely, before parsing.

Limits are checked before anything is decompressed or read whole: the number of files, each
file's size, the total size, the compression ratio (a zip bomb), and names that would escape
a folder (`../x.txt`, `/etc/passwd`). Each refused file gets a message naming it; the rest of
the batch can still go ahead.
"""

import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import BinaryIO

MAX_FILES = 500
MAX_TOTAL_BYTES = 50 * 1024 * 1024
# Text compresses about 3-5x; far more than this is a crafted archive, not articles.
MAX_COMPRESSION_RATIO = 50


@dataclass(frozen=True)
class UploadedText:
    name: str
    data: bytes


@dataclass(frozen=True)
class UploadProblem:
    name: str
    message: str

    def __str__(self) -> str:
        return f"{self.name}: {self.message}"


def unpack_upload(
    name: str, stream: BinaryIO, size: int, max_file_bytes: int
) -> tuple[list[UploadedText], list[UploadProblem]]:
    """The article files in one uploaded file (a .txt, or a .zip of .txt files)."""
    lower = name.lower()
    if lower.endswith(".zip"):
        return _unpack_zip(name, stream, max_file_bytes)
    if not lower.endswith(".txt"):
        return [], [UploadProblem(name, "only .txt files and .zip archives of them are accepted")]
    if size > max_file_bytes:
        return [], [UploadProblem(name, _too_large(size, max_file_bytes))]
    return [UploadedText(name, stream.read(max_file_bytes + 1))], []


def _unpack_zip(
    name: str, stream: BinaryIO, max_file_bytes: int
) -> tuple[list[UploadedText], list[UploadProblem]]:
    try:
        archive = zipfile.ZipFile(stream)
    except (zipfile.BadZipFile, OSError):
        return [], [UploadProblem(name, "this is not a readable .zip archive")]
    texts: list[UploadedText] = []
    problems: list[UploadProblem] = []
    with archive:
        members = [info for info in archive.infolist() if not info.is_dir()]
        if len(members) > MAX_FILES:
            return [], [
                UploadProblem(name, f"holds {len(members)} files; at most {MAX_FILES} at a time")
            ]
        declared = sum(info.file_size for info in members)
        if declared > MAX_TOTAL_BYTES:
            return [], [
                UploadProblem(
                    name, f"unpacks to {_mb(declared)}, more than the {_mb(MAX_TOTAL_BYTES)} limit"
                )
            ]
        for info in members:
            member = f"{name}/{info.filename}"
            path = PurePosixPath(info.filename.replace("\\", "/"))
            if path.is_absolute() or ".." in path.parts or ":" in path.parts[0]:
                problems.append(UploadProblem(member, "unsafe file name in the archive; refused"))
                continue
            if path.name.startswith(".") or "__MACOSX" in path.parts:
                continue  # hidden files and macOS resource forks, not articles
            if path.suffix.lower() != ".txt":
                problems.append(UploadProblem(member, "not a .txt file; skipped"))
                continue
            if info.file_size > max_file_bytes:
                problems.append(UploadProblem(member, _too_large(info.file_size, max_file_bytes)))
                continue
            if info.compress_size and info.file_size / info.compress_size > MAX_COMPRESSION_RATIO:
                problems.append(
                    UploadProblem(member, "compressed suspiciously well (a zip bomb?); refused")
                )
                continue
            try:
                with archive.open(info) as handle:
                    # Read one byte past the limit: the declared size in a zip can lie.
                    data = handle.read(max_file_bytes + 1)
            except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError) as error:
                problems.append(UploadProblem(member, f"cannot be unpacked ({error})"))
                continue
            if len(data) > max_file_bytes:
                problems.append(UploadProblem(member, _too_large(len(data), max_file_bytes)))
                continue
            texts.append(UploadedText(member, data))
    return texts, problems


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"


def _too_large(size: int, limit: int) -> str:
    return f"is {_mb(size)}, larger than the {_mb(limit)} an article file may be"
