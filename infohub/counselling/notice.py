"""The privacy notice counsellors give before recording a consent.

Every consent records the version of the notice the person was given; change this
constant, in the same release, when the notice's text changes.
"""

CURRENT_NOTICE_VERSION = "2026-01"
