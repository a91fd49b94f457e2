"""``efs draft``: a Положение (DOCX, ODT, TXT, HTML) → a configuration to review, with a review list.

:func:`efs.drafting.draft.draft_document` reads nothing itself: it takes a
:class:`~efs.documents.model.Document` and the configurations already encoded (precedents for mapping
function bullets and subject kinds) and returns a :class:`~efs.drafting.draft.Draft`: the configuration
as data, every item with its ``source`` (document, section as printed, line) and verbatim text, and the
review list — each mapping the drafter is not sure of, with its alternatives. Nothing here is imported
by ``import efs`` or by any command but ``efs draft``.
"""
