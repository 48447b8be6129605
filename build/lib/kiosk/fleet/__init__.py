"""A clinic chain: daily summaries and heartbeats out, merged reports and health on the hub (no Qt)."""
