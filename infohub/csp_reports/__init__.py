"""Browsers' reports of Content-Security-Policy violations, kept only as counts per day.

A report names the page, the blocked address, often the user agent and the script
sample: enough to identify a visitor. What is kept is the directive, the blocked host
(or "inline", "eval", a scheme) and the day, so a wrong policy or an injected script
shows up without anything about who saw it.
"""
