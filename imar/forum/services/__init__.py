"""Writes of the forum app, one module per concern; each runs in a transaction and records an
audit event."""
