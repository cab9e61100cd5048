import io
import zipfile

from archive.uploads import MAX_FILES, unpack_upload

LIMIT = 100_000


def zipped(entries: dict[str, bytes], compression=zipfile.ZIP_DEFLATED) -> io.BytesIO:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=compression) as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    buffer.seek(0)
    return buffer


def unpack(name, stream):
    return unpack_upload(name, stream, len(stream.getvalue()), LIMIT)


def test_a_text_file_is_taken_as_it_is():
    texts, problems = unpack("a.txt", io.BytesIO(b"Title: x"))
    assert [(t.name, t.data) for t in texts] == [("a.txt", b"Title: x")]
    assert problems == []


def test_a_zip_gives_its_text_files_named_inside_the_zip():
    texts, problems = unpack("batch.zip", zipped({"1957/a.txt": b"one", "b.txt": b"two"}))
    assert [t.name for t in texts] == ["batch.zip/1957/a.txt", "batch.zip/b.txt"]
    assert problems == []


def test_names_that_climb_out_of_the_folder_are_refused():
    texts, problems = unpack(
        "evil.zip", zipped({"../../etc/cron.txt": b"x", "/abs.txt": b"y", "ok.txt": b"z"})
    )
    assert [t.name for t in texts] == ["evil.zip/ok.txt"]
    assert [str(p) for p in problems] == [
        "evil.zip/../../etc/cron.txt: unsafe file name in the archive; refused",
        "evil.zip//abs.txt: unsafe file name in the archive; refused",
    ]


def test_a_zip_bomb_is_refused_without_unpacking_it():
    texts, problems = unpack("bomb.zip", zipped({"zeros.txt": b"0" * (LIMIT - 1)}))
    assert texts == []
    assert str(problems[0]) == (
        "bomb.zip/zeros.txt: compressed suspiciously well (a zip bomb?); refused"
    )


def test_files_too_large_are_refused_by_name():
    texts, problems = unpack("big.zip", zipped({"big.txt": b"x" * (LIMIT + 1)}, zipfile.ZIP_STORED))
    assert texts == []
    assert "big.zip/big.txt: is 0.1 MB, larger than the 0.1 MB" in str(problems[0])
    texts, problems = unpack_upload("big.txt", io.BytesIO(b""), LIMIT + 1, LIMIT)
    assert texts == [] and "larger than" in str(problems[0])


def test_other_kinds_of_files_are_refused():
    assert str(unpack("scan.pdf", io.BytesIO(b"%PDF"))[1][0]) == (
        "scan.pdf: only .txt files and .zip archives of them are accepted"
    )
    assert str(unpack("broken.zip", io.BytesIO(b"PK\x03\x04junk"))[1][0]) == (
        "broken.zip: this is not a readable .zip archive"
    )
    texts, problems = unpack("mixed.zip", zipped({"a.txt": b"a", "b.jpg": b"b", ".DS_Store": b"c"}))
    assert [t.name for t in texts] == ["mixed.zip/a.txt"]
    assert [str(p) for p in problems] == ["mixed.zip/b.jpg: not a .txt file; skipped"]


def test_too_many_files_are_refused_whole():
    entries = {f"{n}.txt": b"x" for n in range(MAX_FILES + 1)}
    texts, problems = unpack("many.zip", zipped(entries))
    assert texts == []
    assert f"holds {MAX_FILES + 1} files; at most {MAX_FILES} at a time" in str(problems[0])
