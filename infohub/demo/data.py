"""Illustrative demo data. Every name here is invented; none is a real office or person."""

ORGANISATIONS = [
    ("demo-hub-network", "Demo Hub Network (illustrative)", "hub_operator"),
    ("demo-legal-aid", "Demo Legal Aid Clinic (illustrative)", "service_provider"),
    ("demo-shelter", "Demo Family Shelter (illustrative)", "ngo"),
    ("demo-ministry", "Demo Migration Office (illustrative)", "government"),
]

HUBS = [
    ("demo-hub-cr", "Demo Hub San Isidro", "demo-hub-network", "CR", "San Isidro (demo)"),
    ("demo-hub-do", "Demo Hub Santo Domingo Este", "demo-hub-network", "DO", "Santo Domingo Este"),
]

# (username, role, hub slug or None, organisation slug or None)
STAFF = [
    ("demo-admin", "admin", None, "demo-hub-network"),
    ("demo-manager", "hub_manager", "demo-hub-cr", None),
    ("demo-counsellor", "counsellor", "demo-hub-cr", None),
    ("demo-counsellor-do", "counsellor", "demo-hub-do", None),
    ("demo-advisor", "community_advisor", "demo-hub-do", None),
    ("demo-provider", "provider_staff", None, "demo-legal-aid"),
    ("demo-editor", "editor", None, "demo-hub-network"),
    ("demo-analyst", "analyst", None, "demo-hub-network"),
    ("demo-dpo", "dpo", None, "demo-hub-network"),
]

# Shared by every demo account; printed by `make run`. Never use demo data in production.
DEMO_PASSWORD = "demo-only-Passw0rd"  # noqa: S105 - illustrative, refused in production
