"""Date and number formats for the languages Django ships none for (``FORMAT_MODULE_PATH``).

Django finds ``infohub.formats.<lang>.formats`` before its own ``django.conf.locale``
modules. The month, weekday and country names those formats print come from gettext;
for Haitian Creole they are in ``names/ht/LC_MESSAGES/django.po``, a catalog of the
strings Django and django-countries translate but ship no Kreyòl for (``LOCALE_PATHS``).
"""
