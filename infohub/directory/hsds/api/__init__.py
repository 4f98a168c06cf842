"""The HSDS 3.0 API: the public directory under /api/hsds/, as the HSDS OpenAPI describes it.

Endpoints (GET and HEAD; no authentication; every response is JSON):

- ``/``: ``{"version": "3.0", "openapi_url": ...}``, the HSDS OpenAPI this API follows.
- ``/services``: a page of services. Items are one-to-one fields with the
  organization and the program (``service_list``); ``full=true`` gives full services,
  ``minimal=true`` only id, name, status and last change. Filters: ``search``,
  ``organization_id``, ``taxonomy_term_id``, ``taxonomy_id``, ``modified_after``.
- ``/services/{id}``: a full service (``service_full``).
- ``/organizations``: a page of organizations, one-to-one fields; ``full=true`` nests
  their details and services (one-to-one fields), ``full_service=true`` full services.
  Filter: ``search``.
- ``/organizations/{id}``: a full organization with its services' one-to-one fields,
  or with full services when ``full_service=true``.
- ``/service_at_locations``: a page of services at locations, each with its location
  and its service (``service_at_location_list``); ``full=true`` gives them in full.
  Filters: those of ``/services`` (on the service), ``postcode`` and ``proximity``.
- ``/service_at_locations/{id}``: a full service at a location.
- ``/taxonomies``, ``/taxonomies/{id}``: taxonomies. Filter: ``search``.
- ``/taxonomy_terms``, ``/taxonomy_terms/{id}``: terms with their taxonomy. Filters:
  ``search``, ``taxonomy_id``, ``parent_id``, ``top_only``.

Parameters:

- ``page`` (from 1, default 1) and ``per_page`` (1 to 100, default 50) on every list;
  lists answer the HSDS page object: ``total_items``, ``total_pages``,
  ``page_number``, ``size`` (the items on this page), ``first_page``, ``last_page``,
  ``empty`` (this page has no items) and ``contents``.
- ``search``: every word must be in the name, alternate name or description (a
  service at a location: of its service, its location or itself; a term: also its
  code), in the HSDS text or in any translation, ignoring case.
- ``modified_after``: a date (midnight UTC) or an ISO 8601 date and time; services
  whose ``last_modified`` is on or after it.
- ``taxonomy_term_id`` and ``taxonomy_id``: rows an attribute links to the term, or to
  any term of the taxonomy (for services at locations, on the service or on itself).
- ``postcode``: services at locations whose location has an address with that postal
  code, ignoring case, spaces and hyphens.
- ``proximity``: ``latitude,longitude,metres``, or ``metres`` with a ``postcode``,
  measured from the centre of the public locations with an address in it (then the
  postcode itself no longer filters). Results are nearest first. Distances are
  haversine distances on plain latitude and longitude columns, no GIS.
- ``lang`` (a content language), else the best content language of
  ``Accept-Language``, else the default language, selects the text of translatable
  fields, each falling back along the language's chain (as articles do). The answer
  says the language asked for in ``Content-Language``.
- An empty value is the same as an absent one; unknown parameters are ignored.

What is public: published services (listing status), never a confidential location.
A row that points to an unpublished service or a confidential location, directly or
through other rows, is never shown either (see ``selectors``): a service given at a
confidential location is listed without that location, and the location's address,
coordinates, phones, contacts, schedules and its service-at-location (even its id)
appear nowhere. The rule is the export's.

Errors use the API's one error shape, ``{"error": {"code", "message", "details"}}``
(infohub.core.http_errors): 404 ``not_found`` for an unknown, malformed or hidden id (they
cannot be told apart), 422 ``validation_error`` for a bad parameter, with
``details`` ``[{"loc": ["query", name], "msg": ...}]``, 405 for other methods.

Differences from the HSDS 3.0 OpenAPI:

- ``/service_at_locations/{id}`` answers a service at a location; the document
  refers to the compiled service schema there, a slip.
- ``minimal=true`` keeps ``name`` and ``status``, which the ``service_list`` schema
  requires, besides ``id`` and ``last_modified``.
- ``format`` accepts only ``json``: ``ndjson`` streaming is not offered.
- Values the document allows but this API cannot use are a 422: ``page`` below 1,
  ``per_page`` outside 1 to 100, ids that are not UUIDs, ``modified_after`` that is
  not a date, a malformed ``proximity``, ``minimal`` together with ``full``.
- ``top_only=true`` gives the terms with no parent (the document's description says
  "that have not child terms", which contradicts the name).
- ``postcode`` does not read service areas (their extents are not interpreted), and a
  postcode's centre is that of the directory's own public locations there.
- ``lang`` is an extension.
- Errors (404, 422, 405) are not in the document; they have the shape above.
"""
