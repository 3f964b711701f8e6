"""The hash cache behind the quick "nothing changed" check: a file is read again whenever it
may have changed, and only then."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from alliance.render import fingerprint
from alliance.render.fingerprint import HashCache


@pytest.fixture
def counted(monkeypatch):
    """The names of the files HashCache actually read."""
    reads: list[str] = []
    real = Path.read_bytes

    def read_bytes(self):
        reads.append(self.name)
        return real(self)
    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    return reads


def aged(path: Path, seconds: float = 10) -> None:
    """Set the file's mtime in the past, as for a file edited a while ago."""
    t = time.time() - seconds
    os.utime(path, (t, t))


def recorded(tmp_path: Path, stamp=aged) -> tuple[Path, Path, str]:
    """A file a.csv (its times set by `stamp`), hashed and recorded in hashes.json."""
    f, record = tmp_path / "a.csv", tmp_path / "hashes.json"
    f.write_text("x\n1\n")
    stamp(f)
    cache = HashCache(record)
    value = cache.digest(f)
    cache.save(lambda p, text: p.write_text(text))
    return f, record, value


def test_an_unchanged_file_is_not_read_again(tmp_path, counted):
    f, record, value = recorded(tmp_path)
    counted.clear()
    assert HashCache(record).digest(f) == value
    assert counted == []


def test_an_edit_that_keeps_size_and_mtime_is_still_seen(tmp_path):
    """`cp -p`-like edits keep size and mtime; the inode change time still moves."""
    f, record, before = recorded(tmp_path)
    st = f.stat()
    time.sleep(0.01)
    f.write_text("x\n2\n")
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))  # same size, mtime put back
    assert HashCache(record).digest(f) != before


def test_a_file_changed_in_the_moment_it_was_recorded_is_always_read_again(tmp_path, counted):
    f, record, _ = recorded(tmp_path, stamp=lambda f: None)  # mtime: now, so not trusted yet
    counted.clear()
    HashCache(record).digest(f)
    assert counted == ["a.csv"]


def test_folders_fifos_and_missing_files_are_never_read(tmp_path, counted):
    os.mkfifo(tmp_path / "fifo")
    (tmp_path / "folder").mkdir()
    cache = HashCache()
    for name in ("fifo", "folder", "missing"):
        assert cache.digest(tmp_path / name) == "(missing)"
    assert counted == []


def test_a_broken_record_is_ignored(tmp_path):
    record = tmp_path / "hashes.json"
    record.write_text("{not json")
    f = tmp_path / "a.csv"
    f.write_text("x")
    assert HashCache(record).digest(f) == HashCache().digest(f)


def test_the_library_hash_changes_with_any_library_file(tmp_path, monkeypatch):
    lib = tmp_path / "lib"
    (lib / "templates").mkdir(parents=True)
    (lib / "a.py").write_text("x = 1\n")
    (lib / "templates" / "t.html").write_text("<p>")
    monkeypatch.setattr(fingerprint, "LIB_DIR", lib)
    before = fingerprint.lib_hash()
    (lib / "templates" / "t.html").write_text("<p>!")
    assert fingerprint.lib_hash() != before


def test_on_a_filesystem_with_whole_second_times_the_racy_window_is_seconds(tmp_path, counted):
    def whole_second(f):  # this second, as FAT would stamp
        whole = (time.time_ns() // 1_000_000_000) * 1_000_000_000
        os.utime(f, ns=(whole, whole))
    f, record, _ = recorded(tmp_path, stamp=whole_second)
    counted.clear()
    HashCache(record).digest(f)
    assert counted == ["a.csv"]  # within 2 s of a whole-second stamp: read again
