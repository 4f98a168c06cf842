"""HSDS 3.0 in and out: the bundled schemas, import, export and the HSDS API."""
