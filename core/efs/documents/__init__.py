"""Reading a Положение as it was adopted: DOCX, ODT, TXT or HTML → :class:`~efs.documents.model.Document`.

``efs.documents.reading.read(path)`` picks the reader by the file's content; every reader yields the
same :class:`~efs.documents.model.Document`: paragraphs with the numbering labels Word (or Writer) shows,
tables with their merged cells, and the document's text lines, numbered as LibreOffice's text export
numbers them. Nothing here is imported by ``import efs``.
"""
