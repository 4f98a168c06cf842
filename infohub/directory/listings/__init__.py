"""Keeping listings fresh: verification links, proposed changes, feedback, provider pages."""
