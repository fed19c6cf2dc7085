"""The version of newsvoices (one place, read by the package and by the cache keys)."""

VERSION = "0.1.0"
