"""Hubs as places: the public hub directory, read from the service directory.

A hub (``accounts.Hub``) points to its own HSDS location and service; its address,
opening hours, phones and languages are read from them, never copied, so the portal's
hub page, ``GET /api/v1/hub-directory`` and the service pages always agree, and
appointments can use the same hours. Only active hubs are listed; a confidential
location never gives a hub an address, a phone or hours.
"""
