"""The editorial workflow, written once for every kind of reviewed content.

Articles, pathways and alerts use it: the statuses and which may follow which
(``workflow.py``), the fields every reviewed object carries (``models.py``), the steps
that change them (``steps.py``: submit, publish by a second person, withdraw) and the
diff between the live text and the proposed one (``diff.py``). It imports no domain
app: each content app calls it from its own services, which write the audit row and
the search change in the same transaction.

The model is Wagtail's live revision and latest revision: an object is public while
``live`` is true, whatever its status says about the revision being worked on, so a
new revision can be drafted and reviewed while the live one stays public. Only
publishing (by a second person) changes what readers see, and only withdrawing takes
an object offline.
"""
