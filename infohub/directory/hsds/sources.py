"""Where an import reads from: a data package in a folder or a .zip, or a JSON file.

A source only hands out the text of the files it holds; reading them into records is
readers.py's work. Nothing is extracted to disk, so a .zip cannot write anywhere.
"""

import zipfile
import zlib
from pathlib import Path, PurePosixPath

from infohub.directory.errors import DirectoryError
from infohub.directory.hsds.limits import MAX_MEMBERS, ExpansionBudget

DESCRIPTOR = "datapackage.json"
# Larger members are refused rather than decompressed into memory.
MAX_MEMBER_BYTES = 2 * 1024**3
_CHUNK = 1024 * 1024


class PackageSource:
    """The files of a tabular data package, named by their path inside the package."""

    def __init__(self, name: str) -> None:
        self.name = name

    def files(self) -> list[str]:
        raise NotImplementedError

    def read_bytes(self, path: str) -> bytes:
        raise NotImplementedError

    def has(self, path: str) -> bool:
        return path in self.files()


class FolderSource(PackageSource):
    def __init__(self, folder: Path) -> None:
        super().__init__(folder.name)
        self.folder = folder

    def files(self) -> list[str]:
        return sorted(
            path.relative_to(self.folder).as_posix()
            for path in self.folder.rglob("*")
            if path.is_file()
        )

    def read_bytes(self, path: str) -> bytes:
        return (self.folder / path).read_bytes()


class ZipSource(PackageSource):
    """A .zip holding a package at its root or in one folder."""

    def __init__(self, path: Path) -> None:
        super().__init__(path.name)
        try:
            self.archive = zipfile.ZipFile(path)
        except zipfile.BadZipFile:
            raise DirectoryError(f"{path.name} is not a valid .zip file.") from None
        if len(self.archive.infolist()) > MAX_MEMBERS:
            raise DirectoryError(
                f"{path.name} holds more than {MAX_MEMBERS} files; an HSDS package holds far fewer."
            )
        self.budget = ExpansionBudget(path.name)
        members = [info.filename for info in self.archive.infolist() if not info.is_dir()]
        descriptors = sorted(
            (m for m in members if PurePosixPath(m).name == DESCRIPTOR),
            key=lambda m: len(PurePosixPath(m).parts),
        )
        if not descriptors or len(PurePosixPath(descriptors[0]).parts) > 2:
            raise DirectoryError(
                f"{path.name} holds no {DESCRIPTOR}, at its root or in one folder; "
                "a data package needs one."
            )
        self.prefix = str(PurePosixPath(descriptors[0]).parent).removeprefix(".")
        if self.prefix:
            self.prefix += "/"
        self.members = {
            m.removeprefix(self.prefix): m for m in members if m.startswith(self.prefix)
        }

    def files(self) -> list[str]:
        return sorted(self.members)

    def read_bytes(self, path: str) -> bytes:
        info = self.archive.getinfo(self.members[path])
        if info.file_size > MAX_MEMBER_BYTES:
            raise DirectoryError(f"{path} is too large to import ({info.file_size} bytes).")
        chunks = []
        try:
            with self.archive.open(info) as member:
                while chunk := member.read(_CHUNK):
                    self.budget.take(len(chunk), member=path)
                    chunks.append(chunk)
        except (zipfile.BadZipFile, zlib.error, EOFError) as error:
            raise DirectoryError(f"{path} is damaged in {self.name}: {error}") from None
        return b"".join(chunks)


def open_package(path: Path) -> PackageSource:
    """The package at ``path`` (a folder or a .zip); raises DirectoryError otherwise."""
    if path.is_dir():
        if not (path / DESCRIPTOR).is_file():
            raise DirectoryError(f"{path.name} has no {DESCRIPTOR}; a data package needs one.")
        return FolderSource(path)
    return ZipSource(path)


def package_path_is_safe(path: object) -> bool:
    """A resource path inside the package: relative, without '..', not a URL."""
    if not isinstance(path, str) or not path or "://" in path or "\\" in path:
        return False
    parts = PurePosixPath(path).parts
    return not PurePosixPath(path).is_absolute() and ".." not in parts
