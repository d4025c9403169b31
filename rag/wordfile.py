"""Word processors' files as text, a paragraph a line: a Word document (``.docx``: its
paragraphs and its tables' cells in the order the document gives them, read with
python-docx) and Rich Text Format (``.rtf``, read with striprtf). ``rag.corpus`` reads that
text as it reads a ``.txt`` file (its first line the title; a date line under it, or the
date in the file name). Press releases, and the clippings news databases export, often come
this way.

A ``.docx`` is a zip archive; one whose document part would unpack to more than
``MAX_XML_BYTES`` is refused before it is parsed (a small file can unpack to gigabytes).
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from typing import Any

from rag.decode import Unreadable

MAX_XML_BYTES = 100 * 2**20
_DOCUMENT = "word/document.xml"


def docx_text(data: bytes) -> str:
    """The text of the ``.docx`` file ``data``: paragraphs and table cells a line each (a
    line break inside a paragraph kept). Raises ``Unreadable`` for anything else."""
    if not data.startswith(b"PK"):
        raise Unreadable("not a Word .docx file (no zip header; an old .doc must be saved as .docx)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            if _DOCUMENT not in archive.namelist():
                raise Unreadable(f"not a Word .docx file (a zip archive without {_DOCUMENT})")
            info = archive.getinfo(_DOCUMENT)
        if info.file_size > MAX_XML_BYTES:
            raise Unreadable(f"Word document too large when unpacked ({info.file_size / 2**20:.0f} MB)")
        import docx
        from docx.opc.exceptions import PackageNotFoundError

        try:
            document = docx.Document(io.BytesIO(data))
        except PackageNotFoundError:
            raise Unreadable("not a Word .docx file (no Word document in the archive)") from None
        lines = list(_lines(document))
    except Unreadable:
        raise
    # a broken archive (a bad CRC, compressed data that does not inflate, a method or an
    # encryption zipfile lacks), a part missing, XML that does not parse (lxml's error is a
    # SyntaxError)
    except (
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        NotImplementedError,
        RuntimeError,
        LookupError,
        ValueError,
        TypeError,
        AttributeError,
        SyntaxError,
        OSError,
    ) as exc:
        raise Unreadable(f"unreadable Word file ({type(exc).__name__}: {str(exc)[:80]})") from None
    return "\n".join(lines)


def _lines(container: Any) -> Iterator[str]:
    """The lines of a document, or of a table cell: each paragraph, and each table's cells
    row by row (a cell merged across columns once)."""
    for block in container.iter_inner_content():
        if hasattr(block, "rows"):
            for row in block.rows:
                cells = row.cells  # a merged cell is the same object in each column it spans
                for n, cell in enumerate(cells):
                    if not any(cell is before for before in cells[:n]):
                        yield from _lines(cell)
        elif block.text.strip():
            yield block.text


def rtf_text(data: bytes) -> str:
    """The text of the RTF file ``data``, a paragraph a line (its ``\\'e9`` escapes decoded
    by the code page it names). Raises ``Unreadable`` for anything else."""
    if not data.lstrip().startswith(b"{\\rtf"):
        raise Unreadable("not an RTF file (no {\\rtf header)")
    try:
        source = data.decode("utf-8")
    except UnicodeDecodeError:
        source = data.decode("latin-1")  # 8-bit bytes outside the escapes: one character each
    from striprtf.striprtf import rtf_to_text

    try:
        return str(rtf_to_text(source, errors="ignore"))
    except (ValueError, LookupError, IndexError, TypeError, ArithmeticError, RecursionError) as exc:
        raise Unreadable(f"unreadable RTF file ({type(exc).__name__}: {str(exc)[:80]})") from None
