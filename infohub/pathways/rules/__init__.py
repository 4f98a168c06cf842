"""The eligibility rule language: rules are JSON trees, never code.

A rule is ``{"all": [rule, ...]}``, ``{"any": [rule, ...]}``, ``{"not": rule}`` or a
condition ``{"field": F, OP: value}`` with OP one of ``eq ne in not_in gt gte lt lte``.
Fields are declared questions (``QuestionSpec``). ``language.py`` validates a rule
against the questions, ``evaluation.py`` evaluates it in three-valued (Kleene) logic
over partial answers, and ``relevance.py`` says which unanswered questions can still
change the outcome. Nothing here touches the database.
"""
